output "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "ARN of the Aurora cluster."
  value       = aws_rds_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Writer endpoint of the cluster (reachable only from the proxy's security group; clients use proxy_endpoint)."
  value       = aws_rds_cluster.this.endpoint
}

output "port" {
  description = "PostgreSQL port of the proxy and the cluster."
  value       = local.port
}

output "database_name" {
  description = "Database the service uses (POSTGRES_DATABASE)."
  value       = var.database_name
}

output "master_username" {
  description = "User the proxy signs in as, and clients connect as (POSTGRES_USER)."
  value       = var.master_username
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the master credentials (readable by the proxy's role only)."
  value       = local.master_secret_arn
}

output "proxy_name" {
  description = "Name of the RDS Proxy."
  value       = aws_db_proxy.this.name
}

output "proxy_arn" {
  description = "ARN of the RDS Proxy."
  value       = aws_db_proxy.this.arn
}

output "proxy_endpoint" {
  description = "Endpoint clients connect to (POSTGRES_HOST): TLS and IAM authentication required."
  value       = aws_db_proxy.this.endpoint
}

output "proxy_resource_id" {
  description = "Resource id of the proxy (prx-...), which IAM database authentication names in rds-db:connect."
  value       = local.proxy_resource_id
}

output "db_user_arn" {
  description = "The rds-db:connect resource for master_username through the proxy: the one grant a client needs."
  value       = local.db_user_arn
}

output "cluster_security_group_id" {
  description = "Security group of the cluster (PostgreSQL from the proxy only)."
  value       = aws_security_group.cluster.id
}

output "proxy_security_group_id" {
  description = "Security group of the proxy (PostgreSQL from client_security_group_ids only)."
  value       = aws_security_group.proxy.id
}

output "postgresql_log_group_name" {
  description = "Log group receiving the exported PostgreSQL log."
  value       = aws_cloudwatch_log_group.postgresql.name
}

output "proxy_log_group_name" {
  description = "Log group of the proxy."
  value       = aws_cloudwatch_log_group.proxy.name
}

# Audit outputs: what the service's and the environments' tests assert, and a reviewer checks.

output "encryption" {
  description = "Keys encrypting the cluster's storage, the master secret, Performance Insights (per instance) and the log groups."
  value = {
    storage_encrypted                = aws_rds_cluster.this.storage_encrypted
    storage_kms_key_id               = aws_rds_cluster.this.kms_key_id
    master_user_secret_kms_key_id    = aws_rds_cluster.this.master_user_secret_kms_key_id
    performance_insights_kms_key_ids = [for i in aws_rds_cluster_instance.this : i.performance_insights_kms_key_id]
    log_group_kms_key_ids            = [aws_cloudwatch_log_group.postgresql.kms_key_id, aws_cloudwatch_log_group.proxy.kms_key_id]
  }
}

output "cluster_settings" {
  description = "Engine, authentication, recovery and logging settings of the cluster."
  value = {
    engine                              = aws_rds_cluster.this.engine
    engine_version                      = aws_rds_cluster.this.engine_version
    manage_master_user_password         = aws_rds_cluster.this.manage_master_user_password
    iam_database_authentication_enabled = aws_rds_cluster.this.iam_database_authentication_enabled
    backup_retention_period             = aws_rds_cluster.this.backup_retention_period
    deletion_protection                 = aws_rds_cluster.this.deletion_protection
    skip_final_snapshot                 = aws_rds_cluster.this.skip_final_snapshot
    final_snapshot_identifier           = aws_rds_cluster.this.final_snapshot_identifier
    enabled_cloudwatch_logs_exports     = sort(aws_rds_cluster.this.enabled_cloudwatch_logs_exports)
    min_capacity                        = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity
    max_capacity                        = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity
    log_retention_in_days               = [aws_cloudwatch_log_group.postgresql.retention_in_days, aws_cloudwatch_log_group.proxy.retention_in_days]
  }
}

output "instances" {
  description = "Every instance: class, public accessibility, Performance Insights."
  value = {
    for i in aws_rds_cluster_instance.this : i.identifier => {
      instance_class               = i.instance_class
      publicly_accessible          = i.publicly_accessible
      performance_insights_enabled = i.performance_insights_enabled
    }
  }
}

output "proxy_settings" {
  description = "TLS and authentication the proxy requires, and the secret it signs in with."
  value = {
    require_tls = aws_db_proxy.this.require_tls
    auth = [for a in aws_db_proxy.this.auth : {
      auth_scheme = a.auth_scheme
      iam_auth    = a.iam_auth
      secret_arn  = a.secret_arn
    }]
  }
}

output "proxy_role_policy_json" {
  description = "The proxy role's inline policy (JSON)."
  value       = aws_iam_role_policy.proxy.policy
}

output "proxy_role_assume_role_policy_json" {
  description = "The proxy role's trust policy (JSON)."
  value       = aws_iam_role.proxy.assume_role_policy
}

output "security_group_rules" {
  description = "Every rule of the cluster's and the proxy's security groups: direction, group, port range, and the peer (the source or destination: a security group id or an address range)."
  value = concat(
    [for r in concat([aws_vpc_security_group_ingress_rule.cluster_from_proxy], values(aws_vpc_security_group_ingress_rule.proxy_from_clients)) : {
      direction   = "ingress", security_group_id = r.security_group_id, from_port = r.from_port, to_port = r.to_port,
      ip_protocol = r.ip_protocol, peer = coalesce(r.referenced_security_group_id, r.cidr_ipv4)
    }],
    [for r in concat([aws_vpc_security_group_egress_rule.proxy_to_cluster], values(aws_vpc_security_group_egress_rule.proxy_to_secrets_manager_endpoint), values(aws_vpc_security_group_egress_rule.proxy_to_secrets_manager_cidr)) : {
      direction   = "egress", security_group_id = r.security_group_id, from_port = r.from_port, to_port = r.to_port,
      ip_protocol = r.ip_protocol, peer = coalesce(r.referenced_security_group_id, r.cidr_ipv4)
    }],
  )
}
output "proxy_role_permissions_boundary_arn" {
  description = "ARN of the permissions boundary of the proxy's role, or null."
  value       = aws_iam_role.proxy.permissions_boundary
}
