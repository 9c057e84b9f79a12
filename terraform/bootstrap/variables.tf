variable "aws_region" {
  description = "AWS region of the state bucket (and of the environments it serves)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as eu-west-1."
  }
}

variable "allowed_account_ids" {
  description = "AWS account IDs this root may be applied to; the provider refuses any other account. Empty disables the guard."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "allowed_account_ids must be 12-digit AWS account IDs."
  }
}

variable "service_name" {
  description = "Service whose environments keep their state here (names the bucket, the key alias and the roles)."
  type        = string
  default     = "catalog"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.service_name))
    error_message = "service_name must be 2-21 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "environments" {
  description = "Environments deployed to this account: each gets a state key <service>/<env>/terraform.tfstate (and deploy roles when github_repository is set)."
  type        = list(string)

  validation {
    condition     = length(var.environments) > 0 && alltrue([for e in var.environments : contains(["dev", "staging", "prod"], e)])
    error_message = "environments must list one or more of: dev, staging, prod."
  }
}

variable "bucket_name" {
  description = "Name of the state bucket; null means <service>-terraform-state-<account>-<region> (bucket names are global)."
  type        = string
  default     = null

  validation {
    condition     = var.bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days older state versions are kept (for roll back) before they expire."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 7
    error_message = "noncurrent_version_retention_days must be at least 7."
  }
}

variable "kms_administrator_arns" {
  description = "IAM roles or users allowed to administer the state key."
  type        = list(string)
  default     = []
}

variable "github_repository" {
  description = "owner/name of the repository whose GitHub Actions deploy the environments; null creates no deploy roles."
  type        = string
  default     = null
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider; false when the account already has one (github_oidc_provider_arn)."
  type        = bool
  default     = true
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's existing GitHub OIDC provider, when create_github_oidc_provider is false."
  type        = string
  default     = null
}

variable "create_plan_roles" {
  description = "Also create, per environment, a read-only role pull request workflows may assume to plan."
  type        = bool
  default     = true
}

variable "workload_permissions_boundary_arn" {
  description = "The permissions boundary the environments put on their roles (iam_permissions_boundary_arn); the deploy roles may then only create roles under it."
  type        = string
  default     = null
}

variable "deploy_role_permissions_boundary_arn" {
  description = "Permissions boundary of the deploy and plan roles themselves, or null."
  type        = string
  default     = null
}

variable "lambda_authorizer_function_arn" {
  description = "A same-account Lambda authorizer the environments grant API Gateway invoke permission on, or null."
  type        = string
  default     = null
}

variable "attached_web_acl_arns" {
  description = "Existing regional web ACLs the environments associate with their API stages (waf_web_acl_arn)."
  type        = list(string)
  default     = []
}

variable "aurora_vpc_ids" {
  description = "Environments on persistence = aurora and their VPC ids, e.g. { prod = \"vpc-0123456789abcdef0\" }: their deploy and plan roles also manage the Aurora cluster, RDS Proxy, security groups and endpoints in that VPC, the relay's schedule and the migration runner."
  type        = map(string)
  default     = {}
}
