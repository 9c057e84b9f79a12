variable "name" {
  description = "Name prefix of the module's resources (the on-failure queue is <name>-on-failure)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,69}$", var.name))
    error_message = "name must be 1-69 characters of letters, digits, '-' or '_'."
  }
}

variable "function_name" {
  description = "Name or ARN of the Lambda function that processes the stream. Its role needs stream read access and sqs:SendMessage (plus KMS) on the on-failure queue."
  type        = string
}

variable "event_source_arn" {
  description = "ARN of the DynamoDB stream."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/.+/stream/.+$", var.event_source_arn))
    error_message = "event_source_arn must be a DynamoDB stream ARN."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the on-failure queue."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "enabled" {
  description = "Whether the mapping polls the stream (disable to pause publishing without losing the position)."
  type        = bool
  default     = true
}

variable "starting_position" {
  description = "Where a new mapping starts reading: TRIM_HORIZON (oldest retained record, nothing missed) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["TRIM_HORIZON", "LATEST"], var.starting_position)
    error_message = "starting_position must be one of: TRIM_HORIZON, LATEST."
  }
}

variable "batch_size" {
  description = "Maximum records per invocation."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "How long Lambda gathers records before invoking."
  type        = number
  default     = 1

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300."
  }
}

variable "parallelization_factor" {
  description = "Concurrent batches per shard (records of one item stay in order)."
  type        = number
  default     = 1

  validation {
    condition     = var.parallelization_factor >= 1 && var.parallelization_factor <= 10
    error_message = "parallelization_factor must be between 1 and 10."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failing batch before it goes to the on-failure queue. Must be bounded."
  type        = number
  default     = 5

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10000
    error_message = "maximum_retry_attempts must be between 0 and 10000 (unbounded retries would block the shard)."
  }
}

variable "maximum_record_age_in_seconds" {
  description = "Records older than this go to the on-failure queue instead of being retried. Must be bounded."
  type        = number
  default     = 3600

  validation {
    condition     = var.maximum_record_age_in_seconds >= 60 && var.maximum_record_age_in_seconds <= 604800
    error_message = "maximum_record_age_in_seconds must be between 60 and 604800 (unbounded age would block the shard)."
  }
}

variable "on_failure_message_retention_seconds" {
  description = "How long the on-failure queue keeps messages."
  type        = number
  default     = 1209600

  validation {
    condition     = var.on_failure_message_retention_seconds >= 60 && var.on_failure_message_retention_seconds <= 1209600
    error_message = "on_failure_message_retention_seconds must be between 60 and 1209600."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
