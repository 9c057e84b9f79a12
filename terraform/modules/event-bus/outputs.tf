output "bus_name" {
  description = "Name of the event bus."
  value       = aws_cloudwatch_event_bus.this.name
}

output "bus_arn" {
  description = "ARN of the event bus."
  value       = aws_cloudwatch_event_bus.this.arn
}

output "archive_arn" {
  description = "ARN of the archive, or null when disabled."
  value       = one(aws_cloudwatch_event_archive.this[*].arn)
}

output "interceptor_queue_url" {
  description = "URL of the interceptor queue, or null when the interceptor is disabled."
  value       = one(aws_sqs_queue.interceptor[*].url)
}

output "interceptor_queue_arn" {
  description = "ARN of the interceptor queue, or null when the interceptor is disabled."
  value       = one(aws_sqs_queue.interceptor[*].arn)
}

output "interceptor_rule_arn" {
  description = "ARN of the interceptor rule, or null when the interceptor is disabled."
  value       = one(aws_cloudwatch_event_rule.interceptor[*].arn)
}

output "bus_kms_key_arn" {
  description = "ARN of the KMS key encrypting the bus."
  value       = aws_cloudwatch_event_bus.this.kms_key_identifier
}

output "archive_retention_days" {
  description = "Days the archive keeps events (0 = indefinitely), or null when disabled."
  value       = one(aws_cloudwatch_event_archive.this[*].retention_days)
}

output "interceptor_queue_kms_key_arn" {
  description = "ARN of the KMS key encrypting the interceptor queue, or null when disabled."
  value       = one(aws_sqs_queue.interceptor[*].kms_master_key_id)
}
