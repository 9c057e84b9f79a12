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
  #checkov:skip=CKV_AWS_116:API functions are invoked synchronously by API Gateway and the stream function's failures go to its event source mapping's on-failure queue; a function invoked asynchronously (the scheduled relay) sends its failures to an on-failure destination (async_invocation), which keeps the error with the event, as a DLQ would not.
  #checkov:skip=CKV_AWS_117:Placed in a VPC when vpc_config is given (the functions of the Aurora PostgreSQL persistence reach the database there); without it (DynamoDB persistence) the functions call only AWS APIs over TLS with IAM, where a VPC would add NAT or endpoints and cold-start time without narrowing what the role may do.
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

  dynamic "vpc_config" {
    for_each = var.vpc_config == null ? [] : [var.vpc_config]

    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
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

  # The function must never run without its permissions (Lambda also needs the network interface
  # permissions to place it in a VPC), must never log before its encrypted, retention-bound log group
  # exists (Lambda would create an unmanaged one), and is changed only after what it must follow
  # (deploy_after, e.g. a schema migration) is done.
  depends_on = [
    aws_iam_role_policy.this,
    aws_cloudwatch_log_group.this,
    terraform_data.deploy_after,
  ]
}

# Asynchronous invocations (a schedule's): bounded retries and age, then the on-failure destination.
resource "aws_lambda_function_event_invoke_config" "this" {
  count = var.async_invocation == null ? 0 : 1

  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = var.async_invocation.maximum_retry_attempts
  maximum_event_age_in_seconds = var.async_invocation.maximum_event_age_in_seconds

  destination_config {
    on_failure {
      destination = var.async_invocation.on_failure_destination_arn
    }
  }
}

# Carries var.deploy_after so that the function can be ordered after it without a module-level
# depends_on (which would defer this module's data sources, and with them the role's trust policy).
resource "terraform_data" "deploy_after" {
  count = length(var.deploy_after) == 0 ? 0 : 1

  input = var.deploy_after
}
