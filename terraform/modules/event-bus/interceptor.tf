# Test-only tap on the bus: a rule that copies every event of the given sources into an SQS
# queue that an end-to-end suite can read. Never enable it where real consumers live.

resource "aws_sqs_queue" "interceptor" {
  count = var.create_interceptor ? 1 : 0

  name                       = "${var.name}-interceptor"
  kms_master_key_id          = var.kms_key_arn
  message_retention_seconds  = var.interceptor_message_retention_seconds
  visibility_timeout_seconds = 30

  tags = var.tags
}

resource "aws_cloudwatch_event_rule" "interceptor" {
  count = var.create_interceptor ? 1 : 0

  name           = "${var.name}-interceptor"
  description    = "Copies ${join(", ", var.interceptor_sources)} events to the interceptor queue (tests only)."
  event_bus_name = aws_cloudwatch_event_bus.this.name
  event_pattern  = jsonencode({ source = var.interceptor_sources })

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "interceptor" {
  count = var.create_interceptor ? 1 : 0

  rule           = aws_cloudwatch_event_rule.interceptor[0].name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  target_id      = "interceptor-queue"
  arn            = aws_sqs_queue.interceptor[0].arn

  # A delivery the queue keeps refusing (e.g. its key policy drifted) lands in the bus's DLQ.
  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }
}

resource "aws_sqs_queue_policy" "interceptor" {
  count = var.create_interceptor ? 1 : 0

  queue_url = aws_sqs_queue.interceptor[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowInterceptorRule"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.interceptor[0].arn
        Condition = {
          ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.interceptor[0].arn }
        }
      },
    ]
  })
}
