# What sets dev apart: disposable tables, verbose logs, short retention, E2E interceptor on.
# What every environment shares is tested once, in modules/catalog-service/tests.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan
}

variables {
  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "dev_is_disposable_and_verbose" {
  command = plan

  assert {
    condition     = module.catalog.products_table_deletion_protection_enabled == false && module.catalog.idempotency_table_deletion_protection_enabled == false
    error_message = "dev tables must be deletable."
  }

  assert {
    condition = length(module.catalog.function_environment_variables) == 6 && alltrue([
      for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "debug"
    ])
    error_message = "dev logs at debug level."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 7 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 14
    ])
    error_message = "dev keeps every log group for 14 days."
  }

  assert {
    condition     = module.catalog.waf_web_acl_arn == null && module.catalog.web_acl_association_id == null
    error_message = "dev has no web ACL unless the platform provides one."
  }

  assert {
    condition     = module.catalog.event_archive_retention_days == 7
    error_message = "dev archives events for 7 days."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url == "https://sqs.eu-west-1.amazonaws.com/123456789012/mock" && module.catalog.e2e_interceptor_queue_kms_key_arn == output.kms_key_arn
    error_message = "dev exposes the KMS encrypted E2E interceptor queue."
  }

  assert {
    condition     = module.catalog.api_authorizer_type == "COGNITO_USER_POOLS"
    error_message = "dev authorizes with a Cognito user pool."
  }

  assert {
    condition     = output.api_invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    error_message = "The API base URL must be an output (E2E_BASE_URL)."
  }

  assert {
    condition = output.function_names == {
      for fn in ["create-product", "put-product", "get-product", "list-products", "delete-product", "publish-product-events"] : fn => "catalog-dev-${fn}"
    }
    error_message = "Every dev function is named catalog-dev-<function>."
  }
}

# The same root with persistence = "aurora" (and the account's network, as terraform.tfvars would
# give it): it plans, and what sets dev apart on Aurora holds.
run "dev_on_aurora_is_small_and_disposable" {
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
      deletion_protection     = false
      skip_final_snapshot     = true
      backup_retention_period = 1
      min_capacity            = 0.5
      max_capacity            = 2
      instances               = ["catalog-dev-0"]
    }
    error_message = "dev on aurora: no deletion protection or final snapshot, a day of backups, 0.5-2 ACU, one writer."
  }

  assert {
    condition = (
      output.database.proxy_endpoint != null && output.migration_function_name == "catalog-dev-migrate-database" &&
      output.products_table_name == null && output.relay_dead_letter_queue_url != null &&
      keys(module.catalog.function_environment_variables) == ["create-product", "delete-product", "get-product", "list-products", "migrate-database", "put-product", "relay-product-outbox"] &&
      alltrue([for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "debug" && vars.PERSISTENCE == "postgres"])
    )
    error_message = "On aurora dev runs the API functions, the relay and the migration runner on PostgreSQL, without tables."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 10 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 14
    ])
    error_message = "dev keeps every log group (functions, API access logs, WAF logs, PostgreSQL and proxy logs) for 14 days."
  }
}
