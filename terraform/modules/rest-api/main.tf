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

  request_parameters = {
    for s in local.route_segments[each.key] : "method.request.path.${trim(s, "{}")}" => true if startswith(s, "{")
  }
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

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Routes: ${join(", ", sort([for r in values(var.routes) : "${r.method} ${r.path}"]))}"

  triggers = {
    redeployment = sha1(jsonencode({
      routes       = var.routes
      resources    = local.resource_ids
      methods      = { for key, m in aws_api_gateway_method.this : key => [m.id, m.authorization, m.authorizer_id, m.authorization_scopes] }
      integrations = { for key, i in aws_api_gateway_integration.this : key => [i.id, i.uri, i.timeout_milliseconds] }
      responses    = { for key, r in aws_api_gateway_gateway_response.this : key => [r.id, r.response_templates, r.response_parameters] }
    }))
  }

  lifecycle {
    create_before_destroy = true
  }
}
