locals {
  alarm_actions = [aws_sns_topic.this.arn]
  runbook       = "See docs/runbook.md, section Alarms."
}

resource "aws_cloudwatch_metric_alarm" "api_5xx_rate" {
  alarm_name        = "${var.name}-api-5xx-rate"
  alarm_description = "More than ${var.api_5xx_rate_threshold * 100}% of API requests answered 5xx in 3 of 5 minutes. ${local.runbook}"

  namespace   = "AWS/ApiGateway"
  metric_name = "5XXError"
  dimensions = {
    ApiName = var.rest_api_name
    Stage   = var.stage_name
  }
  statistic = "Average"

  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.api_5xx_rate_threshold
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "api_p99_latency" {
  alarm_name        = "${var.name}-api-p99-latency"
  alarm_description = "API p99 latency above ${var.api_p99_latency_threshold_ms} ms in 3 of 5 minutes. ${local.runbook}"

  namespace   = "AWS/ApiGateway"
  metric_name = "Latency"
  dimensions = {
    ApiName = var.rest_api_name
    Stage   = var.stage_name
  }
  extended_statistic = "p99"

  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.api_p99_latency_threshold_ms
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = var.function_names

  alarm_name        = "${var.name}-${each.key}-errors"
  alarm_description = "${each.value} failed (unhandled error or timeout) in the last 5 minutes. ${local.runbook}"

  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions = {
    FunctionName = each.value
  }
  statistic = "Sum"

  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  for_each = var.function_names

  alarm_name        = "${var.name}-${each.key}-throttles"
  alarm_description = "${each.value} was throttled (concurrency exhausted) in the last 5 minutes. ${local.runbook}"

  namespace   = "AWS/Lambda"
  metric_name = "Throttles"
  dimensions = {
    FunctionName = each.value
  }
  statistic = "Sum"

  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "iterator_age" {
  count = var.event_publisher.kind == "stream" ? 1 : 0

  alarm_name        = "${var.name}-stream-iterator-age"
  alarm_description = "${var.event_publisher.function_name} lags the products stream by more than ${var.iterator_age_threshold_ms} ms in 3 of 5 minutes. ${local.runbook}"

  namespace   = "AWS/Lambda"
  metric_name = "IteratorAge"
  dimensions = {
    FunctionName = var.event_publisher.function_name
  }
  statistic = "Maximum"

  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.iterator_age_threshold_ms
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

# The relay reports the age of the oldest unpublished change at the end of every invocation (one a
# minute). No report at all means the relay is not running or cannot reach the database: changes
# wait (never lost), so missing data alarms too.
resource "aws_cloudwatch_metric_alarm" "outbox_oldest_age" {
  count = var.event_publisher.kind == "outbox" ? 1 : 0

  alarm_name        = "${var.name}-outbox-oldest-age"
  alarm_description = "The oldest unpublished product change is older than ${var.outbox_oldest_age_threshold_ms} ms, or ${var.event_publisher.function_name} stopped reporting, in 3 of 5 minutes. ${local.runbook}"

  namespace   = var.metrics_namespace
  metric_name = "OutboxOldestAge"
  dimensions = {
    service = var.service_name
  }
  statistic = "Maximum"

  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.outbox_oldest_age_threshold_ms
  treat_missing_data  = "breaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

# A row the relay gave up on is parked (kept, never dropped) and its product's later changes go on
# (ADR 0013): that change stays unpublished until an operator requeues it. The relay reports the
# parked rows once a minute; silence is the oldest-age alarm's to catch.
resource "aws_cloudwatch_metric_alarm" "outbox_parked" {
  count = var.event_publisher.kind == "outbox" ? 1 : 0

  alarm_name        = "${var.name}-outbox-parked"
  alarm_description = "${var.event_publisher.function_name} parked outbox rows it could not publish (OutboxParked > 0): their changes wait for an operator. ${local.runbook}"

  namespace   = var.metrics_namespace
  metric_name = "OutboxParked"
  dimensions = {
    service = var.service_name
  }
  statistic = "Maximum"

  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  for_each = var.dead_letter_queue_names

  alarm_name        = "${var.name}-${each.key}-depth"
  alarm_description = "${each.value} holds messages: work was given up on and needs an operator. ${local.runbook}"

  namespace   = "AWS/SQS"
  metric_name = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = each.value
  }
  statistic = "Maximum"

  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "failed_put_events" {
  alarm_name        = "${var.name}-failed-put-events"
  alarm_description = "${var.event_publisher.function_name} could not publish some events to EventBridge (EventsFailed > 0); they are being retried. ${local.runbook}"

  namespace   = var.metrics_namespace
  metric_name = "EventsFailed"
  dimensions = {
    service = var.service_name
  }
  statistic = "Sum"

  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions

  tags = var.tags
}
