data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_root_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"

  # The account keeps full control of its key and IAM policies can grant its use; without this
  # statement the key becomes unmanageable. Principals still need an IAM grant to use the key.
  account_statement = {
    Sid       = "EnableAccountIamPolicies"
    Effect    = "Allow"
    Principal = { AWS = local.account_root_arn }
    Action    = "kms:*"
    Resource  = "*"
  }

  administrator_statements = length(var.administrator_arns) == 0 ? [] : [
    {
      Sid       = "AllowKeyAdministration"
      Effect    = "Allow"
      Principal = { AWS = var.administrator_arns }
      Action = [
        "kms:CancelKeyDeletion",
        "kms:DescribeKey",
        "kms:DisableKey",
        "kms:EnableKey",
        "kms:EnableKeyRotation",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListResourceTags",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateKeyDescription",
      ]
      Resource = "*"
    },
  ]

  service_statements = [
    for s in var.service_statements : merge(
      {
        Sid       = s.sid
        Effect    = "Allow"
        Principal = { Service = s.service }
        Action    = s.actions
        Resource  = "*"
      },
      length(s.conditions) == 0 ? {} : {
        Condition = {
          for test in distinct([for c in s.conditions : c.test]) : test => {
            for c in s.conditions : c.variable => c.values if c.test == test
          }
        }
      },
    )
  ]

  key_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat([local.account_statement], local.administrator_statements, local.service_statements)
  })
}

resource "aws_kms_key" "this" {
  description             = var.description
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_period_in_days
  policy                  = local.key_policy

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias}"
  target_key_id = aws_kms_key.this.key_id
}
