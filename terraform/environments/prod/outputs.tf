output "api_invoke_url" {
  description = "Base URL of the API stage (E2E_BASE_URL); routes live under /api/products."
  value       = module.catalog.api_invoke_url
}

output "rest_api_id" {
  description = "ID of the REST API."
  value       = module.catalog.rest_api_id
}

output "products_table_name" {
  description = "Name of the products table (PRODUCTS_TABLE_NAME)."
  value       = module.catalog.products_table_name
}

output "idempotency_table_name" {
  description = "Name of the idempotency table (IDEMPOTENCY_TABLE_NAME)."
  value       = module.catalog.idempotency_table_name
}

output "event_bus_name" {
  description = "Name of the product event bus (EVENT_BUS_NAME)."
  value       = module.catalog.event_bus_name
}

output "event_bus_arn" {
  description = "ARN of the product event bus, for consumers' rules and policies."
  value       = module.catalog.event_bus_arn
}

output "event_archive_arn" {
  description = "ARN of the event archive (replays), or null when disabled."
  value       = module.catalog.event_archive_arn
}

output "e2e_interceptor_queue_url" {
  description = "URL of the queue receiving a copy of every product event (E2E suites read it); null when the interceptor is disabled."
  value       = module.catalog.e2e_interceptor_queue_url
}

output "on_failure_queue_url" {
  description = "URL of the queue receiving stream batches the publisher gave up on."
  value       = module.catalog.on_failure_queue_url
}

output "events_dead_letter_queue_url" {
  description = "URL of the queue receiving events the bus could not encrypt or decrypt, and interceptor deliveries that failed."
  value       = module.catalog.events_dead_letter_queue_url
}

output "waf_web_acl_arn" {
  description = "ARN of the web ACL protecting the API stage, or null."
  value       = module.catalog.waf_web_acl_arn
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic every alarm notifies."
  value       = module.catalog.alarm_topic_arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = module.catalog.dashboard_name
}

output "function_names" {
  description = "Deployed function names keyed by logical name."
  value       = module.catalog.function_names
}

output "function_source_code_hashes" {
  description = "Base64 SHA-256 of each deployed package, keyed by logical name (pnpm build prints the same hash)."
  value       = module.catalog.function_source_code_hashes
}

output "kms_key_arn" {
  description = "ARN of the environment's customer managed key (grant kms:Decrypt on it to E2E readers of the interceptor queue)."
  value       = module.catalog.kms_key_arn
}

output "persistence" {
  description = "The store the functions use: dynamodb or aurora."
  value       = module.catalog.persistence
}

output "database" {
  description = "With aurora: the cluster, the proxy endpoint (POSTGRES_HOST), port, database, user, the master secret's ARN, the rds-db:connect resource and the security groups; null otherwise."
  value       = module.catalog.database
}

output "migration_function_name" {
  description = "With aurora: the function applying the schema migrations (Terraform invokes it at every deploy); null otherwise."
  value       = module.catalog.migration_function_name
}

output "relay_dead_letter_queue_url" {
  description = "With aurora: the queue receiving relay invocations that failed or could not be started; null otherwise."
  value       = module.catalog.relay_dead_letter_queue_url
}
