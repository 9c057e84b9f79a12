output "sns_topic_arn" {
  description = "ARN of the alarm topic (subscribe on-call tooling here)."
  value       = aws_sns_topic.this.arn
}

output "sns_topic_name" {
  description = "Name of the alarm topic."
  value       = aws_sns_topic.this.name
}

output "alarm_arns" {
  description = "ARNs of every alarm, keyed by alarm name."
  value = {
    for a in concat(
      [aws_cloudwatch_metric_alarm.api_5xx_rate, aws_cloudwatch_metric_alarm.api_p99_latency],
      aws_cloudwatch_metric_alarm.iterator_age,
      aws_cloudwatch_metric_alarm.outbox_oldest_age,
      aws_cloudwatch_metric_alarm.outbox_parked,
      [aws_cloudwatch_metric_alarm.failed_put_events],
      values(aws_cloudwatch_metric_alarm.dlq_depth),
      values(aws_cloudwatch_metric_alarm.lambda_errors),
      values(aws_cloudwatch_metric_alarm.lambda_throttles),
    ) : a.alarm_name => a.arn
  }
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "sns_topic_kms_key_arn" {
  description = "ARN of the KMS key encrypting the alarm topic."
  value       = aws_sns_topic.this.kms_master_key_id
}

output "dead_letter_queue_alarms" {
  description = "Depth alarm of every queue that must stay empty, keyed by logical name: { alarm_name, queue_name, threshold }."
  value = {
    for key, a in aws_cloudwatch_metric_alarm.dlq_depth : key => {
      alarm_name = a.alarm_name
      queue_name = a.dimensions.QueueName
      threshold  = a.threshold
    }
  }
}

output "dashboard_body_json" {
  description = "Body of the CloudWatch dashboard (JSON)."
  value       = aws_cloudwatch_dashboard.this.dashboard_body
}

output "email_subscription_endpoints" {
  description = "E-mail addresses subscribed to the alarm topic."
  value       = sort([for s in aws_sns_topic_subscription.email : s.endpoint])
}

output "event_publishing_alarm" {
  description = "The alarm on the publisher's lag: { alarm_name, namespace, metric_name, dimensions, statistic, threshold, treat_missing_data }."
  value = one([
    for a in concat(aws_cloudwatch_metric_alarm.iterator_age, aws_cloudwatch_metric_alarm.outbox_oldest_age) : {
      alarm_name         = a.alarm_name
      namespace          = a.namespace
      metric_name        = a.metric_name
      dimensions         = a.dimensions
      statistic          = a.statistic
      threshold          = a.threshold
      treat_missing_data = a.treat_missing_data
    }
  ])
}
