mock_provider "aws" {
  override_during = plan

  mock_data "aws_caller_identity" {
    defaults = { account_id = "111111111111" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_kms_key" {
    defaults = {
      arn    = "arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555"
      key_id = "11111111-2222-3333-4444-555555555555"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn    = "arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1"
      id     = "catalog-terraform-state-111111111111-eu-west-1"
      bucket = "catalog-terraform-state-111111111111-eu-west-1"
    }
  }
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = { arn = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111111111111:role/mock" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/mock" }
  }
}

run "the_state_bucket_is_versioned_encrypted_private_and_tls_only" {
  command = plan

  assert {
    condition     = aws_s3_bucket.state.bucket == "catalog-terraform-state-111111111111-eu-west-1"
    error_message = "The bucket is named after the service, account and region (bucket names are global)."
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.state.versioning_configuration).status == "Enabled"
    error_message = "State must be versioned, so a damaged state can be rolled back."
  }

  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms" &&
      one(one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default).kms_master_key_id == module.state_key.key_arn &&
      module.state_key.key_rotation_enabled == true
    )
    error_message = "State must be encrypted by default with the rotating state key."
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.state.block_public_acls && aws_s3_bucket_public_access_block.state.block_public_policy &&
      aws_s3_bucket_public_access_block.state.ignore_public_acls && aws_s3_bucket_public_access_block.state.restrict_public_buckets &&
      one(aws_s3_bucket_ownership_controls.state.rule).object_ownership == "BucketOwnerEnforced"
    )
    error_message = "The bucket must block every kind of public access and disable ACLs."
  }

  assert {
    condition = jsondecode(output.bucket_policy_json).Statement == [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1", "arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutdatedTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1", "arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
      },
    ]
    error_message = "The bucket must refuse every request without TLS 1.2 or later."
  }

  assert {
    condition = (
      one(aws_s3_bucket_lifecycle_configuration.state.rule).status == "Enabled" &&
      one(one(aws_s3_bucket_lifecycle_configuration.state.rule).noncurrent_version_expiration).noncurrent_days == 90 &&
      one(one(aws_s3_bucket_lifecycle_configuration.state.rule).abort_incomplete_multipart_upload).days_after_initiation == 7
    )
    error_message = "Old state versions expire after 90 days; abandoned uploads after 7."
  }

  assert {
    condition     = output.backend_config.dev == "bucket     = \"catalog-terraform-state-111111111111-eu-west-1\"\nkey        = \"catalog/dev/terraform.tfstate\"\nregion     = \"eu-west-1\"\nkms_key_id = \"arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555\"\n"
    error_message = "The backend settings of each environment must be an output, ready for <env>.local.tfbackend."
  }

  assert {
    condition     = output.backend_config_dev == output.backend_config.dev && output.backend_config_prod == null
    error_message = "Each environment of the account has its own backend output; the others are null."
  }
}

run "each_environment_gets_a_deploy_and_a_plan_role_for_its_own_state" {
  command = plan

  variables {
    environments   = ["dev", "staging"]
    aurora_vpc_ids = { staging = "vpc-0a1b2c3d" }
  }

  assert {
    condition     = keys(output.deploy_role_arns) == ["dev", "staging"] && keys(output.plan_role_arns) == ["dev", "staging"]
    error_message = "Every environment of the account needs a deploy role and a plan role."
  }

  assert {
    condition = (
      module.github_roles["deploy-staging"].allowed_subjects == ["repo:acme/catalog:environment:staging"] &&
      module.github_roles["plan-staging"].allowed_subjects == ["repo:acme/catalog:environment:staging", "repo:acme/catalog:pull_request"] &&
      module.github_roles["deploy-dev"].oidc_provider_arn == "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
    )
    error_message = "Deploy roles trust their GitHub environment; plan roles also pull requests; all through the account's provider."
  }

  assert {
    condition = one([
      for s in jsondecode(module.github_roles["deploy-staging"].policy_documents.state).Statement : s.Resource if s.Sid == "ReadWriteState"
    ]) == ["arn:aws:s3:::catalog-terraform-state-111111111111-eu-west-1/catalog/staging/terraform.tfstate"]
    error_message = "A deploy role may write its own environment's state only."
  }

  assert {
    condition = (
      contains(keys(module.github_roles["deploy-staging"].policy_documents), "database") &&
      !contains(keys(module.github_roles["deploy-dev"].policy_documents), "database")
    )
    error_message = "Only the environments listed in aurora_vpc_ids get the database and network policies."
  }
}

run "without_a_repository_there_are_no_roles" {
  command = plan

  variables {
    github_repository = null
  }

  assert {
    condition     = length(output.deploy_role_arns) == 0 && length(aws_iam_openid_connect_provider.github) == 0 && output.github_oidc_provider_arn == null
    error_message = "No repository, no OIDC provider and no roles."
  }
}
