# Errors produced by API Gateway itself (authorizer rejections, unknown routes, oversized payloads,
# throttling) use the same RFC 9457 problem shape as the functions' own errors. gateway-responses.json is
# the one definition: this file renders it, and the local stack renders the same file, so a local 401 is
# the deployed 401.
#
# X-Correlation-Id is the API Gateway request id ($context.requestId), in the header and in the body: it
# is always there (a client's own X-Correlation-Id may be absent or malformed, and a gateway response
# cannot validate it), and it is the requestId of the stage's access log line for that request.
#
# MISSING_AUTHENTICATION_TOKEN is what a REST API answers for a path or method it has no route for; it is
# a 404 here (the default 403 "Missing Authentication Token" misleads clients into auth debugging). No
# method of this API uses IAM authorization, the other case that response type covers.
locals {
  gateway_response_definitions = jsondecode(file("${path.module}/gateway-responses.json"))

  gateway_responses = {
    for type, r in local.gateway_response_definitions.responses : type => {
      status = r.status
      headers = merge(
        {
          "Content-Type"     = "'${local.gateway_response_definitions.contentType}'"
          "X-Correlation-Id" = "context.requestId"
        },
        { for name, value in r.headers : name => "'${value}'" },
      )
      template = join("", [
        "{",
        "\"type\":${jsonencode("${local.gateway_response_definitions.typePrefix}${r.code}")},",
        r.title == null ? "\"title\":$context.error.messageString," : "\"title\":${jsonencode(r.title)},",
        r.status == null ? "" : "\"status\":${r.status},",
        "\"detail\":${r.detail == null ? "$context.error.messageString" : jsonencode(r.detail)},",
        "\"correlationId\":\"$context.requestId\"",
        "}",
      ])
    }
  }
}

resource "aws_api_gateway_gateway_response" "this" {
  for_each = local.gateway_responses

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key
  status_code   = each.value.status == null ? null : tostring(each.value.status)

  response_templates = {
    "application/json" = each.value.template
  }

  response_parameters = { for name, value in each.value.headers : "gatewayresponse.header.${name}" => value }
}
