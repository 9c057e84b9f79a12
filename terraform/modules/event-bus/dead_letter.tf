# One dead-letter queue for the bus itself and for the targets of the module's rules: events
# that failed encryption or decryption on the bus, and deliveries a target never accepted.
# Its key is separate from the bus key where the caller can afford it (dead_letter_queue_kms_key_arn),
# so a disabled bus key does not also disable the queue that should catch its failures.

locals {
  dead_letter_queue_name    = "${var.name}-dlq"
  dead_letter_queue_kms_key = coalesce(var.dead_letter_queue_kms_key_arn, var.kms_key_arn)

  # Who may send to the queue: the bus (bus-level DLQ) and each of the module's rules (target DLQs).
  dead_letter_source_arns = concat(
    [aws_cloudwatch_event_bus.this.arn],
    aws_cloudwatch_event_rule.interceptor[*].arn,
  )
}

resource "aws_sqs_queue" "dead_letter" {
  name                       = local.dead_letter_queue_name
  kms_master_key_id          = local.dead_letter_queue_kms_key
  message_retention_seconds  = var.dead_letter_message_retention_seconds
  visibility_timeout_seconds = 300

  tags = var.tags
}

resource "aws_sqs_queue_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowEventBridgeDeadLetters"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.dead_letter.arn
        Condition = {
          ArnEquals = { "aws:SourceArn" = local.dead_letter_source_arns }
        }
      },
    ]
  })
}
