# Errors produced by API Gateway itself (authorizer rejections, throttling, unknown routes) use
# the same RFC 9457 problem shape as the functions' own errors.
locals {
  gateway_responses = {
    UNAUTHORIZED  = { status = 401, title = "Unauthorized" }
    ACCESS_DENIED = { status = 403, title = "Forbidden" }
    THROTTLED     = { status = 429, title = "Too Many Requests" }
    DEFAULT_4XX   = { status = null, title = null }
    DEFAULT_5XX   = { status = null, title = null }
  }
}

resource "aws_api_gateway_gateway_response" "this" {
  for_each = local.gateway_responses

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key
  status_code   = each.value.status == null ? null : tostring(each.value.status)

  response_templates = {
    "application/json" = each.value.status == null ? (
      "{\"type\":\"about:blank\",\"title\":$context.error.messageString,\"detail\":$context.error.messageString,\"requestId\":\"$context.requestId\"}"
      ) : (
      "{\"type\":\"about:blank\",\"title\":\"${each.value.title}\",\"status\":${each.value.status},\"detail\":$context.error.messageString,\"requestId\":\"$context.requestId\"}"
    )
  }

  response_parameters = merge(
    { "gatewayresponse.header.Content-Type" = "'application/problem+json'" },
    each.key == "THROTTLED" ? { "gatewayresponse.header.Retry-After" = "'1'" } : {},
  )
}
