variable "name" {
  description = "Name of the custom event bus (also names its archive and interceptor resources)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,256}$", var.name)) && var.name != "default"
    error_message = "name must be 1-256 characters of letters, digits, '.', '_' or '-', and not 'default'."
  }
}

variable "kms_key_arn" {
  description = <<-EOT
    ARN of the customer managed KMS key that encrypts the bus (and the interceptor queue). Its key policy
    must let events.amazonaws.com use it for this bus (kms:EncryptionContext:aws:events:event-bus:arn).
  EOT
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "dead_letter_queue_kms_key_arn" {
  description = <<-EOT
    ARN of the customer managed KMS key that encrypts the dead-letter queue; null uses kms_key_arn. A
    separate key keeps the queue usable when the bus key is disabled. Its key policy must let
    events.amazonaws.com use it for the queue (kms:EncryptionContext:aws:sqs:arn).
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_queue_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.dead_letter_queue_kms_key_arn))
    error_message = "dead_letter_queue_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or null."
  }
}

variable "dead_letter_message_retention_seconds" {
  description = "How long the dead-letter queue keeps events (the SQS maximum, 14 days, by default)."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dead_letter_message_retention_seconds >= 60 && var.dead_letter_message_retention_seconds <= 1209600
    error_message = "dead_letter_message_retention_seconds must be between 60 and 1209600."
  }
}

variable "archive_retention_days" {
  description = "Days the archive keeps events (0 = indefinitely); null disables the archive."
  type        = number
  default     = 30

  validation {
    condition     = var.archive_retention_days == null ? true : var.archive_retention_days >= 0
    error_message = "archive_retention_days must be >= 0 (0 keeps events indefinitely) or null."
  }
}

variable "create_interceptor" {
  description = "Create the test interceptor (rule -> encrypted SQS queue). For non-production environments only."
  type        = bool
  default     = false
}

variable "interceptor_sources" {
  description = "Event sources the interceptor rule matches."
  type        = list(string)
  default     = []

  validation {
    condition     = !var.create_interceptor || length(var.interceptor_sources) > 0
    error_message = "interceptor_sources must list at least one source when create_interceptor is true."
  }
}

variable "interceptor_message_retention_seconds" {
  description = "How long the interceptor queue keeps messages."
  type        = number
  default     = 86400

  validation {
    condition     = var.interceptor_message_retention_seconds >= 60 && var.interceptor_message_retention_seconds <= 1209600
    error_message = "interceptor_message_retention_seconds must be between 60 and 1209600."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
