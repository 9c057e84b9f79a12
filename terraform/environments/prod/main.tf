# Production: deletion protection, longer log and event retention, patient but bounded stream
# retries, and never the E2E interceptor (the module refuses it in prod). What every environment
# shares is modules/catalog-service.

locals {
  environment = "prod"
}

provider "aws" {
  region              = var.aws_region
  allowed_account_ids = length(var.allowed_account_ids) > 0 ? var.allowed_account_ids : null

  default_tags {
    tags = {
      Service     = "catalog"
      Environment = local.environment
      ManagedBy   = "terraform"
    }
  }
}

module "catalog" {
  source = "../../modules/catalog-service"

  environment   = local.environment
  artifacts_dir = var.artifacts_dir

  # The store (terraform.tfvars): dynamodb, or aurora in the account's VPC. Switching keeps the
  # DynamoDB tables until allow_destroy_previous_store (docs/runbook.md, Switching persistence).
  persistence                  = var.persistence
  allow_destroy_previous_store = var.allow_destroy_previous_store
  network                      = var.network
  create_vpc_endpoints         = var.create_vpc_endpoints

  database_operator_security_group_ids = var.database_operator_security_group_ids

  # Aurora PostgreSQL (persistence = "aurora"): a warm writer, room to grow, a month of backups,
  # and readers in other availability zones to fail over to (aurora_reader_count, terraform.tfvars).
  aurora = {
    min_capacity          = 1
    max_capacity          = 16
    backup_retention_days = 30
    reader_count          = var.aurora_reader_count
  }

  log_level             = "info"
  log_retention_in_days = 90

  api_throttling_rate_limit  = 200
  api_throttling_burst_limit = 400

  # A web ACL in front of the API: the platform's (waf_web_acl_arn) or this environment's own.
  create_waf_web_acl           = var.waf_web_acl_arn == null
  waf_rate_limit_per_5_minutes = 2000

  enable_e2e_interceptor       = false
  event_archive_retention_days = 365

  stream_processing = {
    maximum_retry_attempts        = 10
    maximum_record_age_in_seconds = 21600
  }

  # Cap a function's concurrency once the account's quota is known (lambda_concurrency_quota in
  # terraform.tfvars; reservations must leave 100 unreserved), e.g.:
  # function_settings = { "publish-product-events" = { reserved_concurrent_executions = 20 } }

  kms_deletion_window_in_days = 30

  # This account's own identifiers and recipients, from terraform.tfvars.
  authorizer_type                    = var.authorizer_type
  cognito_user_pool_arns             = var.cognito_user_pool_arns
  lambda_authorizer_function_arn     = var.lambda_authorizer_function_arn
  lambda_authorizer_grant_invoke     = var.lambda_authorizer_grant_invoke
  waf_web_acl_arn                    = var.waf_web_acl_arn
  manage_api_gateway_account_logging = var.manage_api_gateway_account_logging
  alarm_email_endpoints              = var.alarm_email_endpoints
  kms_administrator_arns             = var.kms_administrator_arns
  iam_permissions_boundary_arn       = var.iam_permissions_boundary_arn
  lambda_concurrency_quota           = var.lambda_concurrency_quota
}
