output "role_arn" {
  description = "ARN of the deploy role (the workflow's role-to-assume)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the deploy role."
  value       = aws_iam_role.this.name
}

output "oidc_provider_arn" {
  description = "ARN of the GitHub OIDC provider the role trusts."
  value       = local.oidc_provider_arn
}

output "allowed_subjects" {
  description = "Token subjects (sub claims) allowed to assume the role."
  value       = local.allowed_subjects
}

output "assume_role_policy_json" {
  description = "Trust policy of the role (JSON)."
  value       = aws_iam_role.this.assume_role_policy
}

output "policy_documents" {
  description = "The role's permission policies (JSON), keyed by concern: state, data, compute, edge."
  value       = { for group, p in aws_iam_policy.this : group => p.policy }
}

output "attached_policy_arns" {
  description = "ARNs of the policies attached to the role, keyed by concern."
  value       = { for group, a in aws_iam_role_policy_attachment.this : group => a.policy_arn }
}

output "permissions_boundary_arn" {
  description = "Permissions boundary of the deploy role, or null."
  value       = aws_iam_role.this.permissions_boundary
}
