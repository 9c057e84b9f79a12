# What sets staging apart: production-like protection, with the E2E interceptor for the
# deployed end-to-end suite.

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

run "staging_is_protected_and_testable_end_to_end" {
  command = plan

  assert {
    condition     = module.products_table.table_deletion_protection_enabled == true && module.idempotency_table.table_deletion_protection_enabled == true
    error_message = "staging tables must be deletion protected."
  }

  assert {
    condition     = alltrue([for m in values(module.api_functions) : m.function_environment_variables.LOG_LEVEL == "info"])
    error_message = "staging logs at info level."
  }

  assert {
    condition     = module.stream_function.log_group_retention_in_days == 30 && module.rest_api.log_group_retention_in_days == 30
    error_message = "staging keeps logs for 30 days."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url != null && module.event_bus.interceptor_queue_kms_key_arn == module.kms.key_arn
    error_message = "staging exposes the KMS encrypted E2E interceptor queue."
  }

  assert {
    condition     = module.rest_api.authorizer_type == "COGNITO_USER_POOLS"
    error_message = "staging authorizes with a Cognito user pool."
  }
}
