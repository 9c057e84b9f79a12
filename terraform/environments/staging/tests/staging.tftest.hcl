# What sets staging apart: production-like protection, with the E2E interceptor for the
# deployed end-to-end suite. What every environment shares is tested once, in
# modules/catalog-service/tests.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan
}

variables {
  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "staging_is_protected_and_testable_end_to_end" {
  command = plan

  assert {
    condition     = module.catalog.products_table_deletion_protection_enabled == true && module.catalog.idempotency_table_deletion_protection_enabled == true
    error_message = "staging tables must be deletion protected."
  }

  assert {
    condition = length(module.catalog.function_environment_variables) == 6 && alltrue([
      for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "info"
    ])
    error_message = "staging logs at info level."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 8 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 30
    ])
    error_message = "staging keeps every log group (functions, API access logs, WAF logs) for 30 days."
  }

  assert {
    condition     = module.catalog.waf_web_acl_arn != null && module.catalog.web_acl_association_id != null
    error_message = "staging tests the API behind a web ACL, like prod."
  }

  assert {
    condition     = module.catalog.event_archive_retention_days == 30
    error_message = "staging archives events for 30 days."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url != null && module.catalog.e2e_interceptor_queue_kms_key_arn == output.kms_key_arn
    error_message = "staging exposes the KMS encrypted E2E interceptor queue."
  }

  assert {
    condition     = module.catalog.api_authorizer_type == "COGNITO_USER_POOLS"
    error_message = "staging authorizes with a Cognito user pool."
  }

  assert {
    condition = output.function_names == {
      for fn in ["create-product", "put-product", "get-product", "list-products", "delete-product", "publish-product-events"] : fn => "catalog-staging-${fn}"
    }
    error_message = "Every staging function is named catalog-staging-<function>."
  }
}

# The same root with persistence = "aurora" (and the account's network, as terraform.tfvars would
# give it): it plans, and what sets staging apart on Aurora holds.
run "staging_on_aurora_is_protected" {
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
      backup_retention_period = 7
      min_capacity            = 0.5
      max_capacity            = 4
      instances               = ["catalog-staging-0"]
    }
    error_message = "staging on aurora: deletion protection and a final snapshot, a week of backups, 0.5-4 ACU, one writer."
  }

  assert {
    condition = (
      output.database.proxy_endpoint != null && output.migration_function_name == "catalog-staging-migrate-database" &&
      output.products_table_name == null && output.relay_dead_letter_queue_url != null &&
      keys(module.catalog.function_environment_variables) == ["create-product", "delete-product", "get-product", "list-products", "migrate-database", "put-product", "relay-product-outbox"] &&
      alltrue([for vars in values(module.catalog.function_environment_variables) : vars.LOG_LEVEL == "info" && vars.PERSISTENCE == "postgres"])
    )
    error_message = "On aurora staging runs the API functions, the relay and the migration runner on PostgreSQL, without tables."
  }

  assert {
    condition = length(module.catalog.log_group_retention_in_days) == 11 && alltrue([
      for days in values(module.catalog.log_group_retention_in_days) : days == 30
    ])
    error_message = "staging keeps every log group (functions, API access logs, WAF logs, PostgreSQL and proxy logs) for 30 days."
  }
}
