data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
  api    = ["ApiName", var.rest_api_name, "Stage", var.stage_name]
  emf    = ["service", var.service_name]

  widgets = [
    {
      title   = "API requests and errors"
      stat    = "Sum"
      metrics = [for m in ["Count", "4XXError", "5XXError"] : concat(["AWS/ApiGateway", m], local.api)]
    },
    {
      title = "API latency (ms)"
      stat  = "p99"
      metrics = [
        concat(["AWS/ApiGateway", "Latency"], local.api, [{ stat = "p50", label = "p50" }]),
        concat(["AWS/ApiGateway", "Latency"], local.api, [{ stat = "p99", label = "p99" }]),
        concat(["AWS/ApiGateway", "IntegrationLatency"], local.api, [{ stat = "p99", label = "integration p99" }]),
      ]
    },
    {
      title   = "Lambda errors"
      stat    = "Sum"
      metrics = [for key, fn in var.function_names : ["AWS/Lambda", "Errors", "FunctionName", fn, { label = key }]]
    },
    {
      title   = "Lambda throttles"
      stat    = "Sum"
      metrics = [for key, fn in var.function_names : ["AWS/Lambda", "Throttles", "FunctionName", fn, { label = key }]]
    },
    {
      title   = "Lambda duration p99 (ms)"
      stat    = "p99"
      metrics = [for key, fn in var.function_names : ["AWS/Lambda", "Duration", "FunctionName", fn, { label = key }]]
    },
    {
      title   = "Stream iterator age (ms)"
      stat    = "Maximum"
      metrics = [["AWS/Lambda", "IteratorAge", "FunctionName", var.stream_function_name]]
    },
    {
      title   = "Product events"
      stat    = "Sum"
      metrics = [for m in ["RecordsIn", "EventsPublished", "EventsFailed"] : concat([var.metrics_namespace, m], local.emf)]
    },
    {
      title   = "Product writes"
      stat    = "Sum"
      metrics = [for m in ["ProductsCreated", "ProductsUpdated", "ProductsDeleted", "ValidationFailures"] : concat([var.metrics_namespace, m], local.emf)]
    },
    {
      title   = "Dead-letter queues (visible messages)"
      stat    = "Maximum"
      metrics = [for key, q in var.dead_letter_queue_names : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q, { label = key }]]
    },
  ]

  dashboard_body = {
    widgets = concat(
      [
        for i, w in local.widgets : {
          type   = "metric"
          x      = (i % 3) * 8
          y      = floor(i / 3) * 6
          width  = 8
          height = 6
          properties = {
            title   = w.title
            region  = local.region
            stat    = w.stat
            period  = 60
            view    = "timeSeries"
            stacked = false
            metrics = w.metrics
          }
        }
      ],
      [
        {
          type   = "alarm"
          x      = 0
          y      = ceil(length(local.widgets) / 3) * 6
          width  = 24
          height = 4
          properties = {
            title = "Alarms"
            alarms = concat(
              [aws_cloudwatch_metric_alarm.api_5xx_rate.arn, aws_cloudwatch_metric_alarm.api_p99_latency.arn],
              [aws_cloudwatch_metric_alarm.iterator_age.arn, aws_cloudwatch_metric_alarm.failed_put_events.arn],
              [for a in values(aws_cloudwatch_metric_alarm.dlq_depth) : a.arn],
              [for a in values(aws_cloudwatch_metric_alarm.lambda_errors) : a.arn],
              [for a in values(aws_cloudwatch_metric_alarm.lambda_throttles) : a.arn],
            )
          }
        },
      ],
    )
  }
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode(local.dashboard_body)
}
