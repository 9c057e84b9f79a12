locals {
  is_cognito           = var.authorizer_type == "cognito"
  method_authorization = local.is_cognito ? "COGNITO_USER_POOLS" : "CUSTOM"

  # arn:<partition>:lambda:<region>:<account>:function:<name>
  lambda_authorizer_arn_parts = local.is_cognito ? [] : split(":", var.lambda_authorizer_function_arn)
  lambda_authorizer_uri = local.is_cognito ? null : format(
    "arn:%s:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations",
    local.lambda_authorizer_arn_parts[1],
    local.lambda_authorizer_arn_parts[3],
    var.lambda_authorizer_function_arn,
  )
}

resource "aws_api_gateway_authorizer" "this" {
  name        = "${var.name}-${var.authorizer_type}"
  rest_api_id = aws_api_gateway_rest_api.this.id
  type        = local.is_cognito ? "COGNITO_USER_POOLS" : var.lambda_authorizer_type

  provider_arns  = local.is_cognito ? var.cognito_user_pool_arns : null
  authorizer_uri = local.lambda_authorizer_uri

  identity_source                  = var.authorizer_identity_source
  authorizer_result_ttl_in_seconds = var.authorizer_result_ttl_in_seconds
}

data "aws_caller_identity" "current" {}

# A shared authorizer in another account grants this permission on its side instead: this
# account cannot add a statement to another account's function policy.
resource "aws_lambda_permission" "authorizer" {
  count = !local.is_cognito && var.lambda_authorizer_grant_invoke ? 1 : 0

  statement_id  = "apigateway-authorizer-${var.name}"
  action        = "lambda:InvokeFunction"
  function_name = var.lambda_authorizer_function_arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/authorizers/${aws_api_gateway_authorizer.this.id}"

  lifecycle {
    precondition {
      condition     = local.lambda_authorizer_arn_parts[4] == data.aws_caller_identity.current.account_id
      error_message = "The Lambda authorizer ${var.lambda_authorizer_function_arn} belongs to account ${local.lambda_authorizer_arn_parts[4]}, not to ${data.aws_caller_identity.current.account_id} where this API is deployed, so this configuration cannot grant API Gateway permission to invoke it. Have the authorizer's owner add a lambda:InvokeFunction permission for apigateway.amazonaws.com with this API's authorizers as source ARN (arn:aws:execute-api:<region>:${data.aws_caller_identity.current.account_id}:<api id>/authorizers/*), and set lambda_authorizer_grant_invoke = false."
    }
  }
}
