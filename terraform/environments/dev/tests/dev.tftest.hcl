# What sets dev apart: disposable tables, verbose logs, short retention, E2E interceptor on.

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

run "dev_is_disposable_and_verbose" {
  command = plan

  assert {
    condition     = module.products_table.table_deletion_protection_enabled == false && module.idempotency_table.table_deletion_protection_enabled == false
    error_message = "dev tables must be deletable."
  }

  assert {
    condition     = alltrue([for m in values(module.api_functions) : m.function_environment_variables.LOG_LEVEL == "debug"])
    error_message = "dev logs at debug level."
  }

  assert {
    condition     = module.stream_function.log_group_retention_in_days == 14 && module.rest_api.log_group_retention_in_days == 14
    error_message = "dev keeps logs for 14 days."
  }

  assert {
    condition     = module.event_bus.archive_retention_days == 7
    error_message = "dev archives events for 7 days."
  }

  assert {
    condition     = output.e2e_interceptor_queue_url == "https://sqs.eu-west-1.amazonaws.com/123456789012/mock" && module.event_bus.interceptor_queue_kms_key_arn == module.kms.key_arn
    error_message = "dev exposes the KMS encrypted E2E interceptor queue."
  }

  assert {
    condition     = module.rest_api.authorizer_type == "COGNITO_USER_POOLS"
    error_message = "dev authorizes with a Cognito user pool."
  }

  assert {
    condition     = output.api_invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    error_message = "The API base URL must be an output (E2E_BASE_URL)."
  }
}

run "a_shared_jwt_lambda_authorizer_can_replace_cognito" {
  command = plan

  variables {
    authorizer_type                = "lambda"
    cognito_user_pool_arns         = []
    lambda_authorizer_function_arn = "arn:aws:lambda:eu-west-1:210987654321:function:platform-jwt-authorizer"
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
