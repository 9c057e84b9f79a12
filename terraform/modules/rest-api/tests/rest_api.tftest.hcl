mock_provider "aws" {
  override_during = plan

  mock_resource "aws_api_gateway_rest_api" {
    defaults = {
      id               = "a1b2c3d4e5"
      root_resource_id = "root000000"
      execution_arn    = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"
    }
  }

  mock_resource "aws_api_gateway_authorizer" {
    defaults = {
      id = "authz1"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/catalog-test/v1/access"
    }
  }

  mock_resource "aws_api_gateway_stage" {
    defaults = {
      arn        = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1"
      invoke_url = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  # Fixed ids, so that the deployment trigger hash depends on the configuration only.
  mock_resource "aws_api_gateway_resource" {
    defaults = { id = "res000" }
  }
  mock_resource "aws_api_gateway_method" {
    defaults = { id = "method0" }
  }
  mock_resource "aws_api_gateway_integration" {
    defaults = { id = "integr0" }
  }
  mock_resource "aws_api_gateway_gateway_response" {
    defaults = { id = "resp00" }
  }
  mock_resource "aws_api_gateway_request_validator" {
    defaults = { id = "valid0" }
  }
}

variables {
  name            = "catalog-test"
  authorizer_type = "cognito"
  cognito_user_pool_arns = [
    "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123",
  ]
  log_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  routes = {
    create-product = {
      method              = "POST"
      path                = "/api/products"
      function_name       = "catalog-test-create-product"
      function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-create-product/invocations"
    }
    list-products = {
      method              = "GET"
      path                = "/api/products"
      function_name       = "catalog-test-list-products"
      function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-list-products/invocations"
    }
    get-product = {
      method              = "GET"
      path                = "/api/products/{id}"
      function_name       = "catalog-test-get-product"
      function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-get-product/invocations"
    }
    put-product = {
      method              = "PUT"
      path                = "/api/products/{id}"
      function_name       = "catalog-test-put-product"
      function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-put-product/invocations"
    }
    delete-product = {
      method              = "DELETE"
      path                = "/api/products/{id}"
      function_name       = "catalog-test-delete-product"
      function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-delete-product/invocations"
    }
  }
}

run "builds_the_resource_tree_and_one_proxy_integration_per_route" {
  command = plan

  assert {
    condition = (
      keys(aws_api_gateway_resource.depth_1) == ["/api"] &&
      keys(aws_api_gateway_resource.depth_2) == ["/api/products"] &&
      keys(aws_api_gateway_resource.depth_3) == ["/api/products/{id}"] &&
      length(aws_api_gateway_resource.depth_4) == 0
    )
    error_message = "Resources must be /api, /api/products and /api/products/{id}."
  }

  assert {
    condition     = aws_api_gateway_resource.depth_3["/api/products/{id}"].path_part == "{id}"
    error_message = "The id path parameter must be its own resource."
  }

  assert {
    condition = alltrue([
      for key, i in aws_api_gateway_integration.this :
      i.type == "AWS_PROXY" && i.integration_http_method == "POST" && i.uri == var.routes[key].function_invoke_arn
    ])
    error_message = "Every route must be a Lambda proxy integration to its own function."
  }

  assert {
    condition = {
      for key, m in aws_api_gateway_method.this : key => m.http_method
      } == {
      create-product = "POST", list-products = "GET", get-product = "GET", put-product = "PUT", delete-product = "DELETE"
    }
    error_message = "Each route must have its method."
  }

  assert {
    condition     = aws_api_gateway_method.this["get-product"].request_parameters == tomap({ "method.request.path.id" = true })
    error_message = "Path parameters must be declared on the method."
  }

  assert {
    condition = {
      for key, p in aws_lambda_permission.this : key => p.source_arn
      } == {
      create-product = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/v1/POST/api/products"
      list-products  = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/v1/GET/api/products"
      get-product    = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/v1/GET/api/products/*"
      put-product    = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/v1/PUT/api/products/*"
      delete-product = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/v1/DELETE/api/products/*"
    }
    error_message = "Each function may only be invoked by its own stage, method and path."
  }

  assert {
    condition     = aws_lambda_permission.this["get-product"].statement_id == "apigateway-get-api-products-id"
    error_message = "Permission statement ids must be readable and stable."
  }
}

run "cognito_authorizer_guards_every_method" {
  command = plan

  assert {
    condition     = aws_api_gateway_authorizer.this.type == "COGNITO_USER_POOLS" && aws_api_gateway_authorizer.this.provider_arns == toset(var.cognito_user_pool_arns)
    error_message = "The authorizer must be a Cognito user pool authorizer for the given pools."
  }

  assert {
    condition = alltrue([
      for m in values(aws_api_gateway_method.this) : m.authorization == "COGNITO_USER_POOLS" && m.authorizer_id == "authz1"
    ])
    error_message = "Every method must use the Cognito authorizer."
  }

  assert {
    condition     = length(aws_api_gateway_method.this) == length(var.routes)
    error_message = "Every route must have a method."
  }

  assert {
    condition     = length(aws_lambda_permission.authorizer) == 0
    error_message = "A Cognito authorizer needs no invoke permission."
  }
}

run "lambda_authorizer_guards_every_method" {
  command = plan

  variables {
    authorizer_type                = "lambda"
    cognito_user_pool_arns         = []
    lambda_authorizer_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:platform-jwt-authorizer"
  }

  assert {
    condition     = aws_api_gateway_authorizer.this.type == "TOKEN"
    error_message = "The Lambda authorizer must default to TOKEN."
  }

  assert {
    condition     = aws_api_gateway_authorizer.this.authorizer_uri == "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:platform-jwt-authorizer/invocations"
    error_message = "The authorizer must invoke the given function."
  }

  assert {
    condition = alltrue([
      for m in values(aws_api_gateway_method.this) : m.authorization == "CUSTOM" && m.authorizer_id == "authz1"
    ])
    error_message = "Every method must use the Lambda authorizer."
  }

  assert {
    condition     = aws_lambda_permission.authorizer[0].source_arn == "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/authorizers/authz1"
    error_message = "Only this API's authorizer may invoke the authorizer function."
  }
}

run "a_lambda_authorizer_in_another_account_cannot_be_granted_from_here" {
  command = plan

  variables {
    authorizer_type                = "lambda"
    cognito_user_pool_arns         = []
    lambda_authorizer_function_arn = "arn:aws:lambda:eu-west-1:210987654321:function:platform-jwt-authorizer"
  }

  expect_failures = [aws_lambda_permission.authorizer]
}

run "a_lambda_authorizer_in_another_account_is_granted_by_its_owner" {
  command = plan

  variables {
    authorizer_type                = "lambda"
    cognito_user_pool_arns         = []
    lambda_authorizer_function_arn = "arn:aws:lambda:eu-west-1:210987654321:function:platform-jwt-authorizer"
    lambda_authorizer_grant_invoke = false
  }

  assert {
    condition     = length(aws_lambda_permission.authorizer) == 0 && aws_api_gateway_authorizer.this.authorizer_uri == "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:210987654321:function:platform-jwt-authorizer/invocations"
    error_message = "With the grant off, the API uses the other account's authorizer and adds no permission of its own."
  }
}

run "stage_traces_throttles_and_logs_to_encrypted_groups" {
  command = plan

  assert {
    condition     = aws_api_gateway_stage.this.xray_tracing_enabled == true
    error_message = "X-Ray tracing must be enabled on the stage."
  }

  assert {
    condition     = aws_api_gateway_stage.this.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.access.arn
    error_message = "Access logs must go to the managed access log group."
  }

  assert {
    condition     = jsondecode(aws_api_gateway_stage.this.access_log_settings[0].format).requestId == "$context.requestId"
    error_message = "Access logs must be JSON with the request id."
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.access.kms_key_id == var.log_kms_key_arn && aws_cloudwatch_log_group.access.retention_in_days == 30 &&
      aws_cloudwatch_log_group.execution.kms_key_id == var.log_kms_key_arn && aws_cloudwatch_log_group.execution.retention_in_days == 30
    )
    error_message = "Access and execution log groups must be KMS encrypted with a finite retention."
  }

  assert {
    condition     = aws_cloudwatch_log_group.execution.name == "API-Gateway-Execution-Logs_a1b2c3d4e5/v1"
    error_message = "The execution log group must be the one API Gateway writes to."
  }

  assert {
    condition = (
      aws_api_gateway_method_settings.this.method_path == "*/*" &&
      aws_api_gateway_method_settings.this.settings[0].throttling_rate_limit == 100 &&
      aws_api_gateway_method_settings.this.settings[0].throttling_burst_limit == 200
    )
    error_message = "Stage-wide throttling must apply to every method."
  }

  assert {
    condition     = aws_api_gateway_method_settings.this.settings[0].data_trace_enabled == false && aws_api_gateway_method_settings.this.settings[0].metrics_enabled == true
    error_message = "Request bodies must never be logged; metrics must be on."
  }

  assert {
    condition     = length(aws_wafv2_web_acl_association.this) == 0 && length(aws_api_gateway_account.this) == 0
    error_message = "No WAF association or account role unless asked for."
  }

  assert {
    condition = (
      aws_api_gateway_request_validator.this.validate_request_parameters == true &&
      aws_api_gateway_request_validator.this.validate_request_body == false &&
      output.method_request_validators == { for key in keys(var.routes) : key => "valid0" }
    )
    error_message = "Every method must have API Gateway validate its required path parameters (bodies are validated by the functions)."
  }

  assert {
    condition     = output.stage_invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    error_message = "The invoke URL must be an output."
  }
}

run "gateway_errors_are_problem_details_with_a_correlation_id" {
  command = plan

  assert {
    condition = (
      toset(keys(aws_api_gateway_gateway_response.this)) ==
      toset(keys(jsondecode(file("${path.module}/gateway-responses.json")).responses))
    )
    error_message = "Every response type of gateway-responses.json must be a gateway response, and no other."
  }

  assert {
    condition = alltrue([
      for r in values(aws_api_gateway_gateway_response.this) : r.response_parameters["gatewayresponse.header.Content-Type"] == "'application/problem+json'"
    ])
    error_message = "Gateway-generated errors must be application/problem+json."
  }

  assert {
    condition = alltrue([
      for r in values(aws_api_gateway_gateway_response.this) : r.response_parameters["gatewayresponse.header.X-Correlation-Id"] == "context.requestId"
    ])
    error_message = "Every gateway response must carry X-Correlation-Id mapped from the API Gateway request id."
  }

  assert {
    condition = {
      for type, r in aws_api_gateway_gateway_response.this : type => r.status_code if r.status_code != null
      } == {
      UNAUTHORIZED = "401", ACCESS_DENIED = "403", MISSING_AUTHENTICATION_TOKEN = "404", REQUEST_TOO_LARGE = "413", THROTTLED = "429"
    }
    error_message = "Authorizer rejections must be 401/403, unknown routes 404, oversized payloads 413, throttling 429."
  }

  assert {
    condition     = aws_api_gateway_gateway_response.this["THROTTLED"].response_parameters["gatewayresponse.header.Retry-After"] == "'1'"
    error_message = "Throttling must say when to retry."
  }

  # What API Gateway renders: $context.error.messageString is a quoted JSON string, $context.requestId a bare id.
  assert {
    condition = alltrue([
      for type, r in aws_api_gateway_gateway_response.this : (
        jsondecode(replace(replace(r.response_templates["application/json"], "$context.error.messageString", "\"gateway message\""), "$context.requestId", "req-1")).correlationId == "req-1" &&
        startswith(jsondecode(replace(replace(r.response_templates["application/json"], "$context.error.messageString", "\"gateway message\""), "$context.requestId", "req-1")).type, "urn:catalog:problem:")
      )
    ])
    error_message = "Every template must render to a JSON problem with a type and the request id as correlationId."
  }

  assert {
    condition = jsondecode(replace(replace(aws_api_gateway_gateway_response.this["MISSING_AUTHENTICATION_TOKEN"].response_templates["application/json"], "$context.error.messageString", "\"Missing Authentication Token\""), "$context.requestId", "req-1")) == {
      type          = "urn:catalog:problem:route-not-found"
      title         = "Not Found"
      status        = 404
      detail        = "No route matches this method and path."
      correlationId = "req-1"
    }
    error_message = "An unknown route must be a 404 problem that does not speak of authentication."
  }

  assert {
    condition = jsondecode(replace(replace(aws_api_gateway_gateway_response.this["UNAUTHORIZED"].response_templates["application/json"], "$context.error.messageString", "\"Unauthorized\""), "$context.requestId", "req-1")) == {
      type          = "urn:catalog:problem:unauthorized"
      title         = "Unauthorized"
      status        = 401
      detail        = "Unauthorized"
      correlationId = "req-1"
    }
    error_message = "A rejected token must be a 401 problem carrying API Gateway's message as detail."
  }
}

run "attaches_waf_and_account_logging_role_when_asked" {
  command = plan

  variables {
    web_acl_arn                 = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/catalog/0f0f0f0f-1111-2222-3333-444444444444"
    create_account_logging_role = true
  }

  assert {
    condition     = aws_wafv2_web_acl_association.this[0].web_acl_arn == var.web_acl_arn && aws_wafv2_web_acl_association.this[0].resource_arn == "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1"
    error_message = "The web ACL must be associated with the stage."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.account_logging[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
    error_message = "The account logging role must use the API Gateway logging policy."
  }

  assert {
    condition = jsondecode(output.account_logging_role_assume_role_policy_json).Statement == [
      {
        Sid       = "ApiGatewayAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "apigateway.amazonaws.com" }
        Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
      },
    ]
    error_message = "Only API Gateway may assume the logging role, and only on behalf of this account."
  }

  assert {
    condition     = output.account_logging_reset_on_delete == true && output.account_logging_role_permissions_boundary_arn == null
    error_message = "Destroying the configuration must clear the account setting instead of leaving it pointing at a deleted role."
  }
}

run "the_account_logging_role_takes_a_permissions_boundary" {
  command = plan

  variables {
    create_account_logging_role   = true
    role_permissions_boundary_arn = "arn:aws:iam::123456789012:policy/workload-boundary"
  }

  assert {
    condition     = output.account_logging_role_permissions_boundary_arn == var.role_permissions_boundary_arn
    error_message = "The account logging role must carry the given permissions boundary."
  }
}

# The deployment snapshots the API: every input below must change the trigger, or the stage
# keeps serving the old configuration.
run "redeployment_baseline" {
  command = plan

  assert {
    condition = try(jsondecode(output.deployment_trigger_json).methods["get-product"], null) == {
      id                   = "method0"
      authorization        = "COGNITO_USER_POOLS"
      authorizer_id        = "authz1"
      authorization_scopes = null
      request_parameters   = { "method.request.path.id" = true }
      request_validator_id = "valid0"
      api_key_required     = false
    }
    error_message = "The trigger must cover each method's authorization, request parameters and validator."
  }

  assert {
    condition = (
      try(jsondecode(output.deployment_trigger_json).authorizer.provider_arns, null) == ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"] &&
      try(jsondecode(output.deployment_trigger_json).authorizer.authorizer_result_ttl_in_seconds, null) == 300 &&
      try(jsondecode(output.deployment_trigger_json).authorizer.identity_source, null) == "method.request.header.Authorization"
    )
    error_message = "The trigger must cover the authorizer."
  }

  assert {
    condition     = output.deployment_redeployment_hash == sha1(output.deployment_trigger_json)
    error_message = "The deployment must be triggered by the hash of the trigger document."
  }
}

run "the_same_configuration_keeps_the_deployment" {
  command = plan

  assert {
    condition     = output.deployment_redeployment_hash == run.redeployment_baseline.deployment_redeployment_hash
    error_message = "An unchanged configuration must not redeploy."
  }
}

run "another_user_pool_redeploys" {
  command = plan

  variables {
    cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_ZyXwVu987"]
  }

  assert {
    condition     = output.deployment_redeployment_hash != run.redeployment_baseline.deployment_redeployment_hash
    error_message = "Changing the authorizer's user pools must redeploy the API."
  }
}

run "another_authorizer_cache_ttl_redeploys" {
  command = plan

  variables {
    authorizer_result_ttl_in_seconds = 0
  }

  assert {
    condition     = output.deployment_redeployment_hash != run.redeployment_baseline.deployment_redeployment_hash
    error_message = "Changing how long authorizer decisions are cached must redeploy the API."
  }
}

run "required_scopes_redeploy" {
  command = plan

  variables {
    authorization_scopes = ["catalog/products.write"]
  }

  assert {
    condition     = output.deployment_redeployment_hash != run.redeployment_baseline.deployment_redeployment_hash
    error_message = "Changing the scopes every method requires must redeploy the API."
  }
}

run "rejects_routes_without_an_authorizer" {
  command = plan

  variables {
    authorizer_type = "none"
  }

  expect_failures = [var.authorizer_type]
}

run "rejects_a_cognito_authorizer_without_pools" {
  command = plan

  variables {
    cognito_user_pool_arns = []
  }

  expect_failures = [var.cognito_user_pool_arns]
}

run "rejects_a_lambda_authorizer_without_function" {
  command = plan

  variables {
    authorizer_type        = "lambda"
    cognito_user_pool_arns = []
  }

  expect_failures = [var.lambda_authorizer_function_arn]
}

run "rejects_greedy_and_relative_paths" {
  command = plan

  variables {
    routes = {
      proxy = {
        method              = "GET"
        path                = "api/{proxy+}"
        function_name       = "catalog-test-get-product"
        function_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:catalog-test-get-product/invocations"
      }
    }
  }

  expect_failures = [var.routes]
}
