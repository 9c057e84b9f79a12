output "rest_api_id" {
  description = "ID of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "rest_api_name" {
  description = "Name of the REST API (the ApiName dimension of its metrics)."
  value       = aws_api_gateway_rest_api.this.name
}

output "rest_api_execution_arn" {
  description = "Execution ARN of the REST API."
  value       = aws_api_gateway_rest_api.this.execution_arn
}

output "stage_name" {
  description = "Name of the stage (the Stage dimension of its metrics)."
  value       = aws_api_gateway_stage.this.stage_name
}

output "stage_arn" {
  description = "ARN of the stage."
  value       = aws_api_gateway_stage.this.arn
}

output "stage_invoke_url" {
  description = "Base URL of the stage; routes are relative to it (e.g. <url>/api/products)."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "authorizer_id" {
  description = "ID of the authorizer every method uses."
  value       = aws_api_gateway_authorizer.this.id
}

output "access_log_group_name" {
  description = "Name of the access log group."
  value       = aws_cloudwatch_log_group.access.name
}

output "execution_log_group_name" {
  description = "Name of the execution log group."
  value       = aws_cloudwatch_log_group.execution.name
}

output "authorizer_type" {
  description = "API Gateway type of the authorizer (COGNITO_USER_POOLS, TOKEN or REQUEST)."
  value       = aws_api_gateway_authorizer.this.type
}

output "method_authorizations" {
  description = "Authorization of every route's method, keyed by route: { authorization, authorizer_id }."
  value = {
    for key, m in aws_api_gateway_method.this : key => {
      authorization = m.authorization
      authorizer_id = m.authorizer_id
    }
  }
}

output "stage_xray_tracing_enabled" {
  description = "Whether X-Ray tracing is enabled on the stage."
  value       = aws_api_gateway_stage.this.xray_tracing_enabled
}

output "stage_throttling" {
  description = "Stage-wide throttling: { rate_limit, burst_limit }."
  value = {
    rate_limit  = one(aws_api_gateway_method_settings.this.settings[*].throttling_rate_limit)
    burst_limit = one(aws_api_gateway_method_settings.this.settings[*].throttling_burst_limit)
  }
}

output "log_group_kms_key_arn" {
  description = "ARN of the KMS key encrypting the access and execution log groups."
  value       = aws_cloudwatch_log_group.access.kms_key_id
}

output "log_group_retention_in_days" {
  description = "Retention of the access and execution log groups."
  value       = aws_cloudwatch_log_group.access.retention_in_days
}

output "web_acl_association_id" {
  description = "ID of the WAF association, or null when no web ACL is attached."
  value       = one(aws_wafv2_web_acl_association.this[*].id)
}

output "deployment_trigger_json" {
  description = "Everything the stage's deployment snapshots (JSON): a change to any of it creates a new deployment."
  value       = jsonencode(local.deployment_trigger)
}

output "deployment_redeployment_hash" {
  description = "SHA-1 of deployment_trigger_json, the deployment's redeployment trigger."
  value       = aws_api_gateway_deployment.this.triggers.redeployment
}

output "method_request_validators" {
  description = "Request validator of every route's method, keyed by route."
  value       = { for key, m in aws_api_gateway_method.this : key => m.request_validator_id }
}

output "account_logging_role_assume_role_policy_json" {
  description = "Trust policy of the account logging role (JSON), or null when this configuration does not manage it."
  value       = one(aws_iam_role.account_logging[*].assume_role_policy)
}

output "account_logging_role_permissions_boundary_arn" {
  description = "Permissions boundary of the account logging role, or null."
  value       = one(aws_iam_role.account_logging[*].permissions_boundary)
}

output "account_logging_reset_on_delete" {
  description = "Whether destroying the account setting clears it (always true where it is managed), or null when not managed."
  value       = one(aws_api_gateway_account.this[*].reset_on_delete)
}
