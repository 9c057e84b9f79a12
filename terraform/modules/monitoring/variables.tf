variable "name" {
  description = "Prefix of alarm names, the SNS topic (<name>-alarms) and the dashboard name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,200}$", var.name))
    error_message = "name must be letters, digits, '-' or '_'."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the alarm topic. Its key policy must let cloudwatch.amazonaws.com use it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "alarm_email_endpoints" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_email_endpoints : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_email_endpoints must be e-mail addresses."
  }
}

variable "rest_api_name" {
  description = "Name of the REST API (ApiName metric dimension)."
  type        = string
}

variable "stage_name" {
  description = "Stage of the REST API (Stage metric dimension)."
  type        = string
}

variable "function_names" {
  description = "Lambda functions to alarm on for errors and throttles, keyed by a short logical name used in alarm names."
  type        = map(string)

  validation {
    condition     = alltrue([for k in keys(var.function_names) : can(regex("^[a-z0-9-]+$", k))])
    error_message = "function_names keys must be lowercase kebab-case."
  }
}

variable "event_publisher" {
  description = <<-EOT
    The function that turns committed changes into product events, and how its lag is measured:
    stream (the DynamoDB stream's consumer: AWS/Lambda IteratorAge) or outbox (the outbox relay:
    the OutboxOldestAge and OutboxBacklog EMF metrics it emits under metrics_namespace).
  EOT
  type = object({
    kind          = string
    function_name = string
  })

  validation {
    condition     = contains(["stream", "outbox"], var.event_publisher.kind)
    error_message = "event_publisher.kind must be one of: stream, outbox."
  }
}

variable "store" {
  description = "The store the dashboard charts: dynamodb (products table_name) or aurora (cluster_identifier and proxy_name)."
  type = object({
    kind               = string
    table_name         = optional(string)
    cluster_identifier = optional(string)
    proxy_name         = optional(string)
  })

  validation {
    condition = (
      (var.store.kind == "dynamodb" && var.store.table_name != null) ||
      (var.store.kind == "aurora" && var.store.cluster_identifier != null && var.store.proxy_name != null)
    )
    error_message = "store must be { kind = \"dynamodb\", table_name } or { kind = \"aurora\", cluster_identifier, proxy_name }."
  }
}

variable "dead_letter_queue_names" {
  description = "Queues that must stay empty (on-failure destinations, DLQs), keyed by a short logical name used in alarm names."
  type        = map(string)
  default     = {}
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the service's custom (EMF) metrics."
  type        = string
  default     = "Catalog"
}

variable "service_name" {
  description = "Value of the service dimension of the custom metrics (SERVICE_NAME of the functions)."
  type        = string
}

variable "api_5xx_rate_threshold" {
  description = "Alarm when the share of 5xx responses exceeds this fraction (0.01 = 1%)."
  type        = number
  default     = 0.01

  validation {
    condition     = var.api_5xx_rate_threshold > 0 && var.api_5xx_rate_threshold < 1
    error_message = "api_5xx_rate_threshold must be a fraction between 0 and 1."
  }
}

variable "api_p99_latency_threshold_ms" {
  description = "Alarm when API p99 latency exceeds this many milliseconds."
  type        = number
  default     = 1000

  validation {
    condition     = var.api_p99_latency_threshold_ms > 0
    error_message = "api_p99_latency_threshold_ms must be positive."
  }
}

variable "iterator_age_threshold_ms" {
  description = "Alarm when the stream consumer lags by more than this many milliseconds (event_publisher.kind = stream)."
  type        = number
  default     = 60000

  validation {
    condition     = var.iterator_age_threshold_ms > 0
    error_message = "iterator_age_threshold_ms must be positive."
  }
}

variable "outbox_oldest_age_threshold_ms" {
  description = "Alarm when the oldest unpublished outbox row is older than this many milliseconds (event_publisher.kind = outbox)."
  type        = number
  default     = 60000

  validation {
    condition     = var.outbox_oldest_age_threshold_ms > 0
    error_message = "outbox_oldest_age_threshold_ms must be positive."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
