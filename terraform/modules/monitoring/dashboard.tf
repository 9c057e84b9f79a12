data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
  api    = ["ApiName", var.rest_api_name, "Stage", var.stage_name]
  emf    = ["service", var.service_name]
  outbox = var.event_publisher.kind == "outbox"

  # The same panels whichever store is deployed: what differs is the metric behind them.
  publishing_lag = local.outbox ? [
    concat([var.metrics_namespace, "OutboxOldestAge"], local.emf, [{ label = "oldest unpublished change" }]),
    ] : [
    ["AWS/Lambda", "IteratorAge", "FunctionName", var.event_publisher.function_name, { label = "stream iterator age" }],
  ]
  publishing_backlog = local.outbox ? [concat([var.metrics_namespace, "OutboxBacklog"], local.emf, [{ stat = "Maximum", label = "outbox backlog" }])] : []
  store_metrics = var.store.kind == "aurora" ? [
    ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", var.store.cluster_identifier, { stat = "Maximum", label = "capacity (ACU)" }],
    ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", var.store.cluster_identifier, { stat = "Maximum", label = "database connections" }],
    ["AWS/RDS", "ClientConnections", "ProxyName", var.store.proxy_name, { stat = "Maximum", label = "proxy client connections" }],
    ["AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned", "ProxyName", var.store.proxy_name, { stat = "Maximum", label = "pinned sessions" }],
    ] : [
    ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", var.store.table_name, { stat = "Sum", label = "read units" }],
    ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", var.store.table_name, { stat = "Sum", label = "write units" }],
  ]

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
      title   = "Event publishing lag (ms)"
      stat    = "Maximum"
      metrics = local.publishing_lag
    },
    {
      title   = "Product events"
      stat    = "Sum"
      metrics = concat([for m in ["RecordsIn", "EventsPublished", "EventsFailed"] : concat([var.metrics_namespace, m], local.emf)], local.publishing_backlog)
    },
    {
      title   = "Product writes"
      stat    = "Sum"
      metrics = [for m in ["ProductsCreated", "ProductsUpdated", "ProductsDeleted", "ValidationFailures"] : concat([var.metrics_namespace, m], local.emf)]
    },
    {
      title   = "Store"
      stat    = "Maximum"
      metrics = local.store_metrics
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
              [for a in concat(aws_cloudwatch_metric_alarm.iterator_age, aws_cloudwatch_metric_alarm.outbox_oldest_age, aws_cloudwatch_metric_alarm.outbox_parked) : a.arn],
              [aws_cloudwatch_metric_alarm.failed_put_events.arn],
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
