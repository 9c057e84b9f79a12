# WAF logs to a CloudWatch log group whose name must start with aws-waf-logs-. CloudWatch Logs'
# delivery service writes to it under a resource policy scoped to this account.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  log_group_name = "aws-waf-logs-${var.name}"
  logs_arn       = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
}

resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_338:Retention is chosen per environment; WAF logs carry client IPs and request headers, kept no longer than operations need.
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_cloudwatch_log_resource_policy" "this" {
  policy_name = local.log_group_name
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowWafLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource  = "${aws_cloudwatch_log_group.this.arn}:*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
          ArnLike      = { "aws:SourceArn" = "${local.logs_arn}:*" }
        }
      },
    ]
  })
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.this.arn]

  # Tokens and cookies never reach the logs.
  dynamic "redacted_fields" {
    for_each = var.redacted_headers

    content {
      single_header {
        name = redacted_fields.value
      }
    }
  }

  # Allowed requests are in the API's own access logs; WAF logs what it blocked or counted.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }

      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }

  depends_on = [aws_cloudwatch_log_resource_policy.this]
}
