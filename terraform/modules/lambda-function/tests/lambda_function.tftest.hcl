mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/catalog-test-get-product"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }

  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/catalog-test-get-product"
    }
  }
}

variables {
  function_name   = "catalog-test-get-product"
  filename        = "tests/fixtures/function.zip"
  log_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  environment_variables = {
    SERVICE_NAME = "catalog-test"
    NODE_OPTIONS = "--enable-source-maps"
  }
  policy_statements = [
    {
      sid       = "ReadProducts"
      actions   = ["dynamodb:GetItem"]
      resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-test-products"]
    },
    {
      sid       = "DecryptProducts"
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"]
      conditions = [
        { test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.eu-west-1.amazonaws.com"] },
        { test = "StringEquals", variable = "kms:CallerAccount", values = ["123456789012"] },
      ]
    },
  ]
}

run "packages_a_prebuilt_node22_arm64_zip" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "nodejs22.x" && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "The function must run nodejs22.x on arm64."
  }

  assert {
    condition     = aws_lambda_function.this.handler == "index.handler"
    error_message = "The handler must be index.handler (index.mjs in the zip)."
  }

  assert {
    condition     = aws_lambda_function.this.source_code_hash == filebase64sha256("tests/fixtures/function.zip")
    error_message = "source_code_hash must be the SHA-256 of the prebuilt zip so a new build redeploys."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["NODE_OPTIONS"] == "--enable-source-maps"
    error_message = "Environment variables must be passed through."
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == -1
    error_message = "Reserved concurrency must default to unreserved (-1)."
  }
}

run "traces_with_xray_and_logs_to_an_encrypted_bounded_log_group" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "X-Ray tracing must be Active."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/catalog-test-get-product"
    error_message = "The log group must be the function's own /aws/lambda/<name> group."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The log group must have a finite retention (default 30 days)."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == var.log_kms_key_arn
    error_message = "The log group must be encrypted with the given customer managed key."
  }

  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_group == aws_cloudwatch_log_group.this.name
    error_message = "The function must log to the managed log group."
  }
}

run "grants_least_privilege_without_wildcards_except_xray" {
  command = plan

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
      s.Effect == "Allow" && alltrue([for a in s.Action : !strcontains(a, "*")])
    ])
    error_message = "No statement may use a wildcard action."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Sid == "WriteXRayTraces" || alltrue([
        for r in s.Resource : r == "${aws_cloudwatch_log_group.this.arn}:log-stream:*" || !strcontains(r, "*")
      ])
    ])
    error_message = "Only X-Ray may use a '*' resource; logs are limited to the function's own log streams."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "WriteXRayTraces"
    ] == [["*"]]
    error_message = "X-Ray statement must be present."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Resource if s.Sid == "WriteOwnLogs"
    ] == [["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/catalog-test-get-product:log-stream:*"]]
    error_message = "Log permissions must be scoped to the function's own log group."
  }

  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Condition.StringEquals if s.Sid == "DecryptProducts"
      ]) == {
      "kms:ViaService"    = ["dynamodb.eu-west-1.amazonaws.com"]
      "kms:CallerAccount" = ["123456789012"]
    }
    error_message = "Statement conditions must be rendered as IAM Condition blocks grouped by operator."
  }

  assert {
    condition = jsondecode(output.role_assume_role_policy_json).Statement == [
      {
        Sid       = "LambdaAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "lambda.amazonaws.com" }
        Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
      },
    ]
    error_message = "Only the Lambda service may assume the role, and only on behalf of this account."
  }

  assert {
    condition     = output.role_permissions_boundary_arn == null
    error_message = "No permissions boundary unless one is given."
  }
}

run "bounds_the_role_when_asked" {
  command = plan

  variables {
    role_permissions_boundary_arn = "arn:aws:iam::123456789012:policy/workload-boundary"
  }

  assert {
    condition     = output.role_permissions_boundary_arn == "arn:aws:iam::123456789012:policy/workload-boundary"
    error_message = "The role must carry the given permissions boundary."
  }
}

run "rejects_wildcard_actions" {
  command = plan

  variables {
    policy_statements = [
      { sid = "TooBroad", actions = ["dynamodb:*"], resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/x"] },
    ]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_wildcard_resources" {
  command = plan

  variables {
    policy_statements = [
      { sid = "TooBroad", actions = ["dynamodb:GetItem"], resources = ["*"] },
    ]
  }

  expect_failures = [var.policy_statements]
}

run "rejects_other_runtimes_and_unbounded_logs" {
  command = plan

  variables {
    runtime               = "nodejs18.x"
    log_retention_in_days = 0
  }

  expect_failures = [var.runtime, var.log_retention_in_days]
}

run "refuses_a_missing_package" {
  command = plan

  variables {
    filename = "tests/fixtures/not-built.zip"
  }

  expect_failures = [aws_lambda_function.this]
}

run "caps_concurrency_when_asked" {
  command = plan

  variables {
    reserved_concurrent_executions = 25
  }

  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == 25
    error_message = "Reserved concurrency must be configurable."
  }
}

run "stays_outside_any_vpc_without_vpc_config" {
  command = plan

  assert {
    condition     = length(aws_lambda_function.this.vpc_config) == 0 && output.function_vpc_config == null
    error_message = "Without vpc_config the function must not be placed in a VPC."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s if anytrue([for a in s.Action : startswith(a, "ec2:")])
    ]) == 0
    error_message = "Outside a VPC the role needs no network interface permissions."
  }

  assert {
    condition     = length(aws_lambda_function_event_invoke_config.this) == 0 && output.async_invocation == null
    error_message = "Asynchronous invocation settings exist only when asked for."
  }
}

# In a VPC Lambda manages the function's network interfaces with the function's role: the module
# grants exactly that, scoped to the given subnets, security groups and VPC (the Describe calls have
# no resource-level permissions).
run "runs_in_private_subnets_when_given_a_vpc" {
  command = plan

  variables {
    vpc_config = {
      vpc_id             = "vpc-0a1b2c3d"
      subnet_ids         = ["subnet-0b2", "subnet-0a1"]
      security_group_ids = ["sg-0f1"]
    }
  }

  assert {
    condition = (
      output.function_vpc_config.subnet_ids == tolist(["subnet-0a1", "subnet-0b2"]) &&
      output.function_vpc_config.security_group_ids == tolist(["sg-0f1"])
    )
    error_message = "The function must be placed in the given subnets with the given security groups."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s if anytrue([for a in s.Action : startswith(a, "ec2:")])
      ] == [
      {
        Sid    = "CreateVpcNetworkInterfaces"
        Effect = "Allow"
        Action = ["ec2:CreateNetworkInterface"]
        Resource = [
          "arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
          "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0b2",
          "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0a1",
          "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0f1",
        ]
        Condition = { ArnEquals = { "ec2:Vpc" = ["arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d"] } }
      },
      {
        Sid       = "ManageVpcNetworkInterfaces"
        Effect    = "Allow"
        Action    = ["ec2:AssignPrivateIpAddresses", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"]
        Resource  = ["arn:aws:ec2:eu-west-1:123456789012:network-interface/*"]
        Condition = { ArnEquals = { "ec2:Vpc" = ["arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d"] } }
      },
      {
        Sid      = "DescribeVpcNetworkInterfaces"
        Effect   = "Allow"
        Action   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
        Resource = ["*"]
      },
    ]
    error_message = "In a VPC the role may create network interfaces only in the given subnets, with the given security groups, in the given VPC, and change or delete only interfaces of that VPC."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : alltrue([for r in s.Resource : !strcontains(r, "*")]) ||
      contains(["WriteXRayTraces", "WriteOwnLogs", "CreateVpcNetworkInterfaces", "ManageVpcNetworkInterfaces", "DescribeVpcNetworkInterfaces"], s.Sid)
    ])
    error_message = "Only X-Ray, the function's log streams and the network interface statements may use a wildcard."
  }
}

run "refuses_a_vpc_config_without_subnets_or_security_groups" {
  command = plan

  variables {
    vpc_config = { vpc_id = "vpc-0a1b2c3d", subnet_ids = [], security_group_ids = ["0.0.0.0/0"] }
  }

  expect_failures = [var.vpc_config]
}

run "sends_failed_asynchronous_invocations_to_the_destination" {
  command = plan

  variables {
    async_invocation = {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 300
      on_failure_destination_arn   = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-relay-dlq"
    }
    deploy_after = ["schema-0001"]
  }

  assert {
    condition = output.async_invocation == {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 300
      on_failure_destination_arn   = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-relay-dlq"
    }
    error_message = "Failed asynchronous invocations must go to the on-failure destination after bounded retries and age."
  }

  assert {
    condition     = terraform_data.deploy_after[0].input == tolist(["schema-0001"])
    error_message = "The values the function waits for must be carried by deploy_after."
  }
}
