# The database and the only way to it: encrypted everywhere with the given key, never public,
# reachable on 5432 from the client security groups through the proxy only, IAM authentication and
# TLS required, the master password kept by Secrets Manager and readable by the proxy alone.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  # Each subnet gets its own (generated) availability zone unless a run says otherwise.
  mock_data "aws_subnet" {
    defaults = { vpc_id = "vpc-0a1b2c3d", map_public_ip_on_launch = false }
  }

  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/catalog-test-rds-proxy" }
  }
  mock_resource "aws_security_group" {
    defaults = { id = "sg-0c0c0c0c" }
  }
  mock_resource "aws_rds_cluster" {
    defaults = {
      arn = "arn:aws:rds:eu-west-1:123456789012:cluster:catalog-test"
      master_user_secret = [{
        secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0000-AbCdEf"
        kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
        secret_status = "active"
      }]
    }
  }
  mock_resource "aws_db_proxy" {
    defaults = {
      arn      = "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0123456789abcdef0"
      endpoint = "catalog-test.proxy-abcdefghijkl.eu-west-1.rds.amazonaws.com"
    }
  }
}

# Distinct ids for the two security groups of the module, so each rule's peer can be told apart.
override_resource {
  target          = aws_security_group.proxy
  values          = { id = "sg-0b0b0b0b" }
  override_during = plan
}

variables {
  name                      = "catalog-test"
  vpc_id                    = "vpc-0a1b2c3d"
  subnet_ids                = ["subnet-0a1", "subnet-0b2"]
  client_security_group_ids = { functions = "sg-0f0f0f0f" }
  kms_key_arn               = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  log_kms_key_arn           = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  log_retention_in_days     = 60

  secrets_manager_endpoint_security_group_ids = { endpoints = "sg-0e0e0e0e" }

  backup_retention_days = 14
  min_capacity          = 0.5
  max_capacity          = 8
}

run "encrypts_storage_secret_performance_insights_and_logs_with_the_key" {
  command = plan

  assert {
    condition = output.encryption == {
      storage_encrypted                = true
      storage_kms_key_id               = var.kms_key_arn
      master_user_secret_kms_key_id    = var.kms_key_arn
      performance_insights_kms_key_ids = [var.kms_key_arn]
      log_group_kms_key_ids            = [var.log_kms_key_arn, var.log_kms_key_arn]
    }
    error_message = "Storage, the master user's secret, Performance Insights and both log groups must be encrypted with the given customer managed key."
  }

  assert {
    condition     = output.cluster_settings.enabled_cloudwatch_logs_exports == tolist(["postgresql"]) && output.cluster_settings.log_retention_in_days == [60, 60]
    error_message = "The PostgreSQL log must be exported, and both log groups expire after the given retention."
  }

  assert {
    condition     = output.postgresql_log_group_name == "/aws/rds/cluster/catalog-test/postgresql" && output.proxy_log_group_name == "/aws/rds/proxy/catalog-test"
    error_message = "The log groups must be the ones RDS and RDS Proxy write to, or the services would create unencrypted ones."
  }

  assert {
    condition = {
      for p in aws_rds_cluster_parameter_group.this.parameter : p.name => p.value
      } == {
      "log_statement"              = "ddl"
      "log_min_duration_statement" = "1000"
      "rds.force_ssl"              = "1"
    }
    error_message = "The cluster must require TLS and log DDL and slow statements only (never every statement, which carries product data)."
  }
}

run "is_never_public_and_reachable_only_from_the_clients_through_the_proxy" {
  command = plan

  assert {
    condition = output.instances == {
      "catalog-test-0" = { instance_class = "db.serverless", publicly_accessible = false, performance_insights_enabled = true }
    }
    error_message = "One Serverless v2 writer, not publicly accessible, with Performance Insights."
  }

  assert {
    condition = toset(output.security_group_rules) == toset([
      { direction = "ingress", security_group_id = "sg-0c0c0c0c", from_port = 5432, to_port = 5432, ip_protocol = "tcp", peer = "sg-0b0b0b0b" },
      { direction = "ingress", security_group_id = "sg-0b0b0b0b", from_port = 5432, to_port = 5432, ip_protocol = "tcp", peer = "sg-0f0f0f0f" },
      { direction = "egress", security_group_id = "sg-0b0b0b0b", from_port = 5432, to_port = 5432, ip_protocol = "tcp", peer = "sg-0c0c0c0c" },
      { direction = "egress", security_group_id = "sg-0b0b0b0b", from_port = 443, to_port = 443, ip_protocol = "tcp", peer = "sg-0e0e0e0e" },
    ])
    error_message = "The cluster admits 5432 from the proxy only, the proxy 5432 from the clients only; the proxy reaches the cluster and the Secrets Manager endpoint, nothing else."
  }

  assert {
    condition = alltrue([
      for g in [aws_security_group.cluster, aws_security_group.proxy] : length(g.ingress) == 0 && length(g.egress) == 0
    ])
    error_message = "The security groups carry no inline rules: every rule is one of the rule resources above."
  }

  assert {
    condition     = aws_rds_cluster.this.vpc_security_group_ids == toset(["sg-0c0c0c0c"]) && aws_db_proxy.this.vpc_security_group_ids == toset(["sg-0b0b0b0b"])
    error_message = "The cluster and the proxy must carry only their own security groups."
  }

  assert {
    condition     = aws_db_subnet_group.this.subnet_ids == toset(var.subnet_ids) && aws_db_proxy.this.vpc_subnet_ids == toset(var.subnet_ids)
    error_message = "The cluster and the proxy must live in the given private subnets."
  }
}

run "requires_iam_authentication_and_tls_with_a_secret_only_the_proxy_reads" {
  command = plan

  assert {
    condition     = output.cluster_settings.iam_database_authentication_enabled == true && output.cluster_settings.manage_master_user_password == true
    error_message = "IAM database authentication must be on, and the master password generated and kept by Secrets Manager."
  }

  assert {
    condition = output.proxy_settings == {
      require_tls = true
      auth = [{
        auth_scheme = "SECRETS"
        iam_auth    = "REQUIRED"
        secret_arn  = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0000-AbCdEf"
      }]
    }
    error_message = "Clients must authenticate to the proxy with IAM over TLS; the proxy signs in with the master user's secret."
  }

  assert {
    condition = jsondecode(output.proxy_role_policy_json).Statement == [
      {
        Sid      = "ReadDatabaseCredentials"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0000-AbCdEf"]
      },
      {
        Sid      = "DecryptDatabaseCredentials"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.kms_key_arn]
        Condition = { StringEquals = {
          "kms:ViaService"                  = ["secretsmanager.eu-west-1.amazonaws.com"]
          "kms:EncryptionContext:SecretARN" = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0000-AbCdEf"]
        } }
      },
    ]
    error_message = "The proxy's role may read only the master secret, and decrypt it with the key only through Secrets Manager."
  }

  assert {
    condition = jsondecode(output.proxy_role_assume_role_policy_json).Statement == [
      { Sid = "RdsProxyAssumeRole", Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "rds.amazonaws.com" } },
    ]
    error_message = "Only RDS may assume the proxy's role."
  }

  assert {
    condition = (
      output.proxy_resource_id == "prx-0123456789abcdef0" &&
      output.db_user_arn == "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123456789abcdef0/catalog"
    )
    error_message = "rds-db:connect must name the proxy by its resource id and the master user."
  }
}

run "protects_and_keeps_the_data_when_asked" {
  command = plan

  assert {
    condition = (
      output.cluster_settings.deletion_protection == true &&
      output.cluster_settings.skip_final_snapshot == false &&
      output.cluster_settings.final_snapshot_identifier == "catalog-test-final" &&
      output.cluster_settings.backup_retention_period == 14
    )
    error_message = "By default the cluster is deletion protected, takes a final snapshot and keeps the given backups."
  }

  assert {
    condition     = output.cluster_settings.min_capacity == 0.5 && output.cluster_settings.max_capacity == 8
    error_message = "The writer must scale between the given capacities."
  }
}

run "a_disposable_cluster_skips_protection_and_snapshot" {
  command = plan

  variables {
    deletion_protection = false
    final_snapshot      = false
    reader_count        = 1
  }

  assert {
    condition     = output.cluster_settings.deletion_protection == false && output.cluster_settings.skip_final_snapshot == true && output.cluster_settings.final_snapshot_identifier == null
    error_message = "Without protection the cluster can be deleted without a snapshot."
  }

  assert {
    condition     = keys(output.instances) == ["catalog-test-0", "catalog-test-1"] && alltrue([for i in values(output.instances) : i.instance_class == "db.serverless" && !i.publicly_accessible])
    error_message = "reader_count adds Serverless v2 readers, none public."
  }
}

run "refuses_subnets_in_a_single_availability_zone" {
  command = plan

  override_data {
    target = data.aws_subnet.this
    values = { vpc_id = "vpc-0a1b2c3d", availability_zone = "eu-west-1a", map_public_ip_on_launch = false }
  }

  expect_failures = [aws_db_subnet_group.this]
}

run "refuses_public_subnets_and_subnets_of_another_vpc" {
  command = plan

  override_data {
    target = data.aws_subnet.this
    values = { vpc_id = "vpc-0ffffff", map_public_ip_on_launch = true }
  }

  expect_failures = [aws_db_subnet_group.this]
}

run "refuses_to_open_the_proxy_to_the_internet" {
  command = plan

  variables {
    secrets_manager_endpoint_cidr_blocks = ["0.0.0.0/0"]
    min_capacity                         = 0
  }

  expect_failures = [var.secrets_manager_endpoint_cidr_blocks, var.min_capacity]
}
