output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "on_failure_queue_name" {
  description = "Name of the on-failure queue."
  value       = aws_sqs_queue.on_failure.name
}

output "on_failure_queue_arn" {
  description = "ARN of the on-failure queue (grant the function sqs:SendMessage on it)."
  value       = aws_sqs_queue.on_failure.arn
}

output "on_failure_queue_url" {
  description = "URL of the on-failure queue."
  value       = aws_sqs_queue.on_failure.url
}

output "on_failure_queue_kms_key_arn" {
  description = "ARN of the KMS key encrypting the on-failure queue."
  value       = aws_sqs_queue.on_failure.kms_master_key_id
}

output "event_source_mapping_function_response_types" {
  description = "Response types the mapping honours (ReportBatchItemFailures)."
  value       = aws_lambda_event_source_mapping.this.function_response_types
}

output "event_source_mapping_bisect_batch_on_function_error" {
  description = "Whether failing batches are split in two before retrying."
  value       = aws_lambda_event_source_mapping.this.bisect_batch_on_function_error
}

output "event_source_mapping_maximum_retry_attempts" {
  description = "Retries of a failing batch before it goes to the on-failure queue."
  value       = aws_lambda_event_source_mapping.this.maximum_retry_attempts
}

output "event_source_mapping_maximum_record_age_in_seconds" {
  description = "Age after which records go to the on-failure queue."
  value       = aws_lambda_event_source_mapping.this.maximum_record_age_in_seconds
}

output "event_source_mapping_on_failure_destination_arn" {
  description = "Where exhausted batches are sent."
  value       = one(one(aws_lambda_event_source_mapping.this.destination_config[*].on_failure)[*].destination_arn)
}
