# One customer managed key per environment encrypts tables, streams, the event bus, queues,
# log groups, the alarm topic and, with aurora, the cluster's storage, its master secret and
# Performance Insights (RDS and Secrets Manager use it through grants made for the deploying
# role); a second one only the bus's dead-letter queue. AWS services that use them on the
# account's behalf are named below, each limited to this environment's resources. Their ARNs are built from the names the modules give them, because the resources
# themselves need the key first; tests/security.tftest.hcl checks that the names still match.
locals {
  arn_prefix = {
    logs       = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group"
    events     = "arn:${local.partition}:events:${local.region}:${local.account_id}"
    sqs        = "arn:${local.partition}:sqs:${local.region}:${local.account_id}"
    cloudwatch = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}"
  }

  encrypted_log_group_arns = concat(
    [for fn in concat(keys(local.api_routes), local.is_aurora ? [local.relay_function, local.migrate_function] : [local.stream_function]) : "${local.arn_prefix.logs}:/aws/lambda/${local.name}-${fn}"],
    [
      "${local.arn_prefix.logs}:/aws/apigateway/${local.name}/${var.api_stage_name}/access",
      # Named after the REST API id, which is only known once the API exists.
      "${local.arn_prefix.logs}:API-Gateway-Execution-Logs_*/${var.api_stage_name}",
    ],
    var.create_waf_web_acl ? ["${local.arn_prefix.logs}:aws-waf-logs-${local.name}"] : [],
    # The exported PostgreSQL log and the proxy's log (modules/aurora-postgres).
    local.is_aurora ? ["${local.arn_prefix.logs}:/aws/rds/cluster/${local.name}/postgresql", "${local.arn_prefix.logs}:/aws/rds/proxy/${local.name}"] : [],
  )
  event_bus_arn         = "${local.arn_prefix.events}:event-bus/${local.name}"
  interceptor_queue_arn = "${local.arn_prefix.sqs}:${local.name}-interceptor"
  events_dlq_arn        = "${local.arn_prefix.sqs}:${local.name}-dlq"
  alarm_name_pattern    = "${local.arn_prefix.cloudwatch}:alarm:${local.name}-*"

  key_service_statements = concat(
    [
      {
        sid     = "AllowCloudWatchLogs"
        service = "logs.${local.region}.amazonaws.com"
        actions = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"]
        conditions = [
          { test = "ArnLike", variable = "kms:EncryptionContext:aws:logs:arn", values = local.encrypted_log_group_arns },
        ]
      },
      {
        sid     = "AllowEventBridgeBusEncryption"
        service = "events.amazonaws.com"
        actions = ["kms:Decrypt", "kms:GenerateDataKey"]
        conditions = [
          { test = "StringEquals", variable = "kms:EncryptionContext:aws:events:event-bus:arn", values = [local.event_bus_arn] },
        ]
      },
      {
        sid     = "AllowEventBridgeDescribeKey"
        service = "events.amazonaws.com"
        actions = ["kms:DescribeKey"]
      },
      {
        sid     = "AllowCloudWatchAlarmsToTopic"
        service = "cloudwatch.amazonaws.com"
        actions = ["kms:Decrypt", "kms:GenerateDataKey"]
        conditions = [
          { test = "StringEquals", variable = "aws:SourceAccount", values = [local.account_id] },
          { test = "ArnLike", variable = "aws:SourceArn", values = [local.alarm_name_pattern] },
        ]
      },
    ],
    # EventBridge does not send aws:SourceArn/SourceAccount to KMS when delivering to a target,
    # so the queue's encryption context is the scope.
    !var.enable_e2e_interceptor ? [] : [
      {
        sid     = "AllowEventBridgeToInterceptorQueue"
        service = "events.amazonaws.com"
        actions = ["kms:Decrypt", "kms:GenerateDataKey"]
        conditions = [
          { test = "StringEquals", variable = "kms:EncryptionContext:aws:sqs:arn", values = [local.interceptor_queue_arn] },
        ]
      },
    ],
  )
}

module "kms" {
  source = "../kms-key"

  alias                   = local.name
  description             = "Encrypts ${local.name} data at rest: tables and stream, event bus, queues, log groups, alarm topic"
  deletion_window_in_days = var.kms_deletion_window_in_days
  administrator_arns      = var.kms_administrator_arns
  service_statements      = local.key_service_statements
}

# The bus's dead-letter queue has a key of its own: it must still take events when the main key
# is disabled or its policy drifted, which is exactly when the bus sends events there.
module "events_dlq_kms" {
  source = "../kms-key"

  alias                   = "${local.name}-events-dlq"
  description             = "Encrypts the ${local.name} event bus dead-letter queue"
  deletion_window_in_days = var.kms_deletion_window_in_days
  administrator_arns      = var.kms_administrator_arns
  service_statements = [
    {
      # Like the interceptor: EventBridge sends no aws:SourceArn to KMS, the queue's context scopes it.
      sid     = "AllowEventBridgeToDeadLetterQueue"
      service = "events.amazonaws.com"
      actions = ["kms:Decrypt", "kms:GenerateDataKey"]
      conditions = [
        { test = "StringEquals", variable = "kms:EncryptionContext:aws:sqs:arn", values = [local.events_dlq_arn] },
      ]
    },
  ]
}
