variable "function_name" {
  description = "Name of the Lambda function; also names its IAM role and its log group (/aws/lambda/<name>)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 characters of letters, digits, '-' or '_'."
  }
}

variable "description" {
  description = "Description of the function."
  type        = string
  default     = ""
}

variable "filename" {
  description = "Path to the prebuilt deployment package (zip). Its SHA-256 drives redeployment, so the zip must be built deterministically."
  type        = string

  validation {
    condition     = endswith(var.filename, ".zip")
    error_message = "filename must point at a .zip deployment package."
  }
}

variable "handler" {
  description = "Function entrypoint inside the package."
  type        = string
  default     = "index.handler"
}

variable "runtime" {
  description = "Lambda runtime identifier."
  type        = string
  default     = "nodejs22.x"

  validation {
    condition     = contains(["nodejs22.x"], var.runtime)
    error_message = "runtime must be nodejs22.x: the bundles are built for Node.js 22."
  }
}

variable "architecture" {
  description = "Instruction set architecture of the function."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be one of: arm64, x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Function timeout in seconds."
  type        = number
  default     = 10

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency: -1 for none (use the unreserved account pool), 0 to disable the function, or a positive cap."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be an integer >= -1."
  }
}

variable "environment_variables" {
  description = "Environment variables of the function. Never put secrets here."
  type        = map(string)
  default     = {}
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653); never-expire is not allowed."
  }
}

variable "log_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the log group. Its key policy must allow logs.<region>.amazonaws.com for this log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_format" {
  description = "Lambda log format. Text keeps the application's own structured JSON lines untouched."
  type        = string
  default     = "Text"

  validation {
    condition     = contains(["Text", "JSON"], var.log_format)
    error_message = "log_format must be one of: Text, JSON."
  }
}

variable "policy_statements" {
  description = <<-EOT
    Allow statements of the function's role, beyond writing its own logs and X-Ray traces (always granted).
    Every action and resource must be explicit: wildcards are rejected.
  EOT
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.policy_statements : can(regex("^[A-Za-z0-9]+$", s.sid))])
    error_message = "Every policy statement sid must be alphanumeric."
  }

  validation {
    condition     = length(distinct([for s in var.policy_statements : s.sid])) == length(var.policy_statements)
    error_message = "Policy statement sids must be unique."
  }

  validation {
    condition = alltrue([
      for s in var.policy_statements : length(s.actions) > 0 && alltrue([
        for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9]+$", a))
      ])
    ])
    error_message = "Every policy statement needs at least one action, each written as service:Action without wildcards."
  }

  validation {
    condition = alltrue([
      for s in var.policy_statements : length(s.resources) > 0 && alltrue([
        for r in s.resources : startswith(r, "arn:") && !strcontains(r, "*")
      ])
    ])
    error_message = "Every policy statement needs at least one resource, each a full ARN without wildcards."
  }
}

variable "role_path" {
  description = "Path of the IAM role."
  type        = string
  default     = "/"
}

variable "role_permissions_boundary_arn" {
  description = "ARN of a permissions boundary policy for the role, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.role_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.role_permissions_boundary_arn))
    error_message = "role_permissions_boundary_arn must be an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}

variable "vpc_config" {
  description = "Places the function in these private subnets of vpc_id with these security groups, and grants the role what Lambda needs to manage the function's network interfaces there (and nowhere else). null: outside any VPC."
  type = object({
    vpc_id             = string
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition = var.vpc_config == null || try(
      can(regex("^vpc-[0-9a-f]+$", var.vpc_config.vpc_id)) &&
      length(var.vpc_config.subnet_ids) > 0 && alltrue([for id in var.vpc_config.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))]) &&
      length(var.vpc_config.security_group_ids) > 0 && alltrue([for id in var.vpc_config.security_group_ids : can(regex("^sg-[0-9a-f]+$", id))]),
      false,
    )
    error_message = "vpc_config needs a VPC id (vpc-...), at least one subnet id (subnet-...) and at least one security group id (sg-...)."
  }
}

variable "async_invocation" {
  description = "For a function invoked asynchronously (e.g. by a schedule): retries and maximum event age, then the on-failure destination (an SQS queue ARN) that receives the event with its error. The caller grants the role sqs:SendMessage on it (and the queue key). null: Lambda's defaults, no destination."
  type = object({
    maximum_retry_attempts       = number
    maximum_event_age_in_seconds = number
    on_failure_destination_arn   = string
  })
  default = null

  validation {
    condition = var.async_invocation == null || try(
      var.async_invocation.maximum_retry_attempts >= 0 && var.async_invocation.maximum_retry_attempts <= 2 &&
      var.async_invocation.maximum_event_age_in_seconds >= 60 && var.async_invocation.maximum_event_age_in_seconds <= 21600 &&
      can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.async_invocation.on_failure_destination_arn)),
      false,
    )
    error_message = "async_invocation needs 0-2 retries, a maximum event age of 60-21600 seconds and an SQS queue ARN as on-failure destination."
  }
}

variable "deploy_after" {
  description = "Values the function's creation and updates must wait for (e.g. the result of a schema migration), so that new code never runs before what it relies on exists."
  type        = list(string)
  default     = []
}
