# persistence = aurora: Aurora PostgreSQL Serverless v2 behind RDS Proxy in the environment's private
# subnets (ADR 0018). The functions connect to the proxy with IAM over TLS; nothing else can.

module "database" {
  source = "../aurora-postgres"
  count  = local.is_aurora ? 1 : 0

  name       = local.name
  vpc_id     = var.network.vpc_id
  subnet_ids = var.network.private_subnet_ids

  client_security_group_ids                   = merge(var.database_operator_security_group_ids, { functions = aws_security_group.functions[0].id })
  secrets_manager_endpoint_security_group_ids = var.create_vpc_endpoints ? { endpoints = aws_security_group.endpoints[0].id } : {}
  secrets_manager_endpoint_cidr_blocks        = var.create_vpc_endpoints ? [] : [data.aws_vpc.this[0].cidr_block]

  kms_key_arn           = module.kms.key_arn
  log_kms_key_arn       = module.kms.key_arn
  log_retention_in_days = var.log_retention_in_days

  engine_version                      = var.aurora.engine_version
  min_capacity                        = var.aurora.min_capacity
  max_capacity                        = var.aurora.max_capacity
  reader_count                        = var.aurora.reader_count
  backup_retention_days               = var.aurora.backup_retention_days
  performance_insights_retention_days = var.aurora.performance_insights_retention_days
  preferred_backup_window             = var.aurora.preferred_backup_window
  preferred_maintenance_window        = var.aurora.preferred_maintenance_window

  deletion_protection = !local.is_dev
  final_snapshot      = !local.is_dev

  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}
