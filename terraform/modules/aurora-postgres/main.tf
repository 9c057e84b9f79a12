# Aurora PostgreSQL Serverless v2 in private subnets: encrypted with the environment's key, IAM
# database authentication, the master password kept by Secrets Manager (never in Terraform), logs
# and Performance Insights encrypted, reachable only from the RDS Proxy (proxy.tf).

locals {
  engine       = "aurora-postgresql"
  engine_major = split(".", var.engine_version)[0]
  port         = 5432
  log_group    = "/aws/rds/cluster/${var.name}/postgresql"
  # Instance 0 is created first and becomes the writer; the others are readers (failover targets).
  instance_names = [for i in range(1 + var.reader_count) : "${var.name}-${i}"]
}

data "aws_subnet" "this" {
  for_each = toset(var.subnet_ids)

  id = each.value
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "Private subnets of ${var.name}'s Aurora cluster and RDS Proxy"
  subnet_ids  = var.subnet_ids

  tags = var.tags

  lifecycle {
    precondition {
      condition     = length(distinct([for s in data.aws_subnet.this : s.availability_zone])) >= 2
      error_message = "subnet_ids must span at least two availability zones (Aurora and RDS Proxy need them for failover)."
    }

    precondition {
      condition     = alltrue([for s in data.aws_subnet.this : s.vpc_id == var.vpc_id])
      error_message = "Every subnet in subnet_ids must belong to vpc_id."
    }

    precondition {
      condition     = alltrue([for s in data.aws_subnet.this : !s.map_public_ip_on_launch])
      error_message = "subnet_ids must be private subnets (they assign public IP addresses on launch)."
    }
  }
}

# Logging what changes the schema and what is slow, not every statement: statements carry product
# data and idempotency keys. TLS is required from every client (the proxy connects with TLS).
resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${var.name}-aurora-postgresql${local.engine_major}"
  family      = "aurora-postgresql${local.engine_major}"
  description = "${var.name}: TLS only, DDL and slow statements logged"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.log_min_duration_statement_ms)
  }

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# Created before the cluster so the exported logs land encrypted and expire (RDS would otherwise
# create the group itself, unencrypted and kept forever).
resource "aws_cloudwatch_log_group" "postgresql" {
  #checkov:skip=CKV_AWS_338:Retention is chosen per environment (14/30/90 days): the PostgreSQL log holds errors, DDL and slow statements with their parameters, kept no longer than operations need.
  name              = local.log_group
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_rds_cluster" "this" {
  #checkov:skip=CKV2_AWS_8:Recovery is Aurora's own: continuous backups for backup_retention_days (point-in-time restore), a final snapshot outside dev, and deletion protection; an AWS Backup plan is an account-wide choice of the platform, not of one service.
  cluster_identifier = var.name
  engine             = local.engine
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  port               = local.port

  master_username               = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arn

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.cluster.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = !var.final_snapshot
  final_snapshot_identifier    = var.final_snapshot ? "${var.name}-final" : null
  delete_automated_backups     = !var.final_snapshot

  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

resource "aws_rds_cluster_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring would need one more role and writes OS metrics to the account-wide RDSOSMetrics log group, outside the environment's key and retention; Serverless v2 reports capacity, CPU and memory to CloudWatch and Performance Insights is on.
  count = length(local.instance_names)

  identifier         = local.instance_names[count.index]
  cluster_identifier = aws_rds_cluster.this.cluster_identifier
  engine             = aws_rds_cluster.this.engine
  engine_version     = aws_rds_cluster.this.engine_version
  instance_class     = "db.serverless"

  db_subnet_group_name       = aws_db_subnet_group.this.name
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  ca_cert_identifier         = var.ca_cert_identifier
  copy_tags_to_snapshot      = true
  promotion_tier             = count.index == 0 ? 0 : 1

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days

  tags = var.tags
}
