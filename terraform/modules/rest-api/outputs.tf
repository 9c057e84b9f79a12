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
