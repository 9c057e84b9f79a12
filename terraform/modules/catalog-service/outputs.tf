output "api_invoke_url" {
  description = "Base URL of the API stage (E2E_BASE_URL); routes live under /api/products."
  value       = module.rest_api.stage_invoke_url
}

output "rest_api_id" {
  description = "ID of the REST API."
  value       = module.rest_api.rest_api_id
}

output "persistence" {
  description = "The store the functions use: dynamodb or aurora."
  value       = var.persistence
}

output "products_table_name" {
  description = "Name of the products table (PRODUCTS_TABLE_NAME), or null when there is none; with aurora it is kept unused until allow_destroy_previous_store."
  value       = one(module.products_table[*].table_name)
}

output "idempotency_table_name" {
  description = "Name of the idempotency table (IDEMPOTENCY_TABLE_NAME), or null when there is none."
  value       = one(module.idempotency_table[*].table_name)
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
  description = "URL of the queue receiving stream batches the publisher gave up on (dynamodb), or null."
  value       = one(module.stream_processor[*].on_failure_queue_url)
}

output "relay_dead_letter_queue_url" {
  description = "URL of the queue receiving relay invocations that failed or could not be started (aurora), or null."
  value       = one(aws_sqs_queue.relay_dead_letters[*].url)
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
  value       = { for fn, m in local.functions : fn => m.function_name }
}

output "function_source_code_hashes" {
  description = "Base64 SHA-256 of each deployed package, keyed by logical name (pnpm build prints the same hash)."
  value       = { for fn, m in local.functions : fn => m.function_source_code_hash }
}

output "kms_key_arn" {
  description = "ARN of the environment's customer managed key (grant kms:Decrypt on it to E2E readers of the interceptor queue)."
  value       = module.kms.key_arn
}

# Audit outputs: what the environments' own tests (which see only this module's outputs) assert,
# and what a reviewer checks per environment.

output "products_table_deletion_protection_enabled" {
  description = "Whether the products table refuses deletion (everywhere but dev); null when there is no table."
  value       = one(module.products_table[*].table_deletion_protection_enabled)
}

output "idempotency_table_deletion_protection_enabled" {
  description = "Whether the idempotency table refuses deletion (everywhere but dev); null when there is no table."
  value       = one(module.idempotency_table[*].table_deletion_protection_enabled)
}

output "products_table_point_in_time_recovery_enabled" {
  description = "Whether the products table has point-in-time recovery (always true); null when there is no table."
  value       = one(module.products_table[*].table_point_in_time_recovery_enabled)
}

output "idempotency_table_point_in_time_recovery_enabled" {
  description = "Whether the idempotency table has point-in-time recovery (always true); null when there is no table."
  value       = one(module.idempotency_table[*].table_point_in_time_recovery_enabled)
}

output "function_environment_variables" {
  description = "Environment variables of every function, keyed by logical name."
  value       = { for fn, m in local.functions : fn => m.function_environment_variables }
}

output "log_group_retention_in_days" {
  description = "Retention in days of every log group, keyed by log group name (the API execution log group follows the access log group)."
  value = merge(
    { for m in values(local.functions) : m.log_group_name => m.log_group_retention_in_days },
    { (module.rest_api.access_log_group_name) = module.rest_api.log_group_retention_in_days },
    { for m in module.waf : m.log_group_name => m.log_group_retention_in_days },
    { for m in module.database : m.postgresql_log_group_name => m.cluster_settings.log_retention_in_days[0] },
    { for m in module.database : m.proxy_log_group_name => m.cluster_settings.log_retention_in_days[1] },
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
  description = "Retries of a failing stream batch before it goes to the on-failure queue; null without a stream (aurora)."
  value       = one(module.stream_processor[*].event_source_mapping_maximum_retry_attempts)
}

output "event_source_mapping_maximum_record_age_in_seconds" {
  description = "Age after which stream records go to the on-failure queue; null without a stream (aurora)."
  value       = one(module.stream_processor[*].event_source_mapping_maximum_record_age_in_seconds)
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
    { for fn, m in local.functions : fn => m.role_permissions_boundary_arn },
    { for r in aws_iam_role.relay_schedule : "relay-schedule" => r.permissions_boundary },
    { for m in module.database : "rds-proxy" => m.proxy_role_permissions_boundary_arn },
    var.manage_api_gateway_account_logging ? { api-gateway-logging = module.rest_api.account_logging_role_permissions_boundary_arn } : {},
  )
}

# persistence = aurora: what operators, the runbook and the environments' tests read.

output "database" {
  description = "The Aurora PostgreSQL store (aurora), or null: cluster, proxy endpoint (POSTGRES_HOST), port, database, user, the master secret's ARN, the rds-db:connect resource, security groups."
  value = one([
    for m in module.database : {
      cluster_identifier        = m.cluster_identifier
      cluster_arn               = m.cluster_arn
      proxy_name                = m.proxy_name
      proxy_endpoint            = m.proxy_endpoint
      port                      = m.port
      database_name             = m.database_name
      master_username           = m.master_username
      master_user_secret_arn    = m.master_user_secret_arn
      db_user_arn               = m.db_user_arn
      cluster_security_group_id = m.cluster_security_group_id
      proxy_security_group_id   = m.proxy_security_group_id
    }
  ])
}

output "database_protection" {
  description = "Deletion protection, final snapshot and backup retention of the cluster (aurora), or null."
  value = one([
    for m in module.database : {
      deletion_protection     = m.cluster_settings.deletion_protection
      skip_final_snapshot     = m.cluster_settings.skip_final_snapshot
      backup_retention_period = m.cluster_settings.backup_retention_period
      min_capacity            = m.cluster_settings.min_capacity
      max_capacity            = m.cluster_settings.max_capacity
      instances               = keys(m.instances)
    }
  ])
}

output "relay_schedule" {
  description = "The schedule starting relay-product-outbox (aurora), or null: name, expression, target, dead-letter queue."
  value = one([
    for s in aws_scheduler_schedule.relay : {
      name                = s.name
      schedule_expression = s.schedule_expression
      target_arn          = s.target[0].arn
      dead_letter_arn     = one(s.target[0].dead_letter_config[*].arn)
    }
  ])
}

output "migration_function_name" {
  description = "The function applying the schema migrations at deploy (aurora), or null; invoke it to migrate by hand."
  value       = one(module.migrate_function[*].function_name)
}

output "vpc_endpoint_services" {
  description = "Interface endpoints created in the environment's VPC (aurora with create_vpc_endpoints), by service."
  value       = sort(keys(aws_vpc_endpoint.this))
}
