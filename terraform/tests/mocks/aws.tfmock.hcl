# Mocked AWS values shared by the plan-only tests of catalog-service and the environments
# (mock_provider "aws" { source = "<path to this folder>" }). Computed attributes that another
# resource's arguments validate at plan time must look like real ARNs and ids.

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
mock_resource "aws_wafv2_web_acl_association" {
  defaults = { id = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/mock/mock,arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1" }
}
mock_resource "aws_wafv2_web_acl" {
  defaults = { arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/mock/11111111-2222-3333-4444-555555555555" }
}
mock_resource "aws_iam_policy" {
  defaults = { arn = "arn:aws:iam::123456789012:policy/mock" }
}
mock_resource "aws_iam_openid_connect_provider" {
  defaults = { arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
}
mock_resource "aws_ssm_parameter" {
  defaults = { arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/mock/cursor-signing-key" }
}
