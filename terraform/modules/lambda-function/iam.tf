data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  ec2_arn = "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"

  # In a VPC, Lambda creates and removes the function's network interfaces with the function's
  # role. Creating one is allowed only in the given subnets, with the given security groups, in the
  # given VPC; the other changes only to interfaces in that VPC. The two Describe calls have no
  # resource-level permissions ("*" is their only valid resource).
  vpc_statements = flatten([
    for vpc in(var.vpc_config == null ? [] : [var.vpc_config]) : [
      {
        Sid    = "CreateVpcNetworkInterfaces"
        Effect = "Allow"
        Action = ["ec2:CreateNetworkInterface"]
        Resource = concat(
          ["${local.ec2_arn}:network-interface/*"],
          [for id in vpc.subnet_ids : "${local.ec2_arn}:subnet/${id}"],
          [for id in vpc.security_group_ids : "${local.ec2_arn}:security-group/${id}"],
        )
        Condition = { ArnEquals = { "ec2:Vpc" = ["${local.ec2_arn}:vpc/${vpc.vpc_id}"] } }
      },
      {
        Sid       = "ManageVpcNetworkInterfaces"
        Effect    = "Allow"
        Action    = ["ec2:AssignPrivateIpAddresses", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"]
        Resource  = ["${local.ec2_arn}:network-interface/*"]
        Condition = { ArnEquals = { "ec2:Vpc" = ["${local.ec2_arn}:vpc/${vpc.vpc_id}"] } }
      },
      {
        Sid      = "DescribeVpcNetworkInterfaces"
        Effect   = "Allow"
        Action   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
        Resource = ["*"]
      },
    ]
  ])

  # Managed here so callers cannot forget them; every other permission comes from
  # var.policy_statements, which is validated to be free of wildcards.
  builtin_statements = [
    {
      Sid      = "WriteOwnLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
    },
    {
      # X-Ray has no resource-level permissions: "*" is the only valid resource.
      Sid      = "WriteXRayTraces"
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      Resource = ["*"]
    },
  ]

  caller_statements = [
    for s in var.policy_statements : merge(
      {
        Sid      = s.sid
        Effect   = "Allow"
        Action   = s.actions
        Resource = s.resources
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

  role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.builtin_statements, local.vpc_statements, local.caller_statements)
  })
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "this" {
  name                 = var.function_name
  path                 = var.role_path
  permissions_boundary = var.role_permissions_boundary_arn

  # Only Lambda, and only on behalf of this account (confused deputy). Lambda documents
  # aws:SourceAccount for execution roles, not the function ARN as aws:SourceArn, so the account
  # is the scope.
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LambdaAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "lambda.amazonaws.com" }
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-least-privilege"
  role   = aws_iam_role.this.id
  policy = local.role_policy
}
