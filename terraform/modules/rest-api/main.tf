locals {
  route_segments = { for key, route in var.routes : key => split("/", trimprefix(route.path, "/")) }

  # Every prefix of every route path, e.g. /api, /api/products, /api/products/{id}.
  resource_paths = distinct(flatten([
    for segments in values(local.route_segments) : [
      for depth in range(1, length(segments) + 1) : "/${join("/", slice(segments, 0, depth))}"
    ]
  ]))

  resources = {
    for path in local.resource_paths : path => {
      depth     = length(split("/", path)) - 1
      path_part = element(split("/", path), length(split("/", path)) - 1)
      parent    = join("/", slice(split("/", path), 0, length(split("/", path)) - 1))
    }
  }

  # API Gateway resources reference their parent, and a resource block cannot reference its own
  # instances, hence one block per depth (route validation caps paths at four segments).
  resource_ids = merge(
    { for path, r in aws_api_gateway_resource.depth_1 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_2 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_3 : path => r.id },
    { for path, r in aws_api_gateway_resource.depth_4 : path => r.id },
  )

  # execute-api ARNs carry the concrete request path, so path parameters become "*".
  route_arn_paths = {
    for key, segments in local.route_segments : key => join("/", [for s in segments : startswith(s, "{") ? "*" : s])
  }
}

resource "aws_api_gateway_rest_api" "this" {
  #checkov:skip=CKV_AWS_237:Replacing the API changes its id and invoke URL, so create-before-destroy would not keep clients working; the runbook stops any plan that replaces the API for review instead.
  name        = var.name
  description = var.description

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = var.tags
}

resource "aws_api_gateway_resource" "depth_1" {
  for_each = { for path, r in local.resources : path => r if r.depth == 1 }

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = each.value.path_part
}

resource "aws_api_gateway_resource" "depth_2" {
  for_each = { for path, r in local.resources : path => r if r.depth == 2 }

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth_1[each.value.parent].id
  path_part   = each.value.path_part
}

resource "aws_api_gateway_resource" "depth_3" {
  for_each = { for path, r in local.resources : path => r if r.depth == 3 }

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth_2[each.value.parent].id
  path_part   = each.value.path_part
}

resource "aws_api_gateway_resource" "depth_4" {
  for_each = { for path, r in local.resources : path => r if r.depth == 4 }

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.depth_3[each.value.parent].id
  path_part   = each.value.path_part
}

resource "aws_api_gateway_method" "this" {
  for_each = var.routes

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = local.resource_ids[each.value.path]
  http_method = each.value.method

  # No route is ever public: every method goes through the single authorizer.
  authorization        = local.method_authorization
  authorizer_id        = aws_api_gateway_authorizer.this.id
  authorization_scopes = local.is_cognito && length(var.authorization_scopes) > 0 ? var.authorization_scopes : null

  # Path parameters are required and checked by API Gateway before the function runs; bodies are
  # validated by the functions themselves (one DTO per route), so there are no gateway models.
  request_parameters = {
    for s in local.route_segments[each.key] : "method.request.path.${trim(s, "{}")}" => true if startswith(s, "{")
  }
  request_validator_id = aws_api_gateway_request_validator.this.id
  api_key_required     = false
}

resource "aws_api_gateway_request_validator" "this" {
  name                        = "${var.name}-parameters"
  rest_api_id                 = aws_api_gateway_rest_api.this.id
  validate_request_parameters = true
  validate_request_body       = false
}

resource "aws_api_gateway_integration" "this" {
  for_each = var.routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_method.this[each.key].resource_id
  http_method             = aws_api_gateway_method.this[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = each.value.function_invoke_arn
  timeout_milliseconds    = var.integration_timeout_milliseconds
}

resource "aws_lambda_permission" "this" {
  for_each = var.routes

  statement_id  = "apigateway-${lower(each.value.method)}-${trim(replace(each.value.path, "/[^A-Za-z0-9]+/", "-"), "-")}"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/${var.stage_name}/${each.value.method}/${local.route_arn_paths[each.key]}"
}

# Everything a deployment snapshots: a change to any of it must produce a new deployment, or the
# stage keeps serving the old configuration (e.g. a new authorizer never takes effect).
locals {
  deployment_trigger = {
    routes    = var.routes
    resources = local.resource_ids
    authorizer = {
      id                               = aws_api_gateway_authorizer.this.id
      name                             = aws_api_gateway_authorizer.this.name
      type                             = aws_api_gateway_authorizer.this.type
      provider_arns                    = aws_api_gateway_authorizer.this.provider_arns
      authorizer_uri                   = aws_api_gateway_authorizer.this.authorizer_uri
      identity_source                  = aws_api_gateway_authorizer.this.identity_source
      identity_validation_expression   = aws_api_gateway_authorizer.this.identity_validation_expression
      authorizer_result_ttl_in_seconds = aws_api_gateway_authorizer.this.authorizer_result_ttl_in_seconds
    }
    request_validator = {
      id                          = aws_api_gateway_request_validator.this.id
      validate_request_parameters = aws_api_gateway_request_validator.this.validate_request_parameters
      validate_request_body       = aws_api_gateway_request_validator.this.validate_request_body
    }
    methods = {
      for key, m in aws_api_gateway_method.this : key => {
        id                   = m.id
        authorization        = m.authorization
        authorizer_id        = m.authorizer_id
        authorization_scopes = m.authorization_scopes
        request_parameters   = m.request_parameters
        request_validator_id = m.request_validator_id
        api_key_required     = m.api_key_required
      }
    }
    integrations = {
      for key, i in aws_api_gateway_integration.this : key => {
        id                      = i.id
        type                    = i.type
        integration_http_method = i.integration_http_method
        uri                     = i.uri
        timeout_milliseconds    = i.timeout_milliseconds
      }
    }
    responses = { for key, r in aws_api_gateway_gateway_response.this : key => [r.id, r.status_code, r.response_templates, r.response_parameters] }
  }
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Routes: ${join(", ", sort([for r in values(var.routes) : "${r.method} ${r.path}"]))}"

  triggers = {
    redeployment = sha1(jsonencode(local.deployment_trigger))
  }

  lifecycle {
    create_before_destroy = true
  }
}
