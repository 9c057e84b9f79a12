output "key_arn" {
  description = "ARN of the key."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "ID of the key."
  value       = aws_kms_key.this.key_id
}

output "key_policy_json" {
  description = "The key policy document (JSON)."
  value       = aws_kms_key.this.policy
}

output "alias_name" {
  description = "Alias of the key (alias/<name>)."
  value       = aws_kms_alias.this.name
}

output "key_rotation_enabled" {
  description = "Whether automatic key rotation is enabled (always true)."
  value       = aws_kms_key.this.enable_key_rotation
}
