# Only what this account provides (terraform.tfvars) or a run overrides (-var). How the
# environment behaves is set in main.tf; the module validates every value it receives.

variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as eu-west-1."
  }
}

variable "allowed_account_ids" {
  description = "AWS account IDs this environment may be applied to; the provider refuses any other account. Empty disables the guard."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "allowed_account_ids must be 12-digit AWS account IDs."
  }
}

variable "artifacts_dir" {
  description = "Folder holding the prebuilt <function>.zip packages; null means build/functions at the repository root (pnpm build)."
  type        = string
  default     = null
}

variable "authorizer_type" {
  description = "How every API route is authorized: cognito (user pool) or lambda (an existing JWT-validating authorizer function)."
  type        = string
}

variable "cognito_user_pool_arns" {
  description = "User pools accepted when authorizer_type is cognito."
  type        = list(string)
  default     = []
}

variable "lambda_authorizer_function_arn" {
  description = "Authorizer function ARN when authorizer_type is lambda (e.g. a shared platform JWT authorizer)."
  type        = string
  default     = null
}

variable "lambda_authorizer_grant_invoke" {
  description = "Grant API Gateway permission to invoke the Lambda authorizer; false when it lives in another account, whose owner grants it."
  type        = bool
  default     = true
}

variable "waf_web_acl_arn" {
  description = "Existing regional WAFv2 web ACL (e.g. the platform's) to associate with the API stage, or null. Without one, the environment creates its own."
  type        = string
  default     = null
}

variable "manage_api_gateway_account_logging" {
  description = "Manage the account-wide API Gateway CloudWatch role from this root. Exactly one root per account and region may set it."
  type        = bool
  default     = false
}

variable "alarm_email_endpoints" {
  description = "E-mail addresses subscribed to the alarm topic. prod needs at least one."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.alarm_email_endpoints) > 0
    error_message = "prod alarms must reach someone: list at least one address in alarm_email_endpoints in terraform.tfvars."
  }
}

variable "iam_permissions_boundary_arn" {
  description = "Permissions boundary for every IAM role the environment creates (the account's workload boundary), or null."
  type        = string
  default     = null
}

variable "lambda_concurrency_quota" {
  description = "This account's Lambda concurrent executions quota in the region (aws lambda get-account-settings), needed before main.tf reserves concurrency; null when unknown."
  type        = number
  default     = null
}

variable "kms_administrator_arns" {
  description = "IAM roles or users allowed to administer the environment's KMS key."
  type        = list(string)
  default     = []
}

variable "persistence" {
  description = "Store of the service: dynamodb or aurora (Aurora PostgreSQL in network's private subnets). Read docs/runbook.md (Switching persistence) before changing it."
  type        = string
  default     = "dynamodb"
}

variable "allow_destroy_previous_store" {
  description = "With persistence = aurora: let the plan destroy the DynamoDB tables (false keeps them, unused). A new environment on aurora sets true."
  type        = bool
  default     = false
}

variable "network" {
  description = "The account's VPC for this environment and its private subnets (two availability zones or more), needed with persistence = aurora; null otherwise."
  type = object({
    vpc_id             = string
    private_subnet_ids = list(string)
  })
  default = null
}

variable "create_vpc_endpoints" {
  description = "Create the interface endpoints the functions and the proxy need (EventBridge, Secrets Manager, SSM, X-Ray); false when the VPC already has them."
  type        = bool
  default     = true
}

variable "aurora_reader_count" {
  description = "Aurora readers besides the writer (failover targets in other availability zones), with persistence = aurora. Set in terraform.tfvars; prod keeps at least one."
  type        = number

  validation {
    condition     = var.aurora_reader_count >= 1 && var.aurora_reader_count <= 15 && floor(var.aurora_reader_count) == var.aurora_reader_count
    error_message = "prod keeps at least one Aurora reader to fail over to: aurora_reader_count must be a whole number from 1 to 15."
  }
}

variable "database_operator_security_group_ids" {
  description = "With aurora: security groups of operator hosts in the VPC that may also reach the database proxy (a data migration between stores), keyed by a label; empty admits the functions only."
  type        = map(string)
  default     = {}
}
