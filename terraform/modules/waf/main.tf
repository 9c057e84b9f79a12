# A regional web ACL for the API stage: AWS managed rule groups (IP reputation, common rules,
# known bad inputs), a per-IP rate limit, and logs of what it blocked or counted.

locals {
  # Managed rule groups in evaluation order. Their own rules block; overridden rules only count.
  managed_rule_groups = [
    { name = "AWSManagedRulesAmazonIpReputationList", priority = 10, count_rules = [] },
    { name = "AWSManagedRulesCommonRuleSet", priority = 20, count_rules = var.common_rule_set_count_rules },
    { name = "AWSManagedRulesKnownBadInputsRuleSet", priority = 30, count_rules = [] },
  ]
  rate_limit_rule_name = "rate-limit-per-ip"
  metric_prefix        = replace(var.name, "-", "")
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "Managed rule groups and a per-IP rate limit in front of ${var.name}"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups

    content {
      name     = rule.value.name
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          name        = rule.value.name
          vendor_name = "AWS"

          dynamic "rule_action_override" {
            for_each = rule.value.count_rules

            content {
              name = rule_action_override.value

              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.metric_prefix}${rule.value.name}"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = local.rate_limit_rule_name
    priority = 40

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit_per_5_minutes
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.metric_prefix}RateLimitPerIp"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.metric_prefix
    sampled_requests_enabled   = true
  }

  tags = var.tags
}
