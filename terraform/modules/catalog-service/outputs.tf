output "api_invoke_url" {
  description = "Base URL of the API stage (E2E_BASE_URL); routes live under /api/products."
  value       = module.rest_api.stage_invoke_url
}

output "rest_api_id" {
  description = "ID of the REST API."
  value       = module.rest_api.rest_api_id
}

output "products_table_name" {
  description = "Name of the products table (PRODUCTS_TABLE_NAME)."
  value       = module.products_table.table_name
}

output "idempotency_table_name" {
  description = "Name of the idempotency table (IDEMPOTENCY_TABLE_NAME)."
  value       = module.idempotency_table.table_name
}

output "event_bus_name" {
  description = "Name of the product event bus (EVENT_BUS_NAME)."
  value       = module.event_bus.bus_name
}

output "event_bus_arn" {
  description = "ARN of the product event bus, for consumers' rules and policies."
  value       = module.event_bus.bus_arn
}

output "event_archive_arn" {
  description = "ARN of the event archive (replays), or null when disabled."
  value       = module.event_bus.archive_arn
}

output "e2e_interceptor_queue_url" {
  description = "URL of the queue receiving a copy of every product event (E2E suites read it); null when the interceptor is disabled."
  value       = module.event_bus.interceptor_queue_url
}

output "on_failure_queue_url" {
  description = "URL of the queue receiving stream batches the publisher gave up on."
  value       = module.stream_processor.on_failure_queue_url
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic every alarm notifies."
  value       = module.monitoring.sns_topic_arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = module.monitoring.dashboard_name
}

output "function_names" {
  description = "Deployed function names keyed by logical name."
  value = merge(
    { for fn, m in module.api_functions : fn => m.function_name },
    { (local.stream_function) = module.stream_function.function_name },
  )
}

output "function_source_code_hashes" {
  description = "Base64 SHA-256 of each deployed package, keyed by logical name (pnpm build prints the same hash)."
  value = merge(
    { for fn, m in module.api_functions : fn => m.function_source_code_hash },
    { (local.stream_function) = module.stream_function.function_source_code_hash },
  )
}

output "kms_key_arn" {
  description = "ARN of the environment's customer managed key (grant kms:Decrypt on it to E2E readers of the interceptor queue)."
  value       = module.kms.key_arn
}

# Audit outputs: what the environments' own tests (which see only this module's outputs) assert,
# and what a reviewer checks per environment.

output "products_table_deletion_protection_enabled" {
  description = "Whether the products table refuses deletion (everywhere but dev)."
  value       = module.products_table.table_deletion_protection_enabled
}

output "idempotency_table_deletion_protection_enabled" {
  description = "Whether the idempotency table refuses deletion (everywhere but dev)."
  value       = module.idempotency_table.table_deletion_protection_enabled
}

output "products_table_point_in_time_recovery_enabled" {
  description = "Whether the products table has point-in-time recovery (always true)."
  value       = module.products_table.table_point_in_time_recovery_enabled
}

output "idempotency_table_point_in_time_recovery_enabled" {
  description = "Whether the idempotency table has point-in-time recovery (always true)."
  value       = module.idempotency_table.table_point_in_time_recovery_enabled
}

output "function_environment_variables" {
  description = "Environment variables of every function, keyed by logical name."
  value = merge(
    { for fn, m in module.api_functions : fn => m.function_environment_variables },
    { (local.stream_function) = module.stream_function.function_environment_variables },
  )
}

output "log_group_retention_in_days" {
  description = "Retention in days of every log group, keyed by log group name (the API execution log group follows the access log group)."
  value = merge(
    { for m in values(module.api_functions) : m.log_group_name => m.log_group_retention_in_days },
    { (module.stream_function.log_group_name) = module.stream_function.log_group_retention_in_days },
    { (module.rest_api.access_log_group_name) = module.rest_api.log_group_retention_in_days },
    { for m in module.waf : m.log_group_name => m.log_group_retention_in_days },
  )
}

output "api_authorizer_type" {
  description = "API Gateway type of the authorizer every method requires (COGNITO_USER_POOLS, TOKEN or REQUEST)."
  value       = module.rest_api.authorizer_type
}

output "event_archive_retention_days" {
  description = "Days the event archive keeps published events (0 = indefinitely)."
  value       = module.event_bus.archive_retention_days
}

output "e2e_interceptor_queue_kms_key_arn" {
  description = "ARN of the KMS key encrypting the E2E interceptor queue; null when the interceptor is disabled."
  value       = module.event_bus.interceptor_queue_kms_key_arn
}

output "event_source_mapping_maximum_retry_attempts" {
  description = "Retries of a failing stream batch before it goes to the on-failure queue."
  value       = module.stream_processor.event_source_mapping_maximum_retry_attempts
}

output "event_source_mapping_maximum_record_age_in_seconds" {
  description = "Age after which stream records go to the on-failure queue."
  value       = module.stream_processor.event_source_mapping_maximum_record_age_in_seconds
}

output "events_dead_letter_queue_url" {
  description = "URL of the queue receiving events the bus could not encrypt or decrypt, and interceptor deliveries that failed."
  value       = module.event_bus.dead_letter_queue_url
}

output "events_dead_letter_queue_kms_key_arn" {
  description = "ARN of the key encrypting the events dead-letter queue (grant kms:Decrypt on it to whoever drains the queue)."
  value       = module.events_dlq_kms.key_arn
}

output "waf_web_acl_arn" {
  description = "ARN of the web ACL protecting the API stage (created here or passed in), or null."
  value       = var.create_waf_web_acl ? module.waf[0].web_acl_arn : var.waf_web_acl_arn
}

output "web_acl_association_id" {
  description = "ID of the association of the web ACL with the API stage, or null when none is associated."
  value       = module.rest_api.web_acl_association_id
}

output "alarm_email_subscriptions" {
  description = "E-mail addresses subscribed to the alarm topic."
  value       = module.monitoring.email_subscription_endpoints
}

output "iam_role_permissions_boundaries" {
  description = "Permissions boundary of every role the service creates, keyed by function (and api-gateway-logging when managed here); null where none."
  value = merge(
    { for fn, m in module.api_functions : fn => m.role_permissions_boundary_arn },
    { (local.stream_function) = module.stream_function.role_permissions_boundary_arn },
    var.manage_api_gateway_account_logging ? { api-gateway-logging = module.rest_api.account_logging_role_permissions_boundary_arn } : {},
  )
}
