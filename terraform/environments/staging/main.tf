# Staging: production-like (deletion protection, info logs) with the E2E interceptor for the
# deployed end-to-end suite. What every environment shares is modules/catalog-service.

locals {
  environment = "staging"
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

  # Aurora PostgreSQL (persistence = "aurora"): production-like protection (deletion protection,
  # final snapshot), a week of backups.
  aurora = {
    min_capacity          = 0.5
    max_capacity          = 4
    backup_retention_days = 7
  }

  log_level             = "info"
  log_retention_in_days = 30

  api_throttling_rate_limit  = 50
  api_throttling_burst_limit = 100

  # A web ACL in front of the API: the platform's (waf_web_acl_arn) or this environment's own.
  create_waf_web_acl           = var.waf_web_acl_arn == null
  waf_rate_limit_per_5_minutes = 1000

  enable_e2e_interceptor       = true
  event_archive_retention_days = 30

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
