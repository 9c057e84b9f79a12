# Receives the metadata (shard, sequence range) of batches that exhausted their retries or aged
# out; the records themselves stay readable in the stream for 24 hours.
resource "aws_sqs_queue" "on_failure" {
  name                       = "${var.name}-on-failure"
  kms_master_key_id          = var.kms_key_arn
  message_retention_seconds  = var.on_failure_message_retention_seconds
  visibility_timeout_seconds = 300

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "this" {
  function_name     = var.function_name
  event_source_arn  = var.event_source_arn
  starting_position = var.starting_position
  enabled           = var.enabled

  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  parallelization_factor             = var.parallelization_factor

  # The handler reports the first failed record; Lambda retries from there, halving the
  # batch on errors, a bounded number of times and for a bounded age, then gives up to SQS.
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = true
  maximum_retry_attempts         = var.maximum_retry_attempts
  maximum_record_age_in_seconds  = var.maximum_record_age_in_seconds

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.on_failure.arn
    }
  }

  tags = var.tags
}
