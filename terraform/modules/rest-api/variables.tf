variable "name" {
  description = "Name of the REST API (also prefixes its log groups, authorizer and logging role)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name))
    error_message = "name must be 1-40 characters of letters, digits, '-' or '_'."
  }
}

variable "description" {
  description = "Description of the REST API."
  type        = string
  default     = ""
}

variable "routes" {
  description = <<-EOT
    Routes keyed by a stable name, each served by one Lambda function through a proxy integration.
    path is absolute, 1-4 segments, with {param} segments for path parameters (e.g. /api/products/{id}).
  EOT
  type = map(object({
    method              = string
    path                = string
    function_name       = string
    function_invoke_arn = string
  }))

  validation {
    condition     = length(var.routes) > 0
    error_message = "At least one route is required."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["GET", "POST", "PUT", "PATCH", "DELETE"], r.method)])
    error_message = "Route methods must be one of: GET, POST, PUT, PATCH, DELETE."
  }

  validation {
    condition = alltrue([
      for r in values(var.routes) : can(regex("^(/([A-Za-z0-9._-]+|\\{[A-Za-z0-9_]+\\})){1,4}$", r.path))
    ])
    error_message = "Route paths must be absolute with 1-4 segments, each a literal or a {param} (no greedy {proxy+})."
  }

  validation {
    condition     = length(distinct([for r in values(var.routes) : "${r.method} ${r.path}"])) == length(var.routes)
    error_message = "Each method and path pair may appear only once."
  }
}

variable "integration_timeout_milliseconds" {
  description = "Timeout of the Lambda proxy integrations."
  type        = number
  default     = 29000

  validation {
    condition     = var.integration_timeout_milliseconds >= 50 && var.integration_timeout_milliseconds <= 29000
    error_message = "integration_timeout_milliseconds must be between 50 and 29000."
  }
}

variable "authorizer_type" {
  description = "cognito: a Cognito user pool authorizer; lambda: an existing JWT-validating Lambda authorizer. Every route uses it."
  type        = string

  validation {
    condition     = contains(["cognito", "lambda"], var.authorizer_type)
    error_message = "authorizer_type must be one of: cognito, lambda."
  }
}

variable "cognito_user_pool_arns" {
  description = "User pool ARNs accepted by the cognito authorizer."
  type        = list(string)
  default     = []

  validation {
    condition     = var.authorizer_type != "cognito" || length(var.cognito_user_pool_arns) > 0
    error_message = "cognito_user_pool_arns must list at least one user pool when authorizer_type is cognito."
  }

  validation {
    condition     = alltrue([for a in var.cognito_user_pool_arns : can(regex("^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:[0-9]{12}:userpool/[A-Za-z0-9-]+_[A-Za-z0-9]+$", a))])
    error_message = "cognito_user_pool_arns must be Cognito user pool ARNs."
  }
}

variable "authorization_scopes" {
  description = "OAuth scopes required on every method (cognito authorizer only; empty means an ID or access token of the pool suffices)."
  type        = list(string)
  default     = []
}

variable "lambda_authorizer_function_arn" {
  description = "ARN of the Lambda authorizer function (lambda authorizer only), e.g. a shared platform authorizer validating JWTs of an issuer."
  type        = string
  default     = null

  validation {
    condition     = var.authorizer_type != "lambda" || var.lambda_authorizer_function_arn != null
    error_message = "lambda_authorizer_function_arn is required when authorizer_type is lambda."
  }

  validation {
    condition     = var.lambda_authorizer_function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", var.lambda_authorizer_function_arn))
    error_message = "lambda_authorizer_function_arn must be a Lambda function ARN."
  }
}

variable "lambda_authorizer_type" {
  description = "TOKEN (reads one header) or REQUEST (sees headers, path and query) Lambda authorizer."
  type        = string
  default     = "TOKEN"

  validation {
    condition     = contains(["TOKEN", "REQUEST"], var.lambda_authorizer_type)
    error_message = "lambda_authorizer_type must be one of: TOKEN, REQUEST."
  }
}

variable "lambda_authorizer_grant_invoke" {
  description = "Grant this API permission to invoke the Lambda authorizer (false when the authorizer's owner grants it)."
  type        = bool
  default     = true
}

variable "authorizer_identity_source" {
  description = "Where the authorizer reads the token."
  type        = string
  default     = "method.request.header.Authorization"
}

variable "authorizer_result_ttl_in_seconds" {
  description = "How long API Gateway caches an authorizer decision (0 disables caching)."
  type        = number
  default     = 300

  validation {
    condition     = var.authorizer_result_ttl_in_seconds >= 0 && var.authorizer_result_ttl_in_seconds <= 3600
    error_message = "authorizer_result_ttl_in_seconds must be between 0 and 3600."
  }
}

variable "stage_name" {
  description = "Name of the deployment stage (first path segment of the invoke URL)."
  type        = string
  default     = "v1"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.stage_name))
    error_message = "stage_name must be letters, digits, '-' or '_'."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second allowed on the stage (all methods)."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be positive."
  }
}

variable "throttling_burst_limit" {
  description = "Burst of requests allowed on the stage (all methods)."
  type        = number
  default     = 200

  validation {
    condition     = var.throttling_burst_limit > 0 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a positive integer."
  }
}

variable "execution_logging_level" {
  description = "API Gateway execution logging level (request/response bodies are never logged)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.execution_logging_level)
    error_message = "execution_logging_level must be one of: OFF, ERROR, INFO."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the access and execution log groups, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts; never-expire is not allowed."
  }
}

variable "log_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the access and execution log groups."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "web_acl_arn" {
  description = "ARN of a regional WAFv2 web ACL to associate with the stage, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.web_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/.+$", var.web_acl_arn))
    error_message = "web_acl_arn must be a regional WAFv2 web ACL ARN."
  }
}

variable "associate_web_acl" {
  description = "Whether to associate web_acl_arn with the stage; null means when web_acl_arn is set. Set it when the ACL is created in the same apply, whose ARN is unknown at plan time."
  type        = bool
  default     = null
}

variable "create_account_logging_role" {
  description = "Create the account-level CloudWatch role API Gateway needs for logging. Only one configuration per account and region may do this."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}

variable "role_permissions_boundary_arn" {
  description = "ARN of a permissions boundary policy for the account logging role, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.role_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.role_permissions_boundary_arn))
    error_message = "role_permissions_boundary_arn must be an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)."
  }
}
