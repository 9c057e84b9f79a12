variable "environment" {
  description = "Deployment environment; names every resource <service_name>-<environment>. Tables are deletion protected everywhere but dev; the E2E interceptor is refused in prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of: dev, staging, prod."
  }
}

variable "service_name" {
  description = "Service name; with the environment it forms SERVICE_NAME and every resource name (e.g. catalog-dev)."
  type        = string
  default     = "catalog"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.service_name))
    error_message = "service_name must be 2-21 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "persistence" {
  description = "Persistence adapter: dynamodb (deployed) or aurora (accepted, not deployable yet: planning fails with an explanation)."
  type        = string
  default     = "dynamodb"

  validation {
    condition     = contains(["dynamodb", "aurora"], var.persistence)
    error_message = "persistence must be one of: dynamodb, aurora."
  }
}

variable "artifacts_dir" {
  description = "Folder holding the prebuilt <function>.zip packages; null means build/functions at the repository root (pnpm build)."
  type        = string
  default     = null
}

variable "function_settings" {
  description = "Per-function overrides keyed by logical function name (e.g. create-product, publish-product-events)."
  type = map(object({
    memory_size                    = optional(number)
    timeout                        = optional(number)
    reserved_concurrent_executions = optional(number)
  }))
  default = {}

  validation {
    condition = alltrue([
      for fn in keys(var.function_settings) : contains(["create-product", "put-product", "get-product", "list-products", "delete-product", "publish-product-events"], fn)
    ])
    error_message = "function_settings keys must be function names: create-product, put-product, get-product, list-products, delete-product, publish-product-events."
  }

  # Lambda refuses a reservation that leaves the account fewer than 100 unreserved concurrent
  # executions (its minimum). New and small accounts have a quota of 10 to 1000, so a reservation
  # that works in one account fails in another at apply; it is checked here against the quota the
  # environment states.
  validation {
    condition = sum(concat([0], [for s in values(var.function_settings) : max(coalesce(s.reserved_concurrent_executions, 0), 0)])) == 0 || (
      var.lambda_concurrency_quota != null &&
      sum(concat([0], [for s in values(var.function_settings) : max(coalesce(s.reserved_concurrent_executions, 0), 0)])) <= try(var.lambda_concurrency_quota - 100, 0)
    )
    error_message = "Reserved concurrency must leave at least 100 unreserved concurrent executions in the account: set lambda_concurrency_quota to the account's quota (aws lambda get-account-settings: AccountLimit.ConcurrentExecutions) and keep the sum of reservations at most quota - 100, minus what other stacks in the account reserve."
  }
}

variable "lambda_concurrency_quota" {
  description = "The account's Lambda concurrent executions quota in this region (aws lambda get-account-settings); required before function_settings may reserve concurrency."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_concurrency_quota == null || try(var.lambda_concurrency_quota >= 10 && floor(var.lambda_concurrency_quota) == var.lambda_concurrency_quota, false)
    error_message = "lambda_concurrency_quota must be a whole number of at least 10, or null."
  }
}

variable "iam_permissions_boundary_arn" {
  description = "Permissions boundary put on every IAM role the service creates (function roles, API Gateway logging role), or null."
  type        = string
  default     = null

  validation {
    condition     = var.iam_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.iam_permissions_boundary_arn))
    error_message = "iam_permissions_boundary_arn must be an IAM policy ARN (arn:aws:iam::<account>:policy/<name>) or null."
  }
}

variable "log_level" {
  description = "LOG_LEVEL of every function."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "log_level must be one of: debug, info, warn, error."
  }
}

variable "log_retention_in_days" {
  description = "Retention of every log group (functions, API access and execution logs), in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts; never-expire is not allowed."
  }
}

variable "metrics_namespace" {
  description = "METRICS_NAMESPACE of the functions' EMF metrics, also used by the alarms and dashboard."
  type        = string
  default     = "Catalog"
}

variable "event_source" {
  description = "EVENT_SOURCE of published product events (and the pattern of the E2E interceptor)."
  type        = string
  default     = "catalog.products"
}

variable "idempotency_ttl_seconds" {
  description = "IDEMPOTENCY_TTL_SECONDS: how long an Idempotency-Key is remembered by create-product."
  type        = number
  default     = 86400

  validation {
    condition     = var.idempotency_ttl_seconds >= 60 && var.idempotency_ttl_seconds <= 604800
    error_message = "idempotency_ttl_seconds must be between 60 and 604800 (7 days)."
  }
}

variable "authorizer_type" {
  description = "How every API route is authorized: cognito (user pool) or lambda (an existing JWT-validating authorizer function)."
  type        = string

  validation {
    condition     = contains(["cognito", "lambda"], var.authorizer_type)
    error_message = "authorizer_type must be one of: cognito, lambda."
  }
}

variable "cognito_user_pool_arns" {
  description = "User pools accepted when authorizer_type is cognito."
  type        = list(string)
  default     = []
}

variable "authorization_scopes" {
  description = "OAuth scopes every method requires (cognito only; empty accepts any token of the pool)."
  type        = list(string)
  default     = []
}

variable "lambda_authorizer_function_arn" {
  description = "Authorizer function ARN when authorizer_type is lambda (e.g. a shared platform JWT authorizer)."
  type        = string
  default     = null
}

variable "lambda_authorizer_type" {
  description = "TOKEN or REQUEST, when authorizer_type is lambda."
  type        = string
  default     = "TOKEN"

  validation {
    condition     = contains(["TOKEN", "REQUEST"], var.lambda_authorizer_type)
    error_message = "lambda_authorizer_type must be one of: TOKEN, REQUEST."
  }
}

variable "lambda_authorizer_grant_invoke" {
  description = "Grant the API permission to invoke the Lambda authorizer; false when the authorizer's owner (e.g. another account) grants it."
  type        = bool
  default     = true
}

variable "api_stage_name" {
  description = "Stage of the REST API (first path segment of the invoke URL)."
  type        = string
  default     = "v1"
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second allowed by the stage."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests allowed by the stage."
  type        = number
  default     = 100
}

variable "waf_web_acl_arn" {
  description = "Existing regional WAFv2 web ACL (e.g. a platform's) to associate with the API stage, or null. prod needs this or create_waf_web_acl."
  type        = string
  default     = null
}

variable "create_waf_web_acl" {
  description = "Create this environment's web ACL (modules/waf: AWS managed rule groups, a per-IP rate limit, encrypted logs) and associate it with the API stage. prod needs this or waf_web_acl_arn."
  type        = bool
  default     = false

  validation {
    condition     = !(var.create_waf_web_acl && var.waf_web_acl_arn != null)
    error_message = "Set create_waf_web_acl or waf_web_acl_arn, not both: the stage takes one web ACL."
  }

  validation {
    condition     = var.environment != "prod" || var.create_waf_web_acl || var.waf_web_acl_arn != null
    error_message = "prod must be protected by a web ACL: set create_waf_web_acl = true or pass an existing one in waf_web_acl_arn."
  }
}

variable "waf_rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in any 5 minutes before the created web ACL blocks it."
  type        = number
  default     = 2000
}

variable "manage_api_gateway_account_logging" {
  description = "Manage the account-wide API Gateway CloudWatch role from this environment. Exactly one root per account and region may set it."
  type        = bool
  default     = false
}

variable "enable_e2e_interceptor" {
  description = "Create the E2E interceptor (rule on the bus -> encrypted SQS queue, URL in outputs). Refused in prod."
  type        = bool
  default     = false

  validation {
    condition     = !(var.enable_e2e_interceptor && var.environment == "prod")
    error_message = "enable_e2e_interceptor must stay false in prod: the interceptor copies every product event into a test queue."
  }
}

variable "event_archive_retention_days" {
  description = "Days the event archive keeps published events (0 = indefinitely)."
  type        = number
  default     = 30
}

variable "stream_processing" {
  description = "The stream -> EventBridge mapping: enabled = false pauses publishing, losslessly only for less than maximum_record_age_in_seconds (see docs/runbook.md); retries and record age are always bounded."
  type = object({
    enabled                       = optional(bool, true)
    batch_size                    = optional(number, 100)
    parallelization_factor        = optional(number, 1)
    maximum_retry_attempts        = optional(number, 5)
    maximum_record_age_in_seconds = optional(number, 3600)
  })
  default = {}
}

variable "alarm_email_endpoints" {
  description = "E-mail addresses subscribed to the alarm topic. prod needs at least one."
  type        = list(string)
  default     = []

  validation {
    condition     = var.environment != "prod" || length(var.alarm_email_endpoints) > 0
    error_message = "prod alarms must reach someone: list at least one address in alarm_email_endpoints (each must confirm the SNS subscription)."
  }
}

variable "alarm_thresholds" {
  description = "Alarm thresholds: 5xx share (fraction), p99 latency (ms), stream iterator age (ms)."
  type = object({
    api_5xx_rate       = optional(number, 0.01)
    api_p99_latency_ms = optional(number, 1000)
    iterator_age_ms    = optional(number, 60000)
  })
  default = {}
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period before the environment's KMS key is deleted once scheduled (7-30)."
  type        = number
  default     = 30
}

variable "kms_administrator_arns" {
  description = "IAM roles or users allowed to administer the environment's KMS key."
  type        = list(string)
  default     = []
}

variable "cursor_signing_key_version" {
  description = "Version of the list cursors' signing secret (SSM parameter /<service_name>/<environment>/cursor-signing-key). Raise it to generate and store a new secret; cursors signed with the old one are then refused."
  type        = number
  default     = 1

  validation {
    condition     = var.cursor_signing_key_version >= 1 && floor(var.cursor_signing_key_version) == var.cursor_signing_key_version
    error_message = "cursor_signing_key_version must be a whole number >= 1."
  }
}
