output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "function_invoke_arn" {
  description = "Invoke ARN of the function, for API Gateway integrations."
  value       = aws_lambda_function.this.invoke_arn
}

output "role_name" {
  description = "Name of the function's IAM role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's IAM role."
  value       = aws_iam_role.this.arn
}

output "role_policy_json" {
  description = "The role's inline policy document (JSON), exposed so callers and tests can audit it."
  value       = aws_iam_role_policy.this.policy
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "function_runtime" {
  description = "Runtime of the function."
  value       = aws_lambda_function.this.runtime
}

output "function_architecture" {
  description = "Instruction set architecture of the function."
  value       = one(aws_lambda_function.this.architectures)
}

output "function_tracing_mode" {
  description = "X-Ray tracing mode of the function (always Active)."
  value       = one(aws_lambda_function.this.tracing_config[*].mode)
}

output "function_source_code_hash" {
  description = "Base64 SHA-256 of the deployed package, to check which build is live."
  value       = aws_lambda_function.this.source_code_hash
}

output "function_environment_variables" {
  description = "Environment variables of the function."
  value       = var.environment_variables
}

output "function_reserved_concurrent_executions" {
  description = "Reserved concurrency of the function (-1: none)."
  value       = aws_lambda_function.this.reserved_concurrent_executions
}

output "log_group_retention_in_days" {
  description = "Retention of the function's log group."
  value       = aws_cloudwatch_log_group.this.retention_in_days
}

output "log_group_kms_key_arn" {
  description = "ARN of the KMS key encrypting the function's log group."
  value       = aws_cloudwatch_log_group.this.kms_key_id
}

output "role_assume_role_policy_json" {
  description = "The role's trust policy (JSON): who may assume it, and on whose behalf."
  value       = aws_iam_role.this.assume_role_policy
}

output "role_permissions_boundary_arn" {
  description = "ARN of the role's permissions boundary, or null."
  value       = aws_iam_role.this.permissions_boundary
}

output "function_vpc_config" {
  description = "Subnets and security groups of the function's network interfaces, or null outside a VPC."
  value = var.vpc_config == null ? null : {
    subnet_ids         = sort(aws_lambda_function.this.vpc_config[0].subnet_ids)
    security_group_ids = sort(aws_lambda_function.this.vpc_config[0].security_group_ids)
  }
}

output "async_invocation" {
  description = "Retries, maximum event age and on-failure destination of asynchronous invocations, or null when not configured."
  value = var.async_invocation == null ? null : {
    maximum_retry_attempts       = aws_lambda_function_event_invoke_config.this[0].maximum_retry_attempts
    maximum_event_age_in_seconds = aws_lambda_function_event_invoke_config.this[0].maximum_event_age_in_seconds
    on_failure_destination_arn   = aws_lambda_function_event_invoke_config.this[0].destination_config[0].on_failure[0].destination
  }
}

output "deploy_after" {
  description = "The values the function's creation and updates wait for."
  value       = var.deploy_after
}
