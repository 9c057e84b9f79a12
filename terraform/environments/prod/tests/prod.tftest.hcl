# What sets prod apart: deletion protection, long retention, bounded but patient stream retries,
# and never an E2E interceptor (the module refuses one in prod: modules/catalog-service/tests).
# What every environment shares is tested once, in modules/catalog-service/tests.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan
}

# For the run that applies: values generated at plan time would change at apply.
mock_provider "aws" {
  alias  = "applying"
  source = "../../tests/mocks"
}

variables {
  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "prod_is_protected_and_keeps_history" {
  command = plan

  assert {
    condition     = module.catalog.products_table_deletion_protection_enabled == true && module.catalog.idempotency_table_deletion_protection_enabled == true
    error_message = "prod tables must be deletion protected."
  }

  assert {
    condition     = module.catalog.products_table_point_in_time_recovery_enabled == true && module.catalog.idempotency_table_point_in_time_recovery_enabled == true
    error_message = "prod tables must be recoverable to any point in time."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 8 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 90
    ])
    error_message = "prod keeps every log group (functions, API access logs, WAF logs) for 90 days."
  }

  assert {
    condition     = module.catalog.waf_web_acl_arn != null && module.catalog.web_acl_association_id != null
    error_message = "prod's API must be behind its own web ACL when the platform provides none."
  }

  assert {
    condition     = module.catalog.alarm_email_subscriptions == tolist(["catalog-oncall@example.com"])
    error_message = "prod alarms must reach the on-call address of terraform.tfvars."
  }

  assert {
    condition     = module.catalog.event_archive_retention_days == 365
    error_message = "prod archives events for a year."
  }

  assert {
    condition     = module.catalog.event_source_mapping_maximum_retry_attempts == 10 && module.catalog.event_source_mapping_maximum_record_age_in_seconds == 21600
    error_message = "prod retries stream batches 10 times for up to 6 hours."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url == null && module.catalog.e2e_interceptor_queue_kms_key_arn == null
    error_message = "prod must not copy events into a test queue."
  }

  assert {
    condition = length(module.catalog.function_environment_variables) == 6 && alltrue([
      for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "info"
    ])
    error_message = "prod logs at info level."
  }

  assert {
    condition     = module.catalog.api_authorizer_type == "COGNITO_USER_POOLS"
    error_message = "prod authorizes with a Cognito user pool."
  }

  assert {
    condition = output.function_names == {
      for fn in ["create-product", "put-product", "get-product", "list-products", "delete-product", "publish-product-events"] : fn => "catalog-prod-${fn}"
    }
    error_message = "Every prod function is named catalog-prod-<function>."
  }
}

run "prod_refuses_to_plan_without_an_alarm_recipient" {
  command = plan

  variables {
    alarm_email_endpoints = []
  }

  expect_failures = [var.alarm_email_endpoints]
}

run "prod_uses_the_platform_web_acl_when_given_one" {
  command = plan

  variables {
    waf_web_acl_arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/platform/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition     = module.catalog.waf_web_acl_arn == var.waf_web_acl_arn && module.catalog.web_acl_association_id != null && length(module.catalog.log_group_retention_in_days) == 7
    error_message = "With the platform's web ACL, prod associates it and creates none of its own."
  }
}

# The same root with persistence = "aurora" (and the account's network, as terraform.tfvars would
# give it): it plans, and what sets prod apart on Aurora holds.
run "prod_on_aurora_is_protected_and_has_a_reader" {
  command = plan

  variables {
    persistence                  = "aurora"
    allow_destroy_previous_store = true
    network = {
      vpc_id             = "vpc-0a1b2c3d"
      private_subnet_ids = ["subnet-0a1", "subnet-0b2"]
    }
    lambda_concurrency_quota = 1000
  }

  assert {
    condition = output.persistence == "aurora" && module.catalog.database_protection == {
      deletion_protection     = true
      skip_final_snapshot     = false
      backup_retention_period = 30
      min_capacity            = 1
      max_capacity            = 16
      instances               = ["catalog-prod-0", "catalog-prod-1"]
    }
    error_message = "prod on aurora: deletion protection and a final snapshot, a month of backups, 1-16 ACU, a writer and the reader of terraform.tfvars."
  }

  assert {
    condition = (
      output.database.proxy_endpoint != null && output.migration_function_name == "catalog-prod-migrate-database" &&
      output.products_table_name == null && output.relay_dead_letter_queue_url != null &&
      keys(module.catalog.function_environment_variables) == ["create-product", "delete-product", "get-product", "list-products", "migrate-database", "put-product", "relay-product-outbox"] &&
      alltrue([for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "info" && vars.PERSISTENCE == "postgres"])
    )
    error_message = "On aurora prod runs the API functions, the relay and the migration runner on PostgreSQL, without tables."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 11 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 90
    ])
    error_message = "prod keeps every log group (functions, API access logs, WAF logs, PostgreSQL and proxy logs) for 90 days."
  }
}

run "prod_refuses_aurora_without_a_reader" {
  command = plan

  variables {
    aurora_reader_count = 0
  }

  expect_failures = [var.aurora_reader_count]
}

# The switch in prod: deployed on DynamoDB (terraform.tfvars as it is) ...
run "prod_deployed_on_dynamodb" {
  command   = apply
  providers = { aws = aws.applying }

  assert {
    condition     = output.persistence == "dynamodb" && output.products_table_name == "catalog-prod-products"
    error_message = "prod starts on DynamoDB with its products table."
  }
}

# ... then planned on aurora without touching allow_destroy_previous_store (false unless set):
# the tables stay, deletion protected, and nothing uses them.
run "prod_switched_to_aurora_keeps_its_tables" {
  command = plan

  variables {
    persistence = "aurora"
    network = {
      vpc_id             = "vpc-0a1b2c3d"
      private_subnet_ids = ["subnet-0a1", "subnet-0b2"]
    }
    lambda_concurrency_quota = 1000
  }

  assert {
    condition = (
      output.products_table_name == run.prod_deployed_on_dynamodb.products_table_name &&
      output.idempotency_table_name == run.prod_deployed_on_dynamodb.idempotency_table_name &&
      module.catalog.products_table_deletion_protection_enabled == true &&
      module.catalog.idempotency_table_deletion_protection_enabled == true
    )
    error_message = "Switching prod to aurora must keep both tables, deletion protected, while allow_destroy_previous_store is false."
  }

  assert {
    condition = (
      output.database.proxy_endpoint != null && output.on_failure_queue_url == null &&
      alltrue([for vars in values(module.catalog.function_environment_variables) : vars.PERSISTENCE == "postgres" && !contains(keys(vars), "PRODUCTS_TABLE_NAME")])
    )
    error_message = "After the switch the functions use PostgreSQL only; the stream mapping and its queue are gone."
  }
}
