# The secret that signs list-products' pagination cursors, one per environment. Without it a client
# could forge a cursor (any scan position) or edit one; with it, list-products refuses both (400).
#
# Secrets Manager's GetRandomPassword generates the value (the aws provider is the only one this
# repository uses) and the parameter receives it through the write-only value_wo: it is in neither
# the plan nor the parameter's state. Terraform sends it only when value_wo_version changes, so
# every later plan is empty although the data source draws a new password on each run; raise
# cursor_signing_key_version to rotate (cursors issued before then are refused: clients restart from
# the first page). The data source's own result is kept in the state (encrypted S3 backend) and
# equals the stored secret only from the apply that wrote it until the next refresh; the ephemeral
# variant of the same data source would keep it out of the state entirely, but `terraform test`'s
# mock provider cannot mock ephemeral resources yet (docs/decisions/0009-edge-contract-and-cursor-secret.md).
data "aws_secretsmanager_random_password" "cursor_signing_key" {
  password_length     = 64
  exclude_punctuation = true
}

resource "aws_ssm_parameter" "cursor_signing_key" {
  name        = "/${var.service_name}/${var.environment}/cursor-signing-key"
  description = "Signs the list cursors of ${local.name}'s list-products function (read once per cold start)."
  type        = "SecureString"
  tier        = "Standard"
  key_id      = module.kms.key_arn

  value_wo         = data.aws_secretsmanager_random_password.cursor_signing_key.random_password
  value_wo_version = var.cursor_signing_key_version
}

locals {
  cursor_signing_key_arn = aws_ssm_parameter.cursor_signing_key.arn

  # Only list-products issues and reads cursors; it alone may read the parameter, and decrypt with the
  # environment's key only through SSM and only for this parameter (SSM's encryption context).
  read_cursor_signing_key = [
    {
      sid       = "ReadCursorSigningKey"
      actions   = ["ssm:GetParameter"]
      resources = [local.cursor_signing_key_arn]
    },
    {
      sid       = "DecryptCursorSigningKey"
      actions   = ["kms:Decrypt"]
      resources = [local.key_arn]
      conditions = [
        { test = "StringEquals", variable = "kms:ViaService", values = ["ssm.${local.region}.amazonaws.com"] },
        { test = "StringEquals", variable = "kms:EncryptionContext:PARAMETER_ARN", values = [local.cursor_signing_key_arn] },
      ]
    },
  ]
}
