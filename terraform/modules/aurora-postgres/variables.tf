variable "name" {
  description = "Names the cluster, its instances (<name>-0, <name>-1, ...), the proxy, the security groups, the subnet group and the proxy's role."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 lowercase letters, digits or '-', starting with a letter and not ending with '-'."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster and the proxy (the environment's)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets of vpc_id in at least two availability zones, for the cluster's instances and the proxy."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must list at least two subnet ids (subnet-...)."
  }
}

variable "client_security_group_ids" {
  description = "Security groups whose members may connect to the proxy on 5432 (the service's functions), keyed by a fixed label. Nothing else may connect."
  type        = map(string)

  validation {
    condition     = length(var.client_security_group_ids) > 0 && alltrue([for id in values(var.client_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "client_security_group_ids must name at least one security group id (sg-...)."
  }
}

variable "secrets_manager_endpoint_security_group_ids" {
  description = "Security groups of the Secrets Manager interface endpoint the proxy reads the credentials through (HTTPS), keyed by a fixed label."
  type        = map(string)
  default     = {}
}

variable "secrets_manager_endpoint_cidr_blocks" {
  description = "Address ranges of a Secrets Manager endpoint the environment provides (instead of secrets_manager_endpoint_security_group_ids). Never 0.0.0.0/0."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.secrets_manager_endpoint_cidr_blocks : can(cidrhost(c, 0)) && !endswith(c, "/0")])
    error_message = "secrets_manager_endpoint_cidr_blocks must be IPv4 ranges narrower than /0."
  }
}

variable "kms_key_arn" {
  description = "Customer managed key encrypting the cluster's storage, the master user's secret and Performance Insights."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_kms_key_arn" {
  description = "Customer managed key encrypting the PostgreSQL and proxy log groups; its key policy must allow logs.<region>.amazonaws.com for them."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the PostgreSQL and proxy log groups, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts; never-expire is not allowed."
  }
}

variable "engine_version" {
  description = "Aurora PostgreSQL version (major 16 or 17; the adapter's tests prefer 17). After Aurora upgrades the minor version automatically, raise this to match."
  type        = string
  default     = "17.4"

  validation {
    condition     = can(regex("^(16|17)\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be an Aurora PostgreSQL 16.x or 17.x version, e.g. 17.4."
  }
}

variable "database_name" {
  description = "Database created in the cluster (POSTGRES_DATABASE of the functions)."
  type        = string
  default     = "catalog"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lowercase PostgreSQL identifier."
  }
}

variable "master_username" {
  description = "Master user, the one the proxy signs in as (POSTGRES_USER of the functions). Its password is generated, kept and rotated by Secrets Manager."
  type        = string
  default     = "catalog"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["postgres", "admin", "rdsadmin"], var.master_username)
    error_message = "master_username must be a lowercase identifier of at most 16 characters, not a reserved name."
  }
}

variable "min_capacity" {
  description = "Fewest Aurora capacity units (ACU) the writer scales down to. At least 0.5: a paused (0 ACU) cluster takes seconds to resume, longer than the functions' 3 s connect timeout."
  type        = number
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0.5 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be 0.5-256 ACU in steps of 0.5."
  }
}

variable "max_capacity" {
  description = "Most Aurora capacity units (ACU) an instance scales up to."
  type        = number
  default     = 4

  validation {
    condition     = var.max_capacity >= var.min_capacity && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be at least min_capacity and at most 256 ACU, in steps of 0.5."
  }
}

variable "reader_count" {
  description = "Reader instances besides the writer, in other availability zones: failover targets (prod keeps one)."
  type        = number
  default     = 0

  validation {
    condition     = var.reader_count >= 0 && var.reader_count <= 15 && floor(var.reader_count) == var.reader_count
    error_message = "reader_count must be a whole number from 0 to 15."
  }
}

variable "backup_retention_days" {
  description = "Days of continuous backups (point-in-time restore window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be 1-35."
  }
}

variable "preferred_backup_window" {
  description = "Daily UTC window of the automated backup (hh24:mi-hh24:mi), or null for Aurora's choice."
  type        = string
  default     = null
}

variable "preferred_maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh24:mi-ddd:hh24:mi), or null for Aurora's choice."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Refuse deleting the cluster (everywhere but dev)."
  type        = bool
  default     = true
}

variable "final_snapshot" {
  description = "Take a final snapshot (<name>-final) when the cluster is deleted, and keep its automated backups (everywhere but dev)."
  type        = bool
  default     = true
}

variable "performance_insights_retention_days" {
  description = "Days Performance Insights keeps its data: 7 (free), or a multiple of 31 up to 731."
  type        = number
  default     = 7

  validation {
    condition     = var.performance_insights_retention_days == 7 || (var.performance_insights_retention_days % 31 == 0 && var.performance_insights_retention_days <= 731) || var.performance_insights_retention_days == 731
    error_message = "performance_insights_retention_days must be 7, a multiple of 31, or 731."
  }
}

variable "log_min_duration_statement_ms" {
  description = "Statements slower than this many milliseconds are logged (with their text)."
  type        = number
  default     = 1000

  validation {
    condition     = var.log_min_duration_statement_ms >= 100
    error_message = "log_min_duration_statement_ms must be at least 100: logging every statement would log product data."
  }
}

variable "ca_cert_identifier" {
  description = "Certificate authority of the instances' server certificates."
  type        = string
  default     = "rds-ca-rsa2048-g1"
}

variable "proxy_idle_client_timeout" {
  description = "Seconds the proxy keeps an idle client connection (a frozen function's) before closing it."
  type        = number
  default     = 1800

  validation {
    condition     = var.proxy_idle_client_timeout >= 60 && var.proxy_idle_client_timeout <= 28800
    error_message = "proxy_idle_client_timeout must be 60-28800 seconds."
  }
}

variable "proxy_max_connections_percent" {
  description = "Share of the cluster's max_connections the proxy may use."
  type        = number
  default     = 90

  validation {
    condition     = var.proxy_max_connections_percent >= 10 && var.proxy_max_connections_percent <= 100
    error_message = "proxy_max_connections_percent must be 10-100."
  }
}

variable "role_permissions_boundary_arn" {
  description = "Permissions boundary of the proxy's role, or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource of the module (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
