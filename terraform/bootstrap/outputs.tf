output "state_bucket_name" {
  description = "Name of the state bucket (the backend's bucket)."
  value       = aws_s3_bucket.state.bucket
}

output "state_kms_key_arn" {
  description = "ARN of the key encrypting the state (the backend's kms_key_id)."
  value       = module.state_key.key_arn
}

output "backend_config" {
  description = "Contents of terraform/environments/<env>/<env>.local.tfbackend, keyed by environment."
  value       = local.backend_config
}

# One output per environment, so that writing a backend file is one command:
#   terraform output -raw backend_config_dev > ../environments/dev/dev.local.tfbackend
output "backend_config_dev" {
  description = "Contents of terraform/environments/dev/dev.local.tfbackend, or null when dev is not in this account."
  value       = lookup(local.backend_config, "dev", null)
}

output "backend_config_staging" {
  description = "Contents of terraform/environments/staging/staging.local.tfbackend, or null when staging is not in this account."
  value       = lookup(local.backend_config, "staging", null)
}

output "backend_config_prod" {
  description = "Contents of terraform/environments/prod/prod.local.tfbackend, or null when prod is not in this account."
  value       = lookup(local.backend_config, "prod", null)
}

output "github_oidc_provider_arn" {
  description = "ARN of the GitHub OIDC provider the roles trust, or null without roles."
  value       = local.oidc_provider_arn
}

output "deploy_role_arns" {
  description = "Roles GitHub Actions assume to apply, keyed by environment (the deploy workflow's role-to-assume)."
  value       = { for key, role in module.github_roles : local.roles[key].env => role.role_arn if local.roles[key].access == "apply" }
}

output "plan_role_arns" {
  description = "Read-only roles pull request workflows assume to plan, keyed by environment."
  value       = { for key, role in module.github_roles : local.roles[key].env => role.role_arn if local.roles[key].access == "plan" }
}

output "bucket_policy_json" {
  description = "Policy of the state bucket (JSON)."
  value       = aws_s3_bucket_policy.state.policy
}
