mock_provider "aws" {
  override_during = plan

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  alias       = "catalog-test"
  description = "Catalog test data key"
  service_statements = [
    {
      sid     = "AllowCloudWatchLogs"
      service = "logs.eu-west-1.amazonaws.com"
      actions = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
      conditions = [
        {
          test     = "ArnEquals"
          variable = "kms:EncryptionContext:aws:logs:arn"
          values   = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/catalog-test-get-product"]
        },
      ]
    },
  ]
}

run "rotates_and_keeps_a_deletion_window" {
  command = plan

  assert {
    condition     = aws_kms_key.this.enable_key_rotation == true
    error_message = "Key rotation must be enabled."
  }

  assert {
    condition     = aws_kms_key.this.deletion_window_in_days == 30
    error_message = "The deletion window must default to 30 days."
  }

  assert {
    condition     = aws_kms_alias.this.name == "alias/catalog-test"
    error_message = "The alias must be alias/<alias>."
  }
}

run "scopes_service_principals_with_conditions" {
  command = plan

  assert {
    condition = [
      for s in jsondecode(aws_kms_key.this.policy).Statement : s.Principal.AWS if s.Sid == "EnableAccountIamPolicies"
    ] == ["arn:aws:iam::123456789012:root"]
    error_message = "Only the owning account may hold the administrative statement."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_kms_key.this.policy).Statement : s if s.Sid == "AllowCloudWatchLogs"
      ]).Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] == [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/catalog-test-get-product",
    ]
    error_message = "CloudWatch Logs must be limited to the listed log groups."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_kms_key.this.policy).Statement : alltrue([
        for a in s.Action : !strcontains(a, "*")
      ]) if s.Sid != "EnableAccountIamPolicies"
    ])
    error_message = "Statements other than the account's own must list explicit actions."
  }
}

run "rejects_wildcard_service_actions" {
  command = plan

  variables {
    service_statements = [
      { sid = "TooBroad", service = "events.amazonaws.com", actions = ["kms:*"] },
    ]
  }

  expect_failures = [var.service_statements]
}

run "rejects_short_deletion_windows" {
  command = plan

  variables {
    deletion_window_in_days = 3
  }

  expect_failures = [var.deletion_window_in_days]
}
