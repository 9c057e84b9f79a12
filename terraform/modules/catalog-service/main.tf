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

  # The store, and what exists for it (ADR 0018). Switching to aurora keeps the DynamoDB tables,
  # unused and without grants, until allow_destroy_previous_store says they may go.
  is_aurora   = var.persistence == "aurora"
  keep_tables = !local.is_aurora || !var.allow_destroy_previous_store
  # pnpm build writes the DynamoDB packages to build/functions, the PostgreSQL ones to build/functions/postgres.
  packages_dir = local.is_aurora ? "${local.artifacts_dir}/postgres" : local.artifacts_dir

  api_routes = {
    create-product = { method = "POST", path = "/api/products" }
    list-products  = { method = "GET", path = "/api/products" }
    get-product    = { method = "GET", path = "/api/products/{id}" }
    put-product    = { method = "PUT", path = "/api/products/{id}" }
    delete-product = { method = "DELETE", path = "/api/products/{id}" }
  }
  stream_function  = "publish-product-events"
  relay_function   = "relay-product-outbox"
  migrate_function = "migrate-database"
  # The function that turns committed changes into product events: the table stream's or the outbox's.
  publisher_function = local.is_aurora ? local.relay_function : local.stream_function

  common_environment = {
    SERVICE_NAME      = local.name
    LOG_LEVEL         = var.log_level
    METRICS_NAMESPACE = var.metrics_namespace
    NODE_OPTIONS      = "--enable-source-maps"
    PERSISTENCE       = local.is_aurora ? "postgres" : "dynamodb"
  }

  # The functions' PostgreSQL contract (ADR 0011): the proxy, TLS with its certificate checked, IAM.
  postgres_environment = !local.is_aurora ? {} : {
    POSTGRES_HOST     = module.database[0].proxy_endpoint
    POSTGRES_PORT     = tostring(module.database[0].port)
    POSTGRES_DATABASE = module.database[0].database_name
    POSTGRES_USER     = module.database[0].master_username
    POSTGRES_AUTH     = "iam"
    POSTGRES_SSL      = "verify-full"
  }

  store_environment = local.is_aurora ? local.postgres_environment : {
    PRODUCTS_TABLE_NAME = module.products_table[0].table_name
  }

  api_environment = {
    for fn in keys(local.api_routes) : fn => merge(
      local.common_environment,
      local.store_environment,
      fn != "create-product" ? {} : merge(
        { IDEMPOTENCY_TTL_SECONDS = tostring(var.idempotency_ttl_seconds) },
        local.is_aurora ? {} : { IDEMPOTENCY_TABLE_NAME = module.idempotency_table[0].table_name },
      ),
      fn != "list-products" ? {} : {
        CURSOR_SIGNING_KEY_PARAMETER = aws_ssm_parameter.cursor_signing_key.name
      },
    )
  }

  stream_environment = merge(local.common_environment, {
    EVENT_BUS_NAME = module.event_bus.bus_name
    EVENT_SOURCE   = var.event_source
  })

  # Functions in the VPC (the PostgreSQL ones): the private subnets, the functions' security group.
  function_vpc_config = !local.is_aurora ? null : {
    vpc_id             = var.network.vpc_id
    subnet_ids         = var.network.private_subnet_ids
    security_group_ids = [aws_security_group.functions[0].id]
  }

  # Every function deployed, keyed by logical name (for outputs and audits), and the publisher.
  functions = merge(
    module.api_functions,
    { for m in module.stream_function : local.stream_function => m },
    { for m in module.relay_function : local.relay_function => m },
    { for m in module.migrate_function : local.migrate_function => m },
  )
  publisher = local.functions[local.publisher_function]

  # New code of the PostgreSQL functions is deployed once the schema it needs is in place.
  deploy_after_migration = [for m in aws_lambda_invocation.migrate : m.result]
}

# Existing environments kept these modules without a count; they stay where they are.
moved {
  from = module.products_table
  to   = module.products_table[0]
}

moved {
  from = module.idempotency_table
  to   = module.idempotency_table[0]
}

moved {
  from = module.stream_function
  to   = module.stream_function[0]
}

moved {
  from = module.stream_processor
  to   = module.stream_processor[0]
}

module "products_table" {
  source = "../product-table"
  count  = local.keep_tables ? 1 : 0

  name                        = "${local.name}-products"
  hash_key                    = "id"
  kms_key_arn                 = module.kms.key_arn
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"
  deletion_protection_enabled = !local.is_dev
}

module "idempotency_table" {
  source = "../product-table"
  count  = local.keep_tables ? 1 : 0

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
  filename      = "${local.packages_dir}/${each.key}.zip"

  memory_size                    = coalesce(try(var.function_settings[each.key].memory_size, null), 512)
  timeout                        = coalesce(try(var.function_settings[each.key].timeout, null), 10)
  reserved_concurrent_executions = coalesce(try(var.function_settings[each.key].reserved_concurrent_executions, null), -1)

  environment_variables = local.api_environment[each.key]
  policy_statements     = local.api_function_policies[each.key]
  vpc_config            = local.function_vpc_config
  deploy_after          = local.deploy_after_migration

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "stream_function" {
  source = "../lambda-function"
  count  = local.is_aurora ? 0 : 1

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
  count  = local.is_aurora ? 0 : 1

  name             = "${local.name}-${local.stream_function}"
  function_name    = module.stream_function[0].function_name
  event_source_arn = module.products_table[0].table_stream_arn
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
    { (local.publisher_function) = local.publisher.function_name },
  )
  event_publisher = {
    kind          = local.is_aurora ? "outbox" : "stream"
    function_name = local.publisher.function_name
  }
  store = local.is_aurora ? {
    kind               = "aurora"
    table_name         = null
    cluster_identifier = module.database[0].cluster_identifier
    proxy_name         = module.database[0].proxy_name
    } : {
    kind               = "dynamodb"
    table_name         = module.products_table[0].table_name
    cluster_identifier = null
    proxy_name         = null
  }
  dead_letter_queue_names = merge(
    { events-dlq = module.event_bus.dead_letter_queue_name },
    local.is_aurora ? { relay-dlq = aws_sqs_queue.relay_dead_letters[0].name } : { stream-on-failure = module.stream_processor[0].on_failure_queue_name },
  )

  metrics_namespace = var.metrics_namespace
  service_name      = local.name

  api_5xx_rate_threshold         = var.alarm_thresholds.api_5xx_rate
  api_p99_latency_threshold_ms   = var.alarm_thresholds.api_p99_latency_ms
  iterator_age_threshold_ms      = var.alarm_thresholds.iterator_age_ms
  outbox_oldest_age_threshold_ms = var.alarm_thresholds.outbox_oldest_age_ms
}
