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

  mock_resource "aws_wafv2_web_acl" {
    defaults = { arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/catalog-test/11111111-2222-3333-4444-555555555555" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-catalog-test" }
  }
}

variables {
  name            = "catalog-test"
  log_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "blocks_bad_reputation_common_exploits_bad_inputs_and_floods" {
  command = plan

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "REGIONAL" && output.default_action_allows == true
    error_message = "A regional ACL (API Gateway stages are regional) that allows what no rule blocks."
  }

  assert {
    condition = output.web_acl_rules == {
      AWSManagedRulesAmazonIpReputationList = { priority = 10, managed_rule_group = "AWSManagedRulesAmazonIpReputationList", count_rules = [], rate_limit = null, blocks = true }
      AWSManagedRulesCommonRuleSet          = { priority = 20, managed_rule_group = "AWSManagedRulesCommonRuleSet", count_rules = ["SizeRestrictions_BODY"], rate_limit = null, blocks = true }
      AWSManagedRulesKnownBadInputsRuleSet  = { priority = 30, managed_rule_group = "AWSManagedRulesKnownBadInputsRuleSet", count_rules = [], rate_limit = null, blocks = true }
      rate-limit-per-ip                     = { priority = 40, managed_rule_group = null, count_rules = [], rate_limit = 2000, blocks = true }
    }
    error_message = "IP reputation, common rules (body size only counted: the API takes 16 KiB), known bad inputs, then a per-IP rate limit, all blocking."
  }

  assert {
    condition     = one([for r in aws_wafv2_web_acl.this.rule : one(one(r.statement).rate_based_statement) if r.name == "rate-limit-per-ip"]).aggregate_key_type == "IP"
    error_message = "The rate limit must count per client IP."
  }

  assert {
    condition     = alltrue([for r in aws_wafv2_web_acl.this.rule : one(r.visibility_config).cloudwatch_metrics_enabled]) && one(aws_wafv2_web_acl.this.visibility_config).cloudwatch_metrics_enabled
    error_message = "Every rule must publish metrics."
  }
}

run "logs_blocked_and_counted_requests_encrypted_without_tokens" {
  command = plan

  assert {
    condition     = output.log_group_name == "aws-waf-logs-catalog-test" && output.log_group_kms_key_arn == var.log_kms_key_arn && output.log_group_retention_in_days == 30
    error_message = "WAF logs go to an encrypted aws-waf-logs-<name> group with a finite retention."
  }

  assert {
    condition     = output.logging_destination_arns == toset(["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-catalog-test"])
    error_message = "The ACL must log to its log group."
  }

  assert {
    condition     = output.logging_redacted_headers == ["authorization", "cookie"]
    error_message = "Bearer tokens and cookies must never be logged."
  }

  assert {
    condition = (
      one(aws_wafv2_web_acl_logging_configuration.this.logging_filter).default_behavior == "DROP" &&
      one(one(aws_wafv2_web_acl_logging_configuration.this.logging_filter).filter).behavior == "KEEP" &&
      sort([for c in one(one(aws_wafv2_web_acl_logging_configuration.this.logging_filter).filter).condition : one(c.action_condition).action]) == tolist(["BLOCK", "COUNT"])
    )
    error_message = "Only blocked and counted requests are logged (allowed ones are in the API access logs)."
  }

  assert {
    condition = jsondecode(output.log_resource_policy_json).Statement == [
      {
        Sid       = "AllowWafLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource  = "arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-catalog-test:*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = "123456789012" }
          ArnLike      = { "aws:SourceArn" = "arn:aws:logs:eu-west-1:123456789012:*" }
        }
      },
    ]
    error_message = "Only log delivery on behalf of this account may write to the WAF log group."
  }
}

run "rate_limit_and_overrides_are_configurable" {
  command = plan

  variables {
    rate_limit_per_5_minutes    = 500
    common_rule_set_count_rules = []
  }

  assert {
    condition     = output.web_acl_rules["rate-limit-per-ip"].rate_limit == 500 && output.web_acl_rules["AWSManagedRulesCommonRuleSet"].count_rules == []
    error_message = "The rate limit and the counted common rules must follow the variables."
  }
}

run "refuses_logging_tokens_and_a_rate_limit_below_the_waf_minimum" {
  command = plan

  variables {
    redacted_headers         = ["cookie"]
    rate_limit_per_5_minutes = 5
  }

  expect_failures = [var.redacted_headers, var.rate_limit_per_5_minutes]
}
