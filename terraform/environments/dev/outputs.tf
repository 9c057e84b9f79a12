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
