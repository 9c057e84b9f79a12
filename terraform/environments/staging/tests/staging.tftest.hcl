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
