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

output "interceptor_queue_name" {
  description = "Name of the interceptor queue, or null when the interceptor is disabled."
  value       = one(aws_sqs_queue.interceptor[*].name)
}

output "interceptor_queue_policy_json" {
  description = "Policy of the interceptor queue (JSON), or null when the interceptor is disabled."
  value       = one(aws_sqs_queue_policy.interceptor[*].policy)
}

output "interceptor_target_dead_letter_queue_arn" {
  description = "Dead-letter queue of the interceptor rule's target, or null when the interceptor is disabled."
  value       = one(flatten([for t in aws_cloudwatch_event_target.interceptor : t.dead_letter_config[*].arn]))
}

output "bus_dead_letter_queue_arn" {
  description = "Dead-letter queue configured on the bus itself."
  value       = one(aws_cloudwatch_event_bus.this.dead_letter_config[*].arn)
}

output "dead_letter_queue_name" {
  description = "Name of the dead-letter queue (<name>-dlq)."
  value       = aws_sqs_queue.dead_letter.name
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.url
}

output "dead_letter_queue_kms_key_arn" {
  description = "ARN of the KMS key encrypting the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.kms_master_key_id
}

output "dead_letter_queue_policy_json" {
  description = "Policy of the dead-letter queue (JSON): who may send to it."
  value       = aws_sqs_queue_policy.dead_letter.policy
}
