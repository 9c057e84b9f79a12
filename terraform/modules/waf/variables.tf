variable "name" {
  description = "Name of the web ACL; its log group is aws-waf-logs-<name>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,115}$", var.name))
    error_message = "name must be 1-115 characters of letters, digits, '-' or '_' (the log group name adds 13)."
  }
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in any 5 minutes before the ACL blocks it."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10 && var.rate_limit_per_5_minutes <= 2000000000 && floor(var.rate_limit_per_5_minutes) == var.rate_limit_per_5_minutes
    error_message = "rate_limit_per_5_minutes must be an integer between 10 and 2000000000."
  }
}

variable "common_rule_set_count_rules" {
  description = <<-EOT
    Rules of AWSManagedRulesCommonRuleSet that only count instead of blocking. SizeRestrictions_BODY
    blocks bodies over 8 KB, while the API accepts product bodies up to 16 KiB and answers 413 itself
    beyond that.
  EOT
  type        = list(string)
  default     = ["SizeRestrictions_BODY"]

  validation {
    condition     = alltrue([for r in var.common_rule_set_count_rules : can(regex("^[A-Za-z0-9_]+$", r))])
    error_message = "common_rule_set_count_rules must be rule names of the common rule set (e.g. SizeRestrictions_BODY)."
  }
}

variable "redacted_headers" {
  description = "Request headers replaced by REDACTED in the WAF logs (lowercase)."
  type        = list(string)
  default     = ["authorization", "cookie"]

  validation {
    condition     = contains(var.redacted_headers, "authorization") && alltrue([for h in var.redacted_headers : h == lower(h)])
    error_message = "redacted_headers must include authorization (bearer tokens) and be lowercase."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the WAF log group, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts; never-expire is not allowed."
  }
}

variable "log_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the log group. Its key policy must allow logs.<region>.amazonaws.com for aws-waf-logs-<name>."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
