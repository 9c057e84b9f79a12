# RDS Proxy: the only way to the database. Clients authenticate with IAM (a token signed by their
# role, rds-db:connect on this proxy and user) over TLS; the proxy logs in to the cluster with the
# master credentials Secrets Manager keeps, which only the proxy's role may read.

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  proxy_log_group   = "/aws/rds/proxy/${var.name}"
  master_secret_arn = aws_rds_cluster.this.master_user_secret[0].secret_arn
  # arn:<partition>:rds:<region>:<account>:db-proxy:<prx-id>: IAM names the proxy by that id.
  proxy_resource_id = element(split(":", aws_db_proxy.this.arn), 6)
  db_user_arn       = "arn:${local.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${local.proxy_resource_id}/${var.master_username}"

  proxy_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadDatabaseCredentials"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [local.master_secret_arn]
      },
      {
        # Secrets Manager decrypts the secret with the environment's key, for this secret only.
        Sid      = "DecryptDatabaseCredentials"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.kms_key_arn]
        Condition = {
          StringEquals = {
            "kms:ViaService"                  = ["secretsmanager.${local.region}.amazonaws.com"]
            "kms:EncryptionContext:SecretARN" = [local.master_secret_arn]
          }
        }
      },
    ]
  })
}

resource "aws_iam_role" "proxy" {
  name                 = "${var.name}-rds-proxy"
  permissions_boundary = var.role_permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RdsProxyAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "rds.amazonaws.com" }
      },
    ]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "proxy" {
  name   = "${var.name}-rds-proxy-credentials"
  role   = aws_iam_role.proxy.id
  policy = local.proxy_policy
}

resource "aws_cloudwatch_log_group" "proxy" {
  #checkov:skip=CKV_AWS_338:Retention is chosen per environment (14/30/90 days): the proxy log holds connection events and client addresses, kept no longer than operations need.
  name              = local.proxy_log_group
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_db_proxy" "this" {
  name                   = var.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy.id]
  require_tls            = true
  idle_client_timeout    = var.proxy_idle_client_timeout
  debug_logging          = false

  auth {
    description = "Clients sign in with IAM; the proxy uses the master credentials of Secrets Manager"
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = local.master_secret_arn
  }

  tags = var.tags

  # The proxy must be able to read the credentials when it starts, and log where the log group
  # is encrypted and bounded.
  depends_on = [
    aws_iam_role_policy.proxy,
    aws_cloudwatch_log_group.proxy,
  ]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent      = var.proxy_max_connections_percent
    max_idle_connections_percent = 50
    connection_borrow_timeout    = 30
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name         = aws_db_proxy.this.name
  target_group_name     = aws_db_proxy_default_target_group.this.name
  db_cluster_identifier = aws_rds_cluster.this.cluster_identifier

  # The cluster answers only once an instance exists.
  depends_on = [aws_rds_cluster_instance.this]
}
