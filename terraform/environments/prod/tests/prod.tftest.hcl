# What sets prod apart: deletion protection, long retention, bounded but patient stream retries,
# and never an E2E interceptor.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
      key_id = "11111111-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock"
      stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock/stream/2025-01-01T00:00:00.000"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:mock"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/mock"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/mock"
    }
  }
  mock_resource "aws_cloudwatch_event_bus" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/mock" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/mock/mock" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:mock"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:mock/invocations"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_api_gateway_rest_api" {
    defaults = {
      id               = "a1b2c3d4e5"
      root_resource_id = "root000000"
      execution_arn    = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"
    }
  }
  mock_resource "aws_api_gateway_authorizer" {
    defaults = { id = "authz1" }
  }
  mock_resource "aws_api_gateway_stage" {
    defaults = {
      arn        = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1"
      invoke_url = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:mock-alarms" }
  }
  mock_resource "aws_cloudwatch_metric_alarm" {
    defaults = { arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:mock" }
  }

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
  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

run "prod_is_protected_and_keeps_history" {
  command = plan

  assert {
    condition     = module.products_table.table_deletion_protection_enabled == true && module.idempotency_table.table_deletion_protection_enabled == true
    error_message = "prod tables must be deletion protected."
  }

  assert {
    condition     = module.products_table.table_point_in_time_recovery_enabled == true
    error_message = "prod products must be recoverable to any point in time."
  }

  assert {
    condition     = module.stream_function.log_group_retention_in_days == 90 && module.rest_api.log_group_retention_in_days == 90
    error_message = "prod keeps logs for 90 days."
  }

  assert {
    condition     = module.event_bus.archive_retention_days == 365
    error_message = "prod archives events for a year."
  }

  assert {
    condition     = module.stream_processor.event_source_mapping_maximum_retry_attempts == 10 && module.stream_processor.event_source_mapping_maximum_record_age_in_seconds == 21600
    error_message = "prod retries stream batches 10 times for up to 6 hours."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url == null && module.event_bus.interceptor_queue_kms_key_arn == null
    error_message = "prod must not copy events into a test queue."
  }

  assert {
    condition     = alltrue([for m in values(module.api_functions) : m.function_environment_variables.LOG_LEVEL == "info"])
    error_message = "prod logs at info level."
  }
}

run "prod_refuses_the_e2e_interceptor" {
  command = plan

  variables {
    enable_e2e_interceptor = true
  }

  expect_failures = [var.enable_e2e_interceptor]
}
