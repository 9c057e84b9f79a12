output "web_acl_arn" {
  description = "ARN of the web ACL (associate it with a regional resource such as an API stage)."
  value       = aws_wafv2_web_acl.this.arn
}

output "web_acl_name" {
  description = "Name of the web ACL (the WebACL dimension of its AWS/WAFV2 metrics)."
  value       = aws_wafv2_web_acl.this.name
}

output "web_acl_rules" {
  description = "Rules keyed by name: { priority, managed_rule_group (or null), count_rules, rate_limit (or null), blocks }."
  value = {
    for rule in aws_wafv2_web_acl.this.rule : rule.name => {
      priority           = rule.priority
      managed_rule_group = try(one(one(rule.statement).managed_rule_group_statement).name, null)
      count_rules        = try([for o in one(one(rule.statement).managed_rule_group_statement).rule_action_override : o.name], [])
      rate_limit         = try(one(one(rule.statement).rate_based_statement).limit, null)
      # Rate rule: its own action blocks; managed groups: their rules' own (blocking) actions apply.
      blocks = length(rule.action) > 0 ? length(one(rule.action).block) > 0 : length(one(rule.override_action).none) > 0
    }
  }
}

output "default_action_allows" {
  description = "Whether requests no rule blocks are allowed (always true)."
  value       = length(one(aws_wafv2_web_acl.this.default_action).allow) > 0
}

output "log_group_name" {
  description = "Name of the WAF log group (aws-waf-logs-<name>)."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_kms_key_arn" {
  description = "ARN of the KMS key encrypting the WAF log group."
  value       = aws_cloudwatch_log_group.this.kms_key_id
}

output "log_group_retention_in_days" {
  description = "Retention of the WAF log group."
  value       = aws_cloudwatch_log_group.this.retention_in_days
}

output "logging_destination_arns" {
  description = "Where the web ACL logs."
  value       = aws_wafv2_web_acl_logging_configuration.this.log_destination_configs
}

output "logging_redacted_headers" {
  description = "Headers redacted from the WAF logs."
  value       = [for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : one(f.single_header).name]
}

output "log_resource_policy_json" {
  description = "CloudWatch Logs resource policy letting WAF deliver to the log group (JSON)."
  value       = aws_cloudwatch_log_resource_policy.this.policy_document
}
