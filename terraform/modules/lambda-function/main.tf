locals {
  log_group_name = "/aws/lambda/${var.function_name}"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = var.description
  role          = aws_iam_role.this.arn

  filename         = var.filename
  source_code_hash = fileexists(var.filename) ? filebase64sha256(var.filename) : null
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions

  environment {
    variables = var.environment_variables
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = var.log_format
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = fileexists(var.filename)
      error_message = "Deployment package ${var.filename} does not exist: build it first (pnpm build writes build/functions/<name>.zip) or point the caller at the folder holding the zips."
    }
  }

  # The function must never run without its permissions, and must never log before its
  # encrypted, retention-bound log group exists (Lambda would create an unmanaged one).
  depends_on = [
    aws_iam_role_policy.this,
    aws_cloudwatch_log_group.this,
  ]
}
