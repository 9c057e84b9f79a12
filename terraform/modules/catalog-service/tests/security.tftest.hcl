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
      for fn, m in module.api_functions : fn => sort(flatten([
        for s in jsondecode(m.role_policy_json).Statement : [
          for a in s.Action : [for r in s.Resource : "${a} ${r}"]
        ] if startswith(s.Action[0], "dynamodb:")
      ]))
      } == {
      create-product = sort([
        "dynamodb:DeleteItem arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency",
        "dynamodb:GetItem arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency",
        "dynamodb:PutItem arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency",
        "dynamodb:PutItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
        "dynamodb:UpdateItem arn:aws:dynamodb:eu-west-1:123456789012:table/idempotency",
      ])
      delete-product = sort([
        "dynamodb:DeleteItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
        "dynamodb:GetItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
        "dynamodb:UpdateItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
      ])
      get-product   = sort(["dynamodb:GetItem arn:aws:dynamodb:eu-west-1:123456789012:table/products"])
      list-products = sort(["dynamodb:Scan arn:aws:dynamodb:eu-west-1:123456789012:table/products"])
      put-product = sort([
        "dynamodb:GetItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
        "dynamodb:PutItem arn:aws:dynamodb:eu-west-1:123456789012:table/products",
      ])
    }
    error_message = "API functions must get exactly the DynamoDB actions their use case needs, on their tables only."
  }

  assert {
    condition = alltrue(flatten([
      for m in values(module.api_functions) : [
        for s in jsondecode(m.role_policy_json).Statement :
        s.Resource == [module.kms.key_arn] && s.Condition.StringEquals["kms:ViaService"] == ["dynamodb.eu-west-1.amazonaws.com"]
        if startswith(s.Action[0], "kms:")
      ]
    ]))
    error_message = "API functions may use the table key only through DynamoDB."
  }

  assert {
    condition = sort(flatten([
      for s in jsondecode(module.stream_function.role_policy_json).Statement : [
        for a in s.Action : [for r in s.Resource : "${a} ${r}"]
      ] if !contains(["WriteOwnLogs", "WriteXRayTraces"], s.Sid) && !startswith(s.Action[0], "kms:")
      ])) == sort([
      "dynamodb:DescribeStream arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000",
      "dynamodb:GetRecords arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000",
      "dynamodb:GetShardIterator arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000",
      "dynamodb:ListStreams arn:aws:dynamodb:eu-west-1:123456789012:table/products/stream/2025-01-01T00:00:00.000",
      "events:PutEvents ${module.event_bus.bus_arn}",
      "sqs:SendMessage arn:aws:sqs:eu-west-1:123456789012:on-failure",
    ])
    error_message = "The stream function may only read the products stream, publish to the bus and send to its on-failure queue."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.stream_function.role_policy_json).Statement : s.Resource == [module.kms.key_arn] if startswith(s.Action[0], "kms:")
    ])
    error_message = "KMS permissions must name the environment's key only."
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

run "key_policy_covers_exactly_this_environment" {
  command = plan

  assert {
    condition = alltrue([
      for name in concat(
        [for m in merge(module.api_functions, { publish-product-events = module.stream_function }) : m.log_group_name],
        [module.rest_api.access_log_group_name],
      ) :
      contains(one([
        for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] if s.Sid == "AllowCloudWatchLogs"
      ]), "arn:aws:logs:eu-west-1:123456789012:log-group:${name}")
    ])
    error_message = "CloudWatch Logs must be allowed to use the key for every log group of the environment."
  }

  assert {
    condition = one([
      for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.StringEquals["kms:EncryptionContext:aws:events:event-bus:arn"] if s.Sid == "AllowEventBridgeBusEncryption"
    ]) == ["arn:aws:events:eu-west-1:123456789012:event-bus/${module.event_bus.bus_name}"]
    error_message = "EventBridge may use the key for this environment's bus only."
  }

  assert {
    condition = one([
      for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.ArnLike["aws:SourceArn"] if s.Sid == "AllowCloudWatchAlarmsToTopic"
    ]) == ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:catalog-${var.environment}-*"]
    error_message = "CloudWatch may use the key for this environment's alarms only."
  }

  assert {
    condition = alltrue([
      for name in keys(module.monitoring.alarm_arns) : startswith(name, "catalog-${var.environment}-")
    ])
    error_message = "Alarm names must match the key policy's alarm pattern."
  }

  assert {
    condition = length([
      for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeToInterceptorQueue"
    ]) == (var.enable_e2e_interceptor ? 1 : 0)
    error_message = "EventBridge may use the key for the interceptor queue only where the interceptor exists."
  }
}
