# Per account: the S3 bucket every environment of the service keeps its state in (locked with
# S3 lock files, use_lockfile), its KMS key, and optionally the GitHub OIDC deploy roles.

provider "aws" {
  region              = var.aws_region
  allowed_account_ids = length(var.allowed_account_ids) > 0 ? var.allowed_account_ids : null

  default_tags {
    tags = {
      Service   = var.service_name
      Purpose   = "terraform-state"
      ManagedBy = "terraform"
    }
  }
}

data "aws_caller_identity" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  bucket_name = coalesce(var.bucket_name, "${var.service_name}-terraform-state-${local.account_id}-${var.aws_region}")
  state_keys  = { for env in var.environments : env => "${var.service_name}/${env}/terraform.tfstate" }

  backend_config = {
    for env, key in local.state_keys : env => join("\n", [
      "bucket     = \"${aws_s3_bucket.state.bucket}\"",
      "key        = \"${key}\"",
      "region     = \"${var.aws_region}\"",
      "kms_key_id = \"${module.state_key.key_arn}\"",
      "",
    ])
  }
}

module "state_key" {
  source = "../modules/kms-key"

  alias              = "${var.service_name}-terraform-state"
  description        = "Encrypts the Terraform state of ${var.service_name}"
  administrator_arns = var.kms_administrator_arns
}

resource "aws_s3_bucket" "state" {
  #checkov:skip=CKV_AWS_18:Access to the state is audited with CloudTrail data events on the bucket; server access logs would need a second bucket per account for the same information.
  #checkov:skip=CKV_AWS_144:State is small, versioned and recoverable from its versions; cross-region replication would need a second bucket and key per account and region.
  #checkov:skip=CKV2_AWS_62:Nothing reacts to state changes; event notifications would have no consumer.
  bucket = local.bucket_name

  # The state of every environment: never destroyed with this root.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.state_key.key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "expire-old-state-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.state]
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutdatedTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.state]
}
