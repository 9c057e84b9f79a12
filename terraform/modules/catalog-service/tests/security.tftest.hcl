# Security properties every environment has, whatever its values: the environments call this
# module and only assert what sets them apart (environments/<env>/tests).

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan

  # Distinct ARNs, so the policies below can be checked resource by resource.
  override_resource {
    target = module.products_table.aws_dynamodb_table.this
    values = {
      arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/products"
      stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000"
    }
  }
  override_resource {
    target = module.idempotency_table.aws_dynamodb_table.this
    values = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency" }
  }
  override_resource {
    target = module.stream_processor.aws_sqs_queue.on_failure
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:on-failure"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/on-failure"
    }
  }
  override_resource {
    target = module.event_bus.aws_sqs_queue.dead_letter
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:events-dlq"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq"
    }
  }
  override_resource {
    target = module.event_bus.aws_cloudwatch_event_bus.this
    values = { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/catalog-staging" }
  }
  override_resource {
    target = module.event_bus.aws_cloudwatch_event_rule.interceptor
    values = { arn = "arn:aws:events:eu-west-1:123456789012:rule/catalog-staging/catalog-staging-interceptor" }
  }
  override_resource {
    target = module.events_dlq_kms.aws_kms_key.this
    values = {
      arn    = "arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555"
      key_id = "99999999-2222-3333-4444-555555555555"
    }
  }
}

variables {
  environment            = "staging"
  authorizer_type        = "cognito"
  cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1"]

  # Values other than the defaults, so the assertions show they reach the resources.
  log_level                    = "warn"
  log_retention_in_days        = 60
  api_throttling_rate_limit    = 20
  api_throttling_burst_limit   = 40
  idempotency_ttl_seconds      = 3600
  enable_e2e_interceptor       = true
  event_archive_retention_days = 10
  waf_web_acl_arn              = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/catalog/11111111-2222-3333-4444-555555555555"
  iam_permissions_boundary_arn = "arn:aws:iam::123456789012:policy/catalog-workload-boundary"

  manage_api_gateway_account_logging = true
  stream_processing = {
    maximum_retry_attempts        = 7
    maximum_record_age_in_seconds = 7200
  }

  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "every_route_is_authorized_and_proxied_to_its_function" {
  command = plan

  assert {
    condition = sort(keys(module.rest_api.method_authorizations)) == sort([
      "create-product", "delete-product", "get-product", "list-products", "put-product",
    ])
    error_message = "The API must expose exactly the five product routes."
  }

  assert {
    condition = alltrue([
      for m in values(module.rest_api.method_authorizations) :
      m.authorization == (var.authorizer_type == "cognito" ? "COGNITO_USER_POOLS" : "CUSTOM") && m.authorizer_id == module.rest_api.authorizer_id
    ])
    error_message = "Every method must require the authorizer."
  }

  assert {
    condition     = module.rest_api.stage_xray_tracing_enabled == true
    error_message = "The API stage must be traced with X-Ray."
  }

  assert {
    condition     = module.rest_api.stage_throttling == { rate_limit = var.api_throttling_rate_limit, burst_limit = var.api_throttling_burst_limit }
    error_message = "The stage must be throttled as configured."
  }

  assert {
    condition     = module.rest_api.log_group_kms_key_arn == module.kms.key_arn && module.rest_api.log_group_retention_in_days == var.log_retention_in_days
    error_message = "API access and execution logs must be KMS encrypted with the environment's retention."
  }

  assert {
    condition     = (var.waf_web_acl_arn == null) == (module.rest_api.web_acl_association_id == null)
    error_message = "A configured web ACL must be associated with the stage."
  }
}

# Each function's role, statement by statement (Sid, actions, resources, conditions), beyond the
# logs and X-Ray statements lambda-function adds and tests itself. A statement removed, widened or
# left unconditioned fails here.
run "function_roles_are_least_privilege_without_wildcards" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for fn, m in merge(module.api_functions, { publish-product-events = module.stream_function }) : [
        for s in jsondecode(m.role_policy_json).Statement : alltrue(concat(
          [for a in s.Action : !strcontains(a, "*")],
          [for r in s.Resource : s.Sid == "WriteXRayTraces" || r == "${m.log_group_arn}:log-stream:*" || !strcontains(r, "*")],
        ))
      ]
    ]))
    error_message = "No function role may use a wildcard action, or a wildcard resource other than X-Ray and its own log streams."
  }

  assert {
    condition = {
      for fn, m in module.api_functions : fn => [
        for s in jsondecode(m.role_policy_json).Statement : s if !contains(["WriteOwnLogs", "WriteXRayTraces"], s.Sid)
      ]
      } == {
      create-product = [
        { Sid = "CreateProducts", Effect = "Allow", Action = ["dynamodb:UpdateItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products"] },
        { Sid = "UseIdempotencyRecords", Effect = "Allow", Action = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency"] },
        {
          Sid       = "UseTableKey"
          Effect    = "Allow"
          Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products", "catalog-staging-idempotency"] } }
        },
      ]
      put-product = [
        { Sid = "ReplaceProducts", Effect = "Allow", Action = ["dynamodb:UpdateItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products"] },
        {
          Sid       = "UseTableKey"
          Effect    = "Allow"
          Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products"] } }
        },
      ]
      get-product = [
        { Sid = "ReadProducts", Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products"] },
        {
          Sid       = "DecryptTableData"
          Effect    = "Allow"
          Action    = ["kms:Decrypt"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products"] } }
        },
      ]
      list-products = [
        { Sid = "ListProducts", Effect = "Allow", Action = ["dynamodb:Scan"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products"] },
        {
          Sid       = "DecryptTableData"
          Effect    = "Allow"
          Action    = ["kms:Decrypt"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products"] } }
        },
        # The cursor signing secret (cursor_secret.tftest.hcl tests these two in detail).
        { Sid = "ReadCursorSigningKey", Effect = "Allow", Action = ["ssm:GetParameter"], Resource = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/mock/cursor-signing-key"] },
        {
          Sid       = "DecryptCursorSigningKey"
          Effect    = "Allow"
          Action    = ["kms:Decrypt"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["ssm.eu-west-1.amazonaws.com"], "kms:EncryptionContext:PARAMETER_ARN" = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/mock/cursor-signing-key"] } }
        },
      ]
      delete-product = [
        { Sid = "DeleteProducts", Effect = "Allow", Action = ["dynamodb:UpdateItem"], Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products"] },
        {
          Sid       = "UseTableKey"
          Effect    = "Allow"
          Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
          Resource  = [module.kms.key_arn]
          Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products"] } }
        },
      ]
    }
    error_message = "API functions must get exactly the DynamoDB actions their adapter calls, on their tables only, and the table key only through DynamoDB for those tables."
  }

  assert {
    condition = [
      for s in jsondecode(module.stream_function.role_policy_json).Statement : s if !contains(["WriteOwnLogs", "WriteXRayTraces"], s.Sid)
      ] == [
      {
        Sid      = "ReadProductsStream"
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000"]
      },
      {
        Sid       = "DecryptProductsStream"
        Effect    = "Allow"
        Action    = ["kms:Decrypt"]
        Resource  = [module.kms.key_arn]
        Condition = { StringEquals = { "kms:ViaService" = ["dynamodb.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:dynamodb:tableName" = ["catalog-staging-products"] } }
      },
      { Sid = "PublishProductEvents", Effect = "Allow", Action = ["events:PutEvents"], Resource = [module.event_bus.bus_arn] },
      {
        Sid       = "UseEventBusKey"
        Effect    = "Allow"
        Action    = ["kms:GenerateDataKey"]
        Resource  = [module.kms.key_arn]
        Condition = { StringEquals = { "kms:EncryptionContext:aws:events:event-bus:arn" = [module.event_bus.bus_arn] } }
      },
      { Sid = "SendToOnFailureQueue", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = ["arn:aws:sqs:eu-west-1:123456789012:on-failure"] },
      {
        Sid       = "UseOnFailureQueueKey"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = [module.kms.key_arn]
        Condition = { StringEquals = { "kms:ViaService" = ["sqs.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:sqs:arn" = ["arn:aws:sqs:eu-west-1:123456789012:on-failure"] } }
      },
    ]
    error_message = "The stream function may only read (and decrypt) the products stream, publish to the bus with its key, and send to its encrypted on-failure queue."
  }

  assert {
    condition = alltrue([
      for m in merge(module.api_functions, { publish-product-events = module.stream_function }) :
      jsondecode(m.role_assume_role_policy_json).Statement == [
        {
          Sid       = "LambdaAssumeRole"
          Effect    = "Allow"
          Action    = "sts:AssumeRole"
          Principal = { Service = "lambda.amazonaws.com" }
          Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
        },
      ]
    ])
    error_message = "Every function role may be assumed only by Lambda on behalf of this account."
  }

  assert {
    condition = output.iam_role_permissions_boundaries == {
      for fn in ["create-product", "delete-product", "get-product", "list-products", "put-product", "publish-product-events", "api-gateway-logging"] :
      fn => "arn:aws:iam::123456789012:policy/catalog-workload-boundary"
    }
    error_message = "Every role the service creates must carry the environment's permissions boundary."
  }

  assert {
    condition     = jsondecode(module.rest_api.account_logging_role_assume_role_policy_json).Statement[0].Condition == { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    error_message = "API Gateway may assume the logging role only on behalf of this account."
  }
}

run "functions_are_traced_node22_arm64_with_bounded_encrypted_logs" {
  command = plan

  assert {
    condition = alltrue([
      for m in merge(module.api_functions, { publish-product-events = module.stream_function }) :
      m.function_runtime == "nodejs22.x" && m.function_architecture == "arm64" && m.function_tracing_mode == "Active"
    ])
    error_message = "Every function must run nodejs22.x on arm64 with active X-Ray tracing."
  }

  assert {
    condition = alltrue([
      for m in merge(module.api_functions, { publish-product-events = module.stream_function }) :
      m.log_group_retention_in_days == var.log_retention_in_days && m.log_group_kms_key_arn == module.kms.key_arn
    ])
    error_message = "Every function log group must be KMS encrypted with the environment's retention."
  }

  assert {
    condition = alltrue([
      for m in merge(module.api_functions, { publish-product-events = module.stream_function }) :
      m.function_environment_variables.SERVICE_NAME == "catalog-${var.environment}" &&
      m.function_environment_variables.LOG_LEVEL == var.log_level &&
      m.function_environment_variables.METRICS_NAMESPACE == var.metrics_namespace &&
      m.function_environment_variables.NODE_OPTIONS == "--enable-source-maps"
    ])
    error_message = "Every function needs SERVICE_NAME, LOG_LEVEL, METRICS_NAMESPACE and NODE_OPTIONS."
  }

  assert {
    condition = alltrue([
      for m in values(module.api_functions) : m.function_environment_variables.PRODUCTS_TABLE_NAME == "catalog-${var.environment}-products"
    ])
    error_message = "API functions need PRODUCTS_TABLE_NAME."
  }

  assert {
    condition = (
      module.api_functions["create-product"].function_environment_variables.IDEMPOTENCY_TABLE_NAME == "catalog-${var.environment}-idempotency" &&
      module.api_functions["create-product"].function_environment_variables.IDEMPOTENCY_TTL_SECONDS == tostring(var.idempotency_ttl_seconds) &&
      !contains(keys(module.api_functions["get-product"].function_environment_variables), "IDEMPOTENCY_TABLE_NAME")
    )
    error_message = "Only create-product gets the idempotency settings."
  }

  assert {
    condition = (
      module.stream_function.function_environment_variables.EVENT_BUS_NAME == "catalog-${var.environment}" &&
      module.stream_function.function_environment_variables.EVENT_SOURCE == var.event_source
    )
    error_message = "The stream function needs EVENT_BUS_NAME and EVENT_SOURCE."
  }

  assert {
    condition = alltrue([
      for fn, m in merge(module.api_functions, { publish-product-events = module.stream_function }) :
      m.function_source_code_hash == filebase64sha256("${var.artifacts_dir}/${fn}.zip")
    ])
    error_message = "Each function must deploy build/functions/<name>.zip, hashed so a new build redeploys."
  }
}

run "data_and_messages_are_encrypted_and_recoverable" {
  command = plan

  assert {
    condition = (
      module.products_table.table_kms_key_arn == module.kms.key_arn &&
      module.idempotency_table.table_kms_key_arn == module.kms.key_arn &&
      module.products_table.table_point_in_time_recovery_enabled == true &&
      module.idempotency_table.table_point_in_time_recovery_enabled == true
    )
    error_message = "Both tables must be encrypted with the customer managed key and have PITR."
  }

  assert {
    condition     = module.products_table.table_stream_view_type == "NEW_AND_OLD_IMAGES" && module.idempotency_table.table_stream_view_type == null
    error_message = "The products table streams NEW_AND_OLD_IMAGES; the idempotency table has no stream."
  }

  assert {
    condition     = module.idempotency_table.table_ttl_attribute_name == "expiresAt" && module.products_table.table_ttl_attribute_name == null
    error_message = "Idempotency records expire through expiresAt; products never expire."
  }

  assert {
    condition = (
      module.products_table.table_deletion_protection_enabled == (var.environment != "dev") &&
      module.idempotency_table.table_deletion_protection_enabled == (var.environment != "dev")
    )
    error_message = "Tables must be deletion protected everywhere but dev."
  }

  assert {
    condition     = module.event_bus.bus_kms_key_arn == module.kms.key_arn && module.event_bus.archive_retention_days == var.event_archive_retention_days
    error_message = "The bus must be KMS encrypted and archived."
  }

  assert {
    condition = (
      module.stream_processor.event_source_mapping_function_response_types == toset(["ReportBatchItemFailures"]) &&
      module.stream_processor.event_source_mapping_bisect_batch_on_function_error == true &&
      module.stream_processor.event_source_mapping_maximum_retry_attempts == var.stream_processing.maximum_retry_attempts &&
      module.stream_processor.event_source_mapping_maximum_record_age_in_seconds == var.stream_processing.maximum_record_age_in_seconds
    )
    error_message = "The stream mapping must report batch item failures, bisect, and bound retries and record age."
  }

  assert {
    condition = (
      module.stream_processor.event_source_mapping_on_failure_destination_arn == "arn:aws:sqs:eu-west-1:123456789012:on-failure" &&
      module.stream_processor.on_failure_queue_kms_key_arn == module.kms.key_arn
    )
    error_message = "Exhausted stream batches must go to the KMS encrypted on-failure queue."
  }

  assert {
    condition     = module.monitoring.sns_topic_kms_key_arn == module.kms.key_arn && module.kms.key_rotation_enabled == true
    error_message = "The alarm topic must be encrypted with the rotating environment key."
  }

  assert {
    condition     = (output.e2e_interceptor_queue_url != null) == var.enable_e2e_interceptor
    error_message = "The interceptor queue exists exactly when enabled."
  }
}

run "events_the_bus_cannot_deliver_are_kept_encrypted_and_alarmed" {
  command = plan

  assert {
    condition = (
      module.event_bus.bus_dead_letter_queue_arn == "arn:aws:sqs:eu-west-1:123456789012:events-dlq" &&
      module.event_bus.interceptor_target_dead_letter_queue_arn == "arn:aws:sqs:eu-west-1:123456789012:events-dlq" &&
      output.events_dead_letter_queue_url == "https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq"
    )
    error_message = "The bus and the interceptor's target must send what they cannot deliver to the events dead-letter queue."
  }

  assert {
    condition = (
      module.event_bus.dead_letter_queue_kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555" &&
      output.events_dead_letter_queue_kms_key_arn == module.event_bus.dead_letter_queue_kms_key_arn &&
      module.events_dlq_kms.key_rotation_enabled == true &&
      module.event_bus.dead_letter_queue_kms_key_arn != module.kms.key_arn
    )
    error_message = "The dead-letter queue must be encrypted with its own rotating key, so a disabled bus key cannot also disable it."
  }

  assert {
    condition = one(jsondecode(module.event_bus.dead_letter_queue_policy_json).Statement).Condition == {
      ArnEquals = { "aws:SourceArn" = ["arn:aws:events:eu-west-1:123456789012:event-bus/catalog-staging", "arn:aws:events:eu-west-1:123456789012:rule/catalog-staging/catalog-staging-interceptor"] }
    }
    error_message = "Only this bus and its interceptor rule may send to the dead-letter queue."
  }

  assert {
    condition = module.monitoring.dead_letter_queue_alarms == {
      stream-on-failure = { alarm_name = "catalog-staging-stream-on-failure-depth", queue_name = module.stream_processor.on_failure_queue_name, threshold = 0 }
      events-dlq        = { alarm_name = "catalog-staging-events-dlq-depth", queue_name = module.event_bus.dead_letter_queue_name, threshold = 0 }
    }
    error_message = "Both the stream's on-failure queue and the bus's dead-letter queue must alarm on their first message."
  }

  assert {
    condition = contains(flatten([
      for w in jsondecode(module.monitoring.dashboard_body_json).widgets : try(w.properties.metrics, []) if try(w.properties.title, "") == "Dead-letter queues (visible messages)"
    ]), module.event_bus.dead_letter_queue_name)
    error_message = "The dashboard must chart the events dead-letter queue."
  }
}

# The key policies, statement by statement, with the ARNs they name rebuilt from what the modules
# report: a statement dropped, or a resource renamed without its key statement, fails here.
run "key_policy_covers_exactly_this_environment" {
  command = plan

  assert {
    condition = [for s in jsondecode(module.kms.key_policy_json).Statement : s.Sid] == [
      "EnableAccountIamPolicies", "AllowCloudWatchLogs", "AllowEventBridgeBusEncryption", "AllowEventBridgeDescribeKey",
      "AllowCloudWatchAlarmsToTopic", "AllowEventBridgeToInterceptorQueue",
    ]
    error_message = "The key policy must hold exactly the account's statement and one statement per service using the key."
  }

  assert {
    condition = one([for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowCloudWatchLogs"]) == {
      Sid       = "AllowCloudWatchLogs"
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"]
      Resource  = "*"
      Condition = {
        ArnLike = {
          "kms:EncryptionContext:aws:logs:arn" = [
            for name in concat(
              [for fn in sort(keys(module.api_functions)) : module.api_functions[fn].log_group_name],
              [module.stream_function.log_group_name, module.rest_api.access_log_group_name],
              # Named after the REST API id, unknown until the API exists: any API's, for this stage.
              [replace(module.rest_api.execution_log_group_name, module.rest_api.rest_api_id, "*")],
            ) : "arn:aws:logs:eu-west-1:123456789012:log-group:${name}"
          ]
        }
      }
    }
    error_message = "CloudWatch Logs may use the key for exactly the environment's log groups, the API execution logs included."
  }

  assert {
    condition = one([for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeBusEncryption"]) == {
      Sid       = "AllowEventBridgeBusEncryption"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:EncryptionContext:aws:events:event-bus:arn" = ["arn:aws:events:eu-west-1:123456789012:event-bus/${module.event_bus.bus_name}"] } }
    }
    error_message = "EventBridge may use the key for this environment's bus only."
  }

  assert {
    condition = one([for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeDescribeKey"]) == {
      Sid       = "AllowEventBridgeDescribeKey"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = ["kms:DescribeKey"]
      Resource  = "*"
    }
    error_message = "EventBridge must be able to describe the key, or it refuses the bus's key at apply."
  }

  assert {
    condition = one([for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowCloudWatchAlarmsToTopic"]) == {
      Sid       = "AllowCloudWatchAlarmsToTopic"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = ["123456789012"] }
        ArnLike      = { "aws:SourceArn" = ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:catalog-${var.environment}-*"] }
      }
    }
    error_message = "CloudWatch may use the key for this environment's alarms only."
  }

  assert {
    condition = alltrue([
      for name in keys(module.monitoring.alarm_arns) : startswith(name, "catalog-${var.environment}-")
    ])
    error_message = "Alarm names must match the key policy's alarm pattern."
  }

  assert {
    condition = one([for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeToInterceptorQueue"]) == {
      Sid       = "AllowEventBridgeToInterceptorQueue"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:EncryptionContext:aws:sqs:arn" = ["arn:aws:sqs:eu-west-1:123456789012:${module.event_bus.interceptor_queue_name}"] } }
    }
    error_message = "EventBridge may use the key for the interceptor queue, named as the event-bus module names it."
  }

  assert {
    condition = [for s in jsondecode(module.events_dlq_kms.key_policy_json).Statement : s if s.Sid != "EnableAccountIamPolicies"] == [
      {
        Sid       = "AllowEventBridgeToDeadLetterQueue"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = { StringEquals = { "kms:EncryptionContext:aws:sqs:arn" = ["arn:aws:sqs:eu-west-1:123456789012:${module.event_bus.dead_letter_queue_name}"] } }
      },
    ]
    error_message = "EventBridge may use the dead-letter key for the dead-letter queue only, named as the event-bus module names it."
  }
}
