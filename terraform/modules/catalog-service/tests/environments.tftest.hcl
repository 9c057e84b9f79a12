# What follows from the environment and the switches the environments set differently: deletion
# protection, the E2E interceptor, the web ACL and alarm recipients prod requires, the authorizer,
# reserved concurrency, what the persistence switch requires. Also that the outputs
# the environments' tests read report the resources themselves.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan
}

variables {
  environment            = "dev"
  authorizer_type        = "cognito"
  cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1"]
  enable_e2e_interceptor = true

  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "dev_tables_are_deletable" {
  command = plan

  assert {
    condition     = module.products_table[0].table_deletion_protection_enabled == false && module.idempotency_table[0].table_deletion_protection_enabled == false
    error_message = "dev tables must be deletable."
  }

  assert {
    condition = length([
      for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeToInterceptorQueue"
    ]) == 1 && module.event_bus.interceptor_queue_kms_key_arn == module.kms.key_arn
    error_message = "With the interceptor, its queue is KMS encrypted and EventBridge may use the key for it."
  }

  assert {
    condition     = var.waf_web_acl_arn == null && module.rest_api.web_acl_association_id == null && output.waf_web_acl_arn == null
    error_message = "No web ACL may be associated when none is configured (tests/security.tftest.hcl covers one that is)."
  }
}

run "outside_dev_tables_are_protected_and_events_stay_out_of_test_queues" {
  command = plan

  variables {
    environment            = "prod"
    enable_e2e_interceptor = false
    waf_web_acl_arn        = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/platform/11111111-2222-3333-4444-555555555555"
    alarm_email_endpoints  = ["oncall@example.com"]
  }

  assert {
    condition     = module.products_table[0].table_deletion_protection_enabled == true && module.idempotency_table[0].table_deletion_protection_enabled == true
    error_message = "Tables must be deletion protected everywhere but dev."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url == null && module.event_bus.interceptor_queue_kms_key_arn == null
    error_message = "Without the interceptor there is no interceptor queue."
  }

  assert {
    condition = length([
      for s in jsondecode(module.kms.key_policy_json).Statement : s if s.Sid == "AllowEventBridgeToInterceptorQueue"
    ]) == 0
    error_message = "EventBridge may use the key for the interceptor queue only where the interceptor exists."
  }
}

run "prod_refuses_the_e2e_interceptor" {
  command = plan

  variables {
    environment            = "prod"
    enable_e2e_interceptor = true
    waf_web_acl_arn        = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/platform/11111111-2222-3333-4444-555555555555"
    alarm_email_endpoints  = ["oncall@example.com"]
  }

  expect_failures = [var.enable_e2e_interceptor]
}

run "prod_requires_a_web_acl_and_someone_to_alarm" {
  command = plan

  variables {
    environment            = "prod"
    enable_e2e_interceptor = false
  }

  expect_failures = [var.create_waf_web_acl, var.alarm_email_endpoints]
}

run "a_created_web_acl_protects_the_stage_and_logs_encrypted" {
  command = plan

  variables {
    create_waf_web_acl           = true
    waf_rate_limit_per_5_minutes = 1000
  }

  assert {
    condition = (
      output.waf_web_acl_arn == module.waf[0].web_acl_arn &&
      module.rest_api.web_acl_association_id != null &&
      module.waf[0].web_acl_rules["rate-limit-per-ip"].rate_limit == 1000
    )
    error_message = "The created web ACL must be associated with the stage, with the environment's rate limit."
  }

  assert {
    condition = (
      module.waf[0].log_group_kms_key_arn == module.kms.key_arn &&
      module.waf[0].log_group_retention_in_days == var.log_retention_in_days &&
      contains(one([
        for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] if s.Sid == "AllowCloudWatchLogs"
      ]), "arn:aws:logs:eu-west-1:123456789012:log-group:${module.waf[0].log_group_name}")
    )
    error_message = "WAF logs must be encrypted with the environment's key, which must allow CloudWatch Logs for them."
  }
}

run "one_web_acl_at_most" {
  command = plan

  variables {
    create_waf_web_acl = true
    waf_web_acl_arn    = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/platform/11111111-2222-3333-4444-555555555555"
  }

  expect_failures = [var.create_waf_web_acl]
}

# Lambda keeps at least 100 concurrent executions of the account unreserved. Accounts start with
# quotas as low as 10, so a reservation must be checked against the account's own quota.
run "reservations_need_the_account_quota" {
  command = plan

  variables {
    function_settings = { publish-product-events = { reserved_concurrent_executions = 5 } }
  }

  expect_failures = [var.function_settings]
}

run "reservations_must_leave_100_unreserved" {
  command = plan

  variables {
    lambda_concurrency_quota = 120
    function_settings = {
      publish-product-events = { reserved_concurrent_executions = 15 }
      create-product         = { reserved_concurrent_executions = 10 }
    }
  }

  expect_failures = [var.function_settings]
}

run "a_shared_jwt_lambda_authorizer_can_replace_cognito" {
  command = plan

  variables {
    authorizer_type                = "lambda"
    cognito_user_pool_arns         = []
    lambda_authorizer_function_arn = "arn:aws:lambda:eu-west-1:210987654321:function:platform-jwt-authorizer"
    # Another account's authorizer: its owner grants API Gateway the invoke permission.
    lambda_authorizer_grant_invoke = false
  }

  assert {
    condition     = module.rest_api.authorizer_type == "TOKEN"
    error_message = "The Lambda authorizer must be a TOKEN authorizer by default."
  }

  assert {
    condition = alltrue([
      for m in values(module.rest_api.method_authorizations) : m.authorization == "CUSTOM" && m.authorizer_id == module.rest_api.authorizer_id
    ])
    error_message = "Every method must require the Lambda authorizer."
  }
}

# aurora runs in the environment's VPC and reserves 2 executions for the relay: without a network,
# or without the account's quota to check the reservation against, it does not plan
# (tests/aurora.tftest.hcl covers the deployment itself).
run "aurora_needs_a_network_and_the_account_quota" {
  command = plan

  variables {
    persistence = "aurora"
  }

  expect_failures = [var.network, var.function_settings]
}

run "unknown_persistence_is_rejected" {
  command = plan

  variables {
    persistence = "postgres"
  }

  expect_failures = [var.persistence]
}

run "audit_outputs_report_the_resources" {
  command = plan

  variables {
    log_level             = "warn"
    log_retention_in_days = 60

    # Reservations within the quota reach the functions.
    lambda_concurrency_quota = 1000
    function_settings = {
      publish-product-events = { reserved_concurrent_executions = 20 }
      create-product         = { reserved_concurrent_executions = 0, memory_size = 1024 }
    }
    stream_processing = {
      maximum_retry_attempts        = 7
      maximum_record_age_in_seconds = 7200
    }
  }

  assert {
    condition = (
      output.products_table_deletion_protection_enabled == module.products_table[0].table_deletion_protection_enabled &&
      output.idempotency_table_deletion_protection_enabled == module.idempotency_table[0].table_deletion_protection_enabled &&
      output.products_table_point_in_time_recovery_enabled == module.products_table[0].table_point_in_time_recovery_enabled &&
      output.idempotency_table_point_in_time_recovery_enabled == module.idempotency_table[0].table_point_in_time_recovery_enabled
    )
    error_message = "The table outputs must report each table's own settings."
  }

  assert {
    condition = (
      keys(output.function_environment_variables) == keys(output.function_names) &&
      alltrue([for fn, vars in output.function_environment_variables : vars.LOG_LEVEL == "warn" && vars.SERVICE_NAME == "catalog-dev"])
    )
    error_message = "function_environment_variables must cover every function."
  }

  assert {
    condition = output.log_group_retention_in_days == merge(
      { for m in values(module.api_functions) : m.log_group_name => 60 },
      { "/aws/lambda/catalog-dev-publish-product-events" = 60, "/aws/apigateway/catalog-dev/v1/access" = 60 },
    )
    error_message = "log_group_retention_in_days must cover every function's log group and the API access logs."
  }

  assert {
    condition = (
      output.api_authorizer_type == "COGNITO_USER_POOLS" &&
      output.event_archive_retention_days == module.event_bus.archive_retention_days &&
      output.e2e_interceptor_queue_kms_key_arn == module.kms.key_arn &&
      output.event_source_mapping_maximum_retry_attempts == 7 &&
      output.event_source_mapping_maximum_record_age_in_seconds == 7200
    )
    error_message = "The authorizer, archive, interceptor and stream outputs must report the resources."
  }

  assert {
    condition = (
      output.kms_key_arn == module.kms.key_arn &&
      output.products_table_name == "catalog-dev-products" &&
      output.idempotency_table_name == "catalog-dev-idempotency" &&
      output.event_bus_name == "catalog-dev" &&
      output.function_source_code_hashes["get-product"] == filebase64sha256("${var.artifacts_dir}/get-product.zip")
    )
    error_message = "The operator outputs must name this environment's resources."
  }

  assert {
    condition = (
      module.stream_function[0].function_reserved_concurrent_executions == 20 &&
      module.api_functions["create-product"].function_reserved_concurrent_executions == 0 &&
      module.api_functions["get-product"].function_reserved_concurrent_executions == -1
    )
    error_message = "Reservations within the quota reach the functions; the others stay unreserved."
  }
}
