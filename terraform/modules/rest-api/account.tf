# API Gateway writes access and execution logs through one role per account and region.
# Manage it from exactly one configuration per account/region (see the module README).

data "aws_partition" "current" {
  count = var.create_account_logging_role ? 1 : 0
}

resource "aws_iam_role" "account_logging" {
  count = var.create_account_logging_role ? 1 : 0

  name                 = "${var.name}-apigateway-logging"
  permissions_boundary = var.role_permissions_boundary_arn

  # Only API Gateway, and only on behalf of this account (confused deputy).
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ApiGatewayAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "apigateway.amazonaws.com" }
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "account_logging" {
  count = var.create_account_logging_role ? 1 : 0

  role       = aws_iam_role.account_logging[0].name
  policy_arn = "arn:${data.aws_partition.current[0].partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  count = var.create_account_logging_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.account_logging[0].arn

  # Destroying this configuration (e.g. a disposable dev) clears the account setting instead of
  # leaving it pointing at the role destroyed with it. (Deprecated in hashicorp/aws 5.x because
  # 6.x always resets on delete; drop the argument when the roots move to 6.x.)
  reset_on_delete = true

  depends_on = [aws_iam_role_policy_attachment.account_logging]
}
