output "table_name" {
  description = "Name of the table."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "ARN of the table."
  value       = aws_dynamodb_table.this.arn
}

output "table_stream_arn" {
  description = "ARN of the table's latest stream, or null when the stream is disabled."
  value       = var.stream_enabled ? aws_dynamodb_table.this.stream_arn : null
}

output "table_kms_key_arn" {
  description = "ARN of the KMS key encrypting the table."
  value       = one(aws_dynamodb_table.this.server_side_encryption[*].kms_key_arn)
}

output "table_point_in_time_recovery_enabled" {
  description = "Whether point-in-time recovery is enabled (always true)."
  value       = one(aws_dynamodb_table.this.point_in_time_recovery[*].enabled)
}

output "table_deletion_protection_enabled" {
  description = "Whether the table refuses deletion."
  value       = aws_dynamodb_table.this.deletion_protection_enabled
}

output "table_stream_view_type" {
  description = "What each stream record carries, or null when the stream is disabled."
  value       = var.stream_enabled ? aws_dynamodb_table.this.stream_view_type : null
}

output "table_ttl_attribute_name" {
  description = "TTL attribute of the table, or null when TTL is off."
  value       = one(aws_dynamodb_table.this.ttl[*].attribute_name)
}

output "table_hash_key" {
  description = "Partition key attribute name."
  value       = aws_dynamodb_table.this.hash_key
}

output "table_hash_key_type" {
  description = "Partition key attribute type (S, N or B)."
  value       = one([for a in aws_dynamodb_table.this.attribute : a.type if a.name == aws_dynamodb_table.this.hash_key])
}

output "table_billing_mode" {
  description = "Billing mode of the table."
  value       = aws_dynamodb_table.this.billing_mode
}
