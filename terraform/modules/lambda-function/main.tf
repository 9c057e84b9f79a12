locals {
  log_group_name = "/aws/lambda/${var.function_name}"
}

resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_338:Retention is chosen per environment (14/30/90 days): function logs carry request metadata and principal ids, and are kept no longer than operations need.
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_115:Reserved concurrency is opt-in (reserved_concurrent_executions): reservations fail on accounts whose quota leaves less than 100 unreserved executions, and the service's caller validates them against the account's quota.
  #checkov:skip=CKV_AWS_116:No asynchronous invocations: API functions are invoked synchronously by API Gateway, and the stream function's failures go to its event source mapping's on-failure queue, which a function DLQ would never see.
  #checkov:skip=CKV_AWS_117:The functions reach only AWS APIs (DynamoDB, EventBridge, SQS, SSM) over TLS with IAM; a VPC would add NAT or endpoints and cold-start latency without narrowing what the role may do.
  #checkov:skip=CKV_AWS_173:Environment variables hold only names and settings (no secrets, which come from SSM Parameter Store under the environment's key); Lambda encrypts them at rest with its AWS managed key.
  #checkov:skip=CKV_AWS_272:Packages are built reproducibly and deployed by hash (source_code_hash); Lambda code signing needs AWS Signer jobs over S3 objects, which this zip-from-disk deployment does not use.
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
