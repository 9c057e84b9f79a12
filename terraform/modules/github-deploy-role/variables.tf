variable "name" {
  description = "Name of the deploy role. It must not start with resource_prefix, so the role cannot change itself."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.name))
    error_message = "name must be a valid IAM role name (1-64 characters)."
  }
}

variable "github_repository" {
  description = "Repository whose workflows may assume the role, as owner/name (e.g. acme/catalog)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$", var.github_repository))
    error_message = "github_repository must be owner/name, without wildcards."
  }
}

variable "github_environments" {
  description = "GitHub environments whose jobs may assume the role: the token subject must be repo:<owner>/<name>:environment:<environment>."
  type        = list(string)

  validation {
    condition     = length(var.github_environments) > 0 && alltrue([for e in var.github_environments : can(regex("^[A-Za-z0-9._-]{1,255}$", e))])
    error_message = "github_environments must list at least one environment name, without wildcards."
  }
}

variable "allow_pull_requests" {
  description = "Also trust pull request workflows (subject repo:<owner>/<name>:pull_request). Only for access = plan."
  type        = bool
  default     = false

  validation {
    condition     = !var.allow_pull_requests || var.access == "plan"
    error_message = "allow_pull_requests is only allowed with access = \"plan\": pull requests must never apply."
  }
}

variable "access" {
  description = "apply: create, change and destroy the service's resources and write its state; plan: read them and the state (and take the state lock)."
  type        = string
  default     = "apply"

  validation {
    condition     = contains(["apply", "plan"], var.access)
    error_message = "access must be one of: apply, plan."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (token.actions.githubusercontent.com). An account has at most one: otherwise pass oidc_provider_arn."
  type        = bool
  default     = false
}

variable "oidc_provider_arn" {
  description = "ARN of the account's existing GitHub OIDC provider, when create_oidc_provider is false."
  type        = string
  default     = null

  validation {
    condition     = var.create_oidc_provider != (var.oidc_provider_arn != null)
    error_message = "Set exactly one of create_oidc_provider = true or oidc_provider_arn."
  }

  validation {
    condition     = var.oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.oidc_provider_arn))
    error_message = "oidc_provider_arn must be the ARN of a token.actions.githubusercontent.com OIDC provider."
  }
}

variable "resource_prefix" {
  description = "Name prefix of every resource the role manages (<service>-<environment>, e.g. catalog-dev)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}$", var.resource_prefix))
    error_message = "resource_prefix must be 2-41 lowercase letters, digits or '-'."
  }
}

variable "resource_tags" {
  description = "Tags the environment's provider puts on every resource (default_tags), e.g. { Service = \"catalog\", Environment = \"dev\" }. KMS keys, whose ARNs are not known in advance, are managed only when they carry these tags."
  type        = map(string)

  validation {
    condition     = length(var.resource_tags) > 0
    error_message = "resource_tags must name at least one tag the environment's resources carry."
  }
}

variable "state_bucket_name" {
  description = "S3 bucket holding the environment's Terraform state."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be an S3 bucket name."
  }
}

variable "state_key" {
  description = "Key of the environment's state object (the backend's key); its lock file is <key>.tflock."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/._-]+$", var.state_key)) && !strcontains(var.state_key, "*")
    error_message = "state_key must be an object key without wildcards (e.g. catalog/dev/terraform.tfstate)."
  }
}

variable "state_kms_key_arn" {
  description = "ARN of the KMS key encrypting the state bucket, or null when it uses SSE-S3."
  type        = string
  default     = null

  validation {
    condition     = var.state_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.state_kms_key_arn))
    error_message = "state_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "ssm_parameter_path" {
  description = "Path under which the environment keeps its SSM parameters; catalog-service uses /<service>/<environment>/ (e.g. /catalog/dev/)."
  type        = string

  validation {
    condition     = can(regex("^/[A-Za-z0-9/_.-]+/$", var.ssm_parameter_path)) && !strcontains(var.ssm_parameter_path, "*")
    error_message = "ssm_parameter_path must start and end with '/', without wildcards (e.g. /catalog/dev/)."
  }
}

variable "lambda_authorizer_function_arn" {
  description = "A Lambda authorizer of this account the environment grants API Gateway invoke permission on, or null."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_authorizer_function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$", var.lambda_authorizer_function_arn))
    error_message = "lambda_authorizer_function_arn must be a Lambda function ARN or null."
  }
}

variable "attached_web_acl_arns" {
  description = "Existing regional web ACLs (e.g. a platform's) the environment associates with its API stage."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.attached_web_acl_arns : can(regex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/.+$", a))])
    error_message = "attached_web_acl_arns must be regional WAFv2 web ACL ARNs."
  }
}

variable "workload_permissions_boundary_arn" {
  description = "Permissions boundary the environment puts on its roles (iam_permissions_boundary_arn). When set, the deploy role can create and change those roles only with this boundary, and never remove it."
  type        = string
  default     = null

  validation {
    condition     = var.workload_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/.+$", var.workload_permissions_boundary_arn))
    error_message = "workload_permissions_boundary_arn must be an IAM policy ARN or null."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of the deploy role itself, or null."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN or null."
  }
}

variable "max_session_duration" {
  description = "Longest session a workflow may request, in seconds (1-12 hours)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be between 3600 and 43200 seconds."
  }
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}

variable "aurora_vpc_id" {
  description = "With persistence = aurora: the VPC of the environment. The role then also manages the environment's Aurora cluster, RDS Proxy, security groups and interface endpoints in that VPC, the relay's schedule, and invokes its migration runner (a fifth policy, database). null for a DynamoDB environment."
  type        = string
  default     = null

  validation {
    condition     = var.aurora_vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.aurora_vpc_id))
    error_message = "aurora_vpc_id must be a VPC id (vpc-...) or null."
  }
}
