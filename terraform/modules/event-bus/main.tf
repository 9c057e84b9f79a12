resource "aws_cloudwatch_event_bus" "this" {
  name               = var.name
  kms_key_identifier = var.kms_key_arn

  # Events the bus accepted but cannot encrypt or decrypt (key disabled or deleted, key policy
  # drifted) go here instead of being dropped after PutEvents succeeded.
  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }

  tags = var.tags
}

# Archives on hashicorp/aws 5.x are encrypted with an AWS owned key: the provider gained
# kms_key_identifier for archives in 6.x. See the module README.
resource "aws_cloudwatch_event_archive" "this" {
  count = var.archive_retention_days == null ? 0 : 1

  name             = var.name
  description      = "Every event published on ${var.name}, for replay."
  event_source_arn = aws_cloudwatch_event_bus.this.arn
  retention_days   = var.archive_retention_days
}
