variable "alias" {
  description = "Alias of the key, without the alias/ prefix (e.g. catalog-dev)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/_-]{1,250}$", var.alias)) && !startswith(var.alias, "alias/") && !startswith(var.alias, "aws/")
    error_message = "alias must be letters, digits, '/', '_' or '-', without the alias/ prefix, and must not start with aws/."
  }
}

variable "description" {
  description = "Description of the key."
  type        = string
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled deletion completes (7-30 days)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days must be between 7 and 30."
  }
}

variable "rotation_period_in_days" {
  description = "Automatic rotation period (rotation is always on)."
  type        = number
  default     = 365

  validation {
    condition     = var.rotation_period_in_days >= 90 && var.rotation_period_in_days <= 2560
    error_message = "rotation_period_in_days must be between 90 and 2560."
  }
}

variable "administrator_arns" {
  description = "IAM principals allowed to administer (not use) the key, in addition to IAM policies of the account."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.administrator_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", a))])
    error_message = "administrator_arns must be IAM role or user ARNs."
  }
}

variable "service_statements" {
  description = <<-EOT
    Key policy statements for AWS service principals that must use the key on the account's behalf
    (e.g. CloudWatch Logs, EventBridge, CloudWatch alarms). Scope each with conditions.
  EOT
  type = list(object({
    sid     = string
    service = string
    actions = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.service_statements : can(regex("^[A-Za-z0-9]+$", s.sid))])
    error_message = "Every service statement sid must be alphanumeric."
  }

  validation {
    condition     = alltrue([for s in var.service_statements : endswith(s.service, ".amazonaws.com")])
    error_message = "service must be an AWS service principal (*.amazonaws.com)."
  }

  validation {
    condition = alltrue([
      for s in var.service_statements : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^kms:[A-Za-z]+$", a))])
    ])
    error_message = "Service statement actions must be explicit kms:<Action> names (no wildcards)."
  }
}

variable "tags" {
  description = "Tags for the key (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
