# The Catalog service in one environment: the building-block modules wired together, with the IAM
# policies (iam.tf) and the key policy (kms.tf) that tie them to each other. Environments call
# this module once and differ only in the values they pass.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  name          = "${var.service_name}-${var.environment}"
  account_id    = data.aws_caller_identity.current.account_id
  partition     = data.aws_partition.current.partition
  region        = data.aws_region.current.name
  is_dev        = var.environment == "dev"
  artifacts_dir = coalesce(var.artifacts_dir, "${path.module}/../../../build/functions")

  api_routes = {
    create-product = { method = "POST", path = "/api/products" }
    list-products  = { method = "GET", path = "/api/products" }
    get-product    = { method = "GET", path = "/api/products/{id}" }
    put-product    = { method = "PUT", path = "/api/products/{id}" }
    delete-product = { method = "DELETE", path = "/api/products/{id}" }
  }
  stream_function = "publish-product-events"

  common_environment = {
    SERVICE_NAME      = local.name
    LOG_LEVEL         = var.log_level
    METRICS_NAMESPACE = var.metrics_namespace
    NODE_OPTIONS      = "--enable-source-maps"
  }

  api_environment = {
    for fn in keys(local.api_routes) : fn => merge(
      local.common_environment,
      { PRODUCTS_TABLE_NAME = module.products_table.table_name },
      fn != "create-product" ? {} : {
        IDEMPOTENCY_TABLE_NAME  = module.idempotency_table.table_name
        IDEMPOTENCY_TTL_SECONDS = tostring(var.idempotency_ttl_seconds)
      },
      fn != "list-products" ? {} : {
        CURSOR_SIGNING_KEY_PARAMETER = aws_ssm_parameter.cursor_signing_key.name
      },
    )
  }

  stream_environment = merge(local.common_environment, {
    EVENT_BUS_NAME = module.event_bus.bus_name
    EVENT_SOURCE   = var.event_source
  })
}

# Only the DynamoDB adapter is deployable today. "aurora" passes validation so the switch is a
# one-variable change once the Aurora PostgreSQL stack lands; until then planning stops here.
resource "terraform_data" "persistence_guard" {
  input = var.persistence

  lifecycle {
    precondition {
      condition     = var.persistence == "dynamodb"
      error_message = "persistence = \"${var.persistence}\" is not deployable yet: the Aurora PostgreSQL adapter and its infrastructure are not part of this configuration. Use persistence = \"dynamodb\"."
    }
  }
}

module "products_table" {
  source = "../product-table"

  name                        = "${local.name}-products"
  hash_key                    = "id"
  kms_key_arn                 = module.kms.key_arn
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"
  deletion_protection_enabled = !local.is_dev
}

module "idempotency_table" {
  source = "../product-table"

  name                        = "${local.name}-idempotency"
  hash_key                    = "id"
  kms_key_arn                 = module.kms.key_arn
  stream_enabled              = false
  ttl_attribute_name          = "expiresAt"
  deletion_protection_enabled = !local.is_dev
}

module "event_bus" {
  source = "../event-bus"

  name                          = local.name
  kms_key_arn                   = module.kms.key_arn
  dead_letter_queue_kms_key_arn = module.events_dlq_kms.key_arn
  archive_retention_days        = var.event_archive_retention_days
  create_interceptor            = var.enable_e2e_interceptor
  interceptor_sources           = [var.event_source]
}

module "api_functions" {
  source   = "../lambda-function"
  for_each = local.api_routes

  function_name = "${local.name}-${each.key}"
  description   = "${each.value.method} ${each.value.path}"
  filename      = "${local.artifacts_dir}/${each.key}.zip"

  memory_size                    = coalesce(try(var.function_settings[each.key].memory_size, null), 512)
  timeout                        = coalesce(try(var.function_settings[each.key].timeout, null), 10)
  reserved_concurrent_executions = coalesce(try(var.function_settings[each.key].reserved_concurrent_executions, null), -1)

  environment_variables = local.api_environment[each.key]
  policy_statements     = local.api_function_policies[each.key]

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "stream_function" {
  source = "../lambda-function"

  function_name = "${local.name}-${local.stream_function}"
  description   = "Publishes product changes from the products table stream to ${local.name} EventBridge bus"
  filename      = "${local.artifacts_dir}/${local.stream_function}.zip"

  memory_size                    = coalesce(try(var.function_settings[local.stream_function].memory_size, null), 512)
  timeout                        = coalesce(try(var.function_settings[local.stream_function].timeout, null), 60)
  reserved_concurrent_executions = coalesce(try(var.function_settings[local.stream_function].reserved_concurrent_executions, null), -1)

  environment_variables = local.stream_environment
  policy_statements     = local.stream_function_policy

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "stream_processor" {
  source = "../stream-processor"

  name             = "${local.name}-${local.stream_function}"
  function_name    = module.stream_function.function_name
  event_source_arn = module.products_table.table_stream_arn
  kms_key_arn      = module.kms.key_arn

  enabled                       = var.stream_processing.enabled
  batch_size                    = var.stream_processing.batch_size
  parallelization_factor        = var.stream_processing.parallelization_factor
  maximum_retry_attempts        = var.stream_processing.maximum_retry_attempts
  maximum_record_age_in_seconds = var.stream_processing.maximum_record_age_in_seconds
}

module "rest_api" {
  source = "../rest-api"

  name        = local.name
  description = "Catalog product API (${var.environment})"
  stage_name  = var.api_stage_name

  routes = {
    for fn, route in local.api_routes : fn => merge(route, {
      function_name       = module.api_functions[fn].function_name
      function_invoke_arn = module.api_functions[fn].function_invoke_arn
    })
  }

  authorizer_type                = var.authorizer_type
  cognito_user_pool_arns         = var.cognito_user_pool_arns
  authorization_scopes           = var.authorization_scopes
  lambda_authorizer_function_arn = var.lambda_authorizer_function_arn
  lambda_authorizer_type         = var.lambda_authorizer_type
  lambda_authorizer_grant_invoke = var.lambda_authorizer_grant_invoke

  throttling_rate_limit  = var.api_throttling_rate_limit
  throttling_burst_limit = var.api_throttling_burst_limit
  web_acl_arn            = var.create_waf_web_acl ? module.waf[0].web_acl_arn : var.waf_web_acl_arn
  associate_web_acl      = var.create_waf_web_acl || var.waf_web_acl_arn != null

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  create_account_logging_role   = var.manage_api_gateway_account_logging
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "waf" {
  source = "../waf"
  count  = var.create_waf_web_acl ? 1 : 0

  name                     = local.name
  rate_limit_per_5_minutes = var.waf_rate_limit_per_5_minutes
  log_retention_in_days    = var.log_retention_in_days
  log_kms_key_arn          = module.kms.key_arn
}

module "monitoring" {
  source = "../monitoring"

  name                  = local.name
  kms_key_arn           = module.kms.key_arn
  alarm_email_endpoints = var.alarm_email_endpoints

  rest_api_name = module.rest_api.rest_api_name
  stage_name    = module.rest_api.stage_name
  function_names = merge(
    { for fn, m in module.api_functions : fn => m.function_name },
    { (local.stream_function) = module.stream_function.function_name },
  )
  stream_function_name = module.stream_function.function_name
  dead_letter_queue_names = {
    stream-on-failure = module.stream_processor.on_failure_queue_name
    events-dlq        = module.event_bus.dead_letter_queue_name
  }

  metrics_namespace = var.metrics_namespace
  service_name      = local.name

  api_5xx_rate_threshold       = var.alarm_thresholds.api_5xx_rate
  api_p99_latency_threshold_ms = var.alarm_thresholds.api_p99_latency_ms
  iterator_age_threshold_ms    = var.alarm_thresholds.iterator_age_ms
}
