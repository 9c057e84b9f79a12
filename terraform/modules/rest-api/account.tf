# API Gateway writes access and execution logs through one role per account and region.
# Manage it from exactly one configuration per account/region (see the module README).

data "aws_partition" "current" {
  count = var.create_account_logging_role ? 1 : 0
}

resource "aws_iam_role" "account_logging" {
  count = var.create_account_logging_role ? 1 : 0

  name = "${var.name}-apigateway-logging"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ApiGatewayAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "apigateway.amazonaws.com" }
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

  depends_on = [aws_iam_role_policy_attachment.account_logging]
}
