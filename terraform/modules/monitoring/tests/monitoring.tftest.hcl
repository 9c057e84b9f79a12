mock_provider "aws" {
  override_during = plan

  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:eu-west-1:123456789012:catalog-test-alarms"
    }
  }

  mock_resource "aws_cloudwatch_metric_alarm" {
    defaults = {
      arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:catalog-test"
    }
  }

  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
}

variables {
  name          = "catalog-test"
  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  rest_api_name = "catalog-test"
  stage_name    = "v1"
  function_names = {
    create-product         = "catalog-test-create-product"
    publish-product-events = "catalog-test-publish-product-events"
  }
  event_publisher         = { kind = "stream", function_name = "catalog-test-publish-product-events" }
  store                   = { kind = "dynamodb", table_name = "catalog-test-products" }
  dead_letter_queue_names = { stream-on-failure = "catalog-test-publish-product-events-on-failure" }
  service_name            = "catalog-test"
  alarm_email_endpoints   = ["oncall@example.com"]
}

run "alarms_cover_the_api_functions_stream_dlq_and_publishing" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.api_5xx_rate.namespace == "AWS/ApiGateway" &&
      aws_cloudwatch_metric_alarm.api_5xx_rate.metric_name == "5XXError" &&
      aws_cloudwatch_metric_alarm.api_5xx_rate.statistic == "Average" &&
      aws_cloudwatch_metric_alarm.api_5xx_rate.threshold == 0.01 &&
      aws_cloudwatch_metric_alarm.api_5xx_rate.dimensions == tomap({ ApiName = "catalog-test", Stage = "v1" })
    )
    error_message = "The 5xx alarm must watch the API's 5xx rate (Average of 5XXError) above 1%."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.api_p99_latency.extended_statistic == "p99" && aws_cloudwatch_metric_alarm.api_p99_latency.metric_name == "Latency"
    error_message = "The latency alarm must watch p99 Latency."
  }

  assert {
    condition     = keys(aws_cloudwatch_metric_alarm.lambda_errors) == ["create-product", "publish-product-events"] && keys(aws_cloudwatch_metric_alarm.lambda_throttles) == ["create-product", "publish-product-events"]
    error_message = "Every function needs an errors and a throttles alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.lambda_throttles["create-product"].metric_name == "Throttles" && aws_cloudwatch_metric_alarm.lambda_errors["create-product"].dimensions.FunctionName == "catalog-test-create-product"
    error_message = "Function alarms must watch the right function."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.iterator_age[0].metric_name == "IteratorAge" && aws_cloudwatch_metric_alarm.iterator_age[0].dimensions.FunctionName == "catalog-test-publish-product-events" && length(aws_cloudwatch_metric_alarm.outbox_oldest_age) == 0 && length(aws_cloudwatch_metric_alarm.outbox_parked) == 0
    error_message = "The iterator age alarm must watch the stream function (and no outbox alarm exists on the stream path)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dlq_depth["stream-on-failure"].dimensions.QueueName == "catalog-test-publish-product-events-on-failure" && aws_cloudwatch_metric_alarm.dlq_depth["stream-on-failure"].threshold == 0
    error_message = "The on-failure queue must alarm on its first message."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.failed_put_events.namespace == "Catalog" &&
      aws_cloudwatch_metric_alarm.failed_put_events.metric_name == "EventsFailed" &&
      aws_cloudwatch_metric_alarm.failed_put_events.statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.failed_put_events.dimensions == tomap({ service = "catalog-test" })
    )
    error_message = "Failed PutEvents must alarm on the EventsFailed EMF metric (Sum > 0, service dimension)."
  }

  assert {
    condition     = length(output.alarm_arns) == 9
    error_message = "2 API + 2x2 function + iterator age + DLQ + PutEvents alarms expected."
  }
}

run "alarms_notify_an_encrypted_topic" {
  command = plan

  assert {
    condition     = aws_sns_topic.this.kms_master_key_id == var.kms_key_arn
    error_message = "The alarm topic must be KMS encrypted."
  }

  assert {
    condition = alltrue(concat(
      [for a in [aws_cloudwatch_metric_alarm.api_5xx_rate, aws_cloudwatch_metric_alarm.api_p99_latency, aws_cloudwatch_metric_alarm.iterator_age[0], aws_cloudwatch_metric_alarm.failed_put_events] : a.alarm_actions == toset([aws_sns_topic.this.arn])],
      [for a in values(aws_cloudwatch_metric_alarm.lambda_errors) : a.alarm_actions == toset([aws_sns_topic.this.arn])],
      [for a in values(aws_cloudwatch_metric_alarm.dlq_depth) : a.ok_actions == toset([aws_sns_topic.this.arn])],
    ))
    error_message = "Every alarm must notify the topic."
  }

  assert {
    condition     = aws_sns_topic_subscription.email["oncall@example.com"].protocol == "email"
    error_message = "E-mail endpoints must be subscribed."
  }
}

run "dashboard_shows_every_signal" {
  command = plan

  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets) == 11
    error_message = "The dashboard must hold ten metric widgets and the alarm widget."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[0].properties.region == "eu-west-1"
    error_message = "Widgets must target the deployment region."
  }
}

run "rejects_a_percentage_threshold" {
  command = plan

  variables {
    api_5xx_rate_threshold = 5
  }

  expect_failures = [var.api_5xx_rate_threshold]
}

run "every_queue_that_must_stay_empty_alarms_and_shows_on_the_dashboard" {
  command = plan

  variables {
    dead_letter_queue_names = {
      stream-on-failure = "catalog-test-publish-product-events-on-failure"
      events-dlq        = "catalog-test-dlq"
    }
  }

  assert {
    condition = output.dead_letter_queue_alarms == {
      stream-on-failure = { alarm_name = "catalog-test-stream-on-failure-depth", queue_name = "catalog-test-publish-product-events-on-failure", threshold = 0 }
      events-dlq        = { alarm_name = "catalog-test-events-dlq-depth", queue_name = "catalog-test-dlq", threshold = 0 }
    }
    error_message = "Each queue must alarm on its first message."
  }

  assert {
    condition = one([
      for w in jsondecode(output.dashboard_body_json).widgets : w.properties.metrics if try(w.properties.title, "") == "Dead-letter queues (visible messages)"
      ]) == [
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "catalog-test-dlq", { label = "events-dlq" }],
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "catalog-test-publish-product-events-on-failure", { label = "stream-on-failure" }],
    ]
    error_message = "The dashboard must chart every dead-letter queue."
  }
}

# With PostgreSQL the relay publishes: its lag is the age of the oldest unpublished outbox row, and
# a relay that stopped reporting alarms too. The dashboard keeps the same panels.
run "the_outbox_relay_alarms_on_the_oldest_unpublished_change" {
  command = plan

  variables {
    function_names = {
      create-product       = "catalog-test-create-product"
      relay-product-outbox = "catalog-test-relay-product-outbox"
    }
    event_publisher                = { kind = "outbox", function_name = "catalog-test-relay-product-outbox" }
    store                          = { kind = "aurora", cluster_identifier = "catalog-test", proxy_name = "catalog-test" }
    dead_letter_queue_names        = { relay-dlq = "catalog-test-relay-product-outbox-dlq" }
    outbox_oldest_age_threshold_ms = 30000
  }

  assert {
    condition = output.event_publishing_alarm == {
      alarm_name         = "catalog-test-outbox-oldest-age"
      namespace          = "Catalog"
      metric_name        = "OutboxOldestAge"
      dimensions         = tomap({ service = "catalog-test" })
      statistic          = "Maximum"
      threshold          = 30000
      treat_missing_data = "breaching"
    }
    error_message = "The outbox alarm must watch the relay's OutboxOldestAge (Maximum, service dimension) and treat a silent relay as breaching."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.iterator_age) == 0 && keys(aws_cloudwatch_metric_alarm.lambda_errors) == ["create-product", "relay-product-outbox"]
    error_message = "No stream alarm without a stream; the relay's errors alarm like every function's."
  }

  assert {
    condition = (
      length(aws_cloudwatch_metric_alarm.outbox_parked) == 1 &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].alarm_name == "catalog-test-outbox-parked" &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].namespace == "Catalog" &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].metric_name == "OutboxParked" &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].dimensions == tomap({ service = "catalog-test" }) &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].statistic == "Maximum" &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].threshold == 0 &&
      aws_cloudwatch_metric_alarm.outbox_parked[0].treat_missing_data == "notBreaching" &&
      contains(keys(output.alarm_arns), "catalog-test-outbox-parked")
    )
    error_message = "A parked outbox row (OutboxParked > 0, the relay's gauge) must alarm."
  }

  assert {
    condition = one([
      for w in jsondecode(output.dashboard_body_json).widgets : w.properties.metrics if try(w.properties.title, "") == "Event publishing lag (ms)"
    ]) == [["Catalog", "OutboxOldestAge", "service", "catalog-test", { label = "oldest unpublished change" }]]
    error_message = "The publishing lag panel must chart the outbox's oldest age."
  }

  assert {
    condition = [
      for w in jsondecode(output.dashboard_body_json).widgets : w.properties.title if w.type == "metric"
      ] == [
      "API requests and errors", "API latency (ms)", "Lambda errors", "Lambda throttles", "Lambda duration p99 (ms)",
      "Event publishing lag (ms)", "Product events", "Product writes", "Store", "Dead-letter queues (visible messages)",
    ]
    error_message = "The dashboard must show the same panels for either persistence."
  }

  assert {
    condition = contains(flatten([
      for w in jsondecode(output.dashboard_body_json).widgets : try(w.properties.metrics, []) if try(w.properties.title, "") == "Store"
    ]), "DatabaseConnectionsCurrentlySessionPinned")
    error_message = "The store panel must show the proxy's pinned sessions (none expected: ADR 0011)."
  }
}

run "the_stream_path_charts_the_same_panels" {
  command = plan

  assert {
    condition = [
      for w in jsondecode(output.dashboard_body_json).widgets : w.properties.title if w.type == "metric"
      ] == [
      "API requests and errors", "API latency (ms)", "Lambda errors", "Lambda throttles", "Lambda duration p99 (ms)",
      "Event publishing lag (ms)", "Product events", "Product writes", "Store", "Dead-letter queues (visible messages)",
    ]
    error_message = "The dashboard must show the same panels for either persistence."
  }

  assert {
    condition = one([
      for w in jsondecode(output.dashboard_body_json).widgets : w.properties.metrics if try(w.properties.title, "") == "Event publishing lag (ms)"
    ]) == [["AWS/Lambda", "IteratorAge", "FunctionName", "catalog-test-publish-product-events", { label = "stream iterator age" }]]
    error_message = "The publishing lag panel must chart the stream's iterator age."
  }
}

run "rejects_an_unknown_publisher_or_an_incomplete_store" {
  command = plan

  variables {
    event_publisher = { kind = "poller", function_name = "catalog-test-x" }
    store           = { kind = "aurora", cluster_identifier = "catalog-test" }
  }

  expect_failures = [var.event_publisher, var.store]
}
