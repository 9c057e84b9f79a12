mock_provider "aws" {
  override_during = plan

  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = { arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::123456789012:policy/mock" }
  }
}

variables {
  name                 = "github-deploy-catalog-dev"
  github_repository    = "acme/catalog"
  github_environments  = ["dev"]
  create_oidc_provider = true
  resource_prefix      = "catalog-dev"
  resource_tags        = { Service = "catalog", Environment = "dev" }
  state_bucket_name    = "acme-terraform-state-123456789012-eu-west-1"
  state_key            = "catalog/dev/terraform.tfstate"
  state_kms_key_arn    = "arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555"
  ssm_parameter_path   = "/catalog/dev/"
}

run "only_the_repository_environment_with_the_sts_audience_may_assume_it" {
  command = plan

  assert {
    condition = jsondecode(output.assume_role_policy_json).Statement == [
      {
        Sid       = "GitHubActionsOidc"
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = ["repo:acme/catalog:environment:dev"]
          }
        }
      },
    ]
    error_message = "Only acme/catalog jobs in the dev environment, with the STS audience, may assume the role."
  }

  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && aws_iam_openid_connect_provider.github[0].client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider must be GitHub's, for the STS audience."
  }

  assert {
    condition     = aws_iam_role.this.max_session_duration == 3600 && output.permissions_boundary_arn == null
    error_message = "Sessions last at most an hour by default; no boundary unless given."
  }
}

run "the_state_is_read_written_and_locked_at_its_own_key_only" {
  command = plan

  assert {
    condition = jsondecode(output.policy_documents.state).Statement == [
      { Sid = "ListStateBucket", Effect = "Allow", Action = ["s3:ListBucket"], Resource = ["arn:aws:s3:::acme-terraform-state-123456789012-eu-west-1"] },
      { Sid = "ReadWriteState", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = ["arn:aws:s3:::acme-terraform-state-123456789012-eu-west-1/catalog/dev/terraform.tfstate"] },
      { Sid = "LockState", Effect = "Allow", Action = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Resource = ["arn:aws:s3:::acme-terraform-state-123456789012-eu-west-1/catalog/dev/terraform.tfstate.tflock"] },
      {
        Sid       = "UseStateKey"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
        Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555"]
        Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
      },
    ]
    error_message = "The role may read and write its environment's state object and lock file, through S3 only for the key."
  }
}

run "service_permissions_are_scoped_to_the_environment" {
  command = plan

  # Every resource is one of the environment's (named catalog-dev...), a tagged key, or "*" for
  # actions without resource-level permissions, which then carry a condition (or only read).
  assert {
    condition = alltrue(flatten([
      for group in ["data", "compute", "edge"] : [
        for s in jsondecode(output.policy_documents[group]).Statement : [
          for r in s.Resource : (
            strcontains(r, "catalog-dev") || r == "arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/dev/*" ||
            (r == "arn:aws:kms:eu-west-1:123456789012:key/*" && (try(s.Condition.StringEquals["aws:ResourceTag/Environment"], null) == "dev" || try(s.Condition.StringEquals["aws:RequestTag/Environment"], null) == "dev")) ||
            (r == "*" && (can(s.Condition) || contains(["ListKeyAliases", "DescribeParameters", "GenerateSecrets", "ManageWafLogDelivery"], s.Sid))) ||
            contains([
              "arn:aws:apigateway:eu-west-1::/account", "arn:aws:apigateway:eu-west-1::/restapis", "arn:aws:apigateway:eu-west-1::/restapis/*",
              "arn:aws:apigateway:eu-west-1::/tags/*", "arn:aws:apigateway:eu-west-1::/restapis/*/stages/*",
              "arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:*", "arn:aws:wafv2:eu-west-1:123456789012:regional/managedruleset/*/*",
              "arn:aws:logs:eu-west-1:123456789012:log-group:*",
              "arn:aws:logs:eu-west-1:123456789012:log-group:API-Gateway-Execution-Logs_*", "arn:aws:logs:eu-west-1:123456789012:log-group:API-Gateway-Execution-Logs_*:*",
            ], r)
          )
        ]
      ]
    ]))
    error_message = "Every statement must name the environment's resources, its tagged keys, or \"*\" only under a condition."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.data).Statement : s if s.Sid == "CreateTaggedKeys"]) == {
      Sid       = "CreateTaggedKeys"
      Effect    = "Allow"
      Action    = ["kms:CreateKey"]
      Resource  = ["*"]
      Condition = { StringEquals = { "aws:RequestTag/Environment" = "dev", "aws:RequestTag/Service" = "catalog" } }
    }
    error_message = "Keys may only be created carrying the environment's tags."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.data).Statement : s if s.Sid == "TagNewKeys"]) == {
      Sid       = "TagNewKeys"
      Effect    = "Allow"
      Action    = ["kms:TagResource"]
      Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/*"]
      Condition = { StringEquals = { "aws:RequestTag/Environment" = "dev", "aws:RequestTag/Service" = "catalog" } }
    }
    error_message = "New keys may only be tagged with the environment's tags."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.compute).Statement : s if s.Sid == "PassOwnRolesToTheirServices"]) == {
      Sid       = "PassOwnRolesToTheirServices"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = ["arn:aws:iam::123456789012:role/catalog-dev-*"]
      Condition = { StringEquals = { "iam:PassedToService" = ["apigateway.amazonaws.com", "lambda.amazonaws.com"] } }
    }
    error_message = "The role may pass only the environment's roles, and only to Lambda and API Gateway."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.compute).Statement : s if s.Sid == "CreateOwnEventSourceMappings"]).Condition == {
      ArnLike = { "lambda:FunctionArn" = ["arn:aws:lambda:eu-west-1:123456789012:function:catalog-dev-*"] }
    }
    error_message = "Event source mappings may only be created for the environment's functions."
  }

  assert {
    condition = alltrue(flatten([
      for group, doc in output.policy_documents : [for s in jsondecode(doc).Statement : [for a in s.Action : !strcontains(a, "*")]]
    ]))
    error_message = "No statement may use a wildcard action."
  }

  assert {
    condition     = alltrue([for group, doc in output.policy_documents : length(doc) <= 6144])
    error_message = "Each managed policy must stay within IAM's 6,144 characters."
  }

  assert {
    condition     = length(output.attached_policy_arns) == 4
    error_message = "The state, data, compute and edge policies must all be attached."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.compute).Statement : s if s.Sid == "WriteOwnRolePolicies"]) == {
      Sid      = "WriteOwnRolePolicies"
      Effect   = "Allow"
      Action   = ["iam:CreateRole", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"]
      Resource = ["arn:aws:iam::123456789012:role/catalog-dev-*"]
    }
    error_message = "Without a workload boundary, the environment's roles are writable by name only."
  }
}

run "a_workload_boundary_binds_every_role_the_deployment_creates" {
  command = plan

  variables {
    workload_permissions_boundary_arn = "arn:aws:iam::123456789012:policy/catalog-workload-boundary"
    permissions_boundary_arn          = "arn:aws:iam::123456789012:policy/deploy-boundary"
  }

  assert {
    condition = alltrue([
      for s in jsondecode(output.policy_documents.compute).Statement :
      s.Condition.StringEquals["iam:PermissionsBoundary"] == "arn:aws:iam::123456789012:policy/catalog-workload-boundary"
      if contains(["WriteOwnRolePolicies", "AttachApiGatewayLoggingPolicy"], s.Sid)
    ])
    error_message = "Roles may only be created or given policies under the workload boundary."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.compute).Statement : s if s.Sid == "KeepWorkloadBoundaries"]) == {
      Sid      = "KeepWorkloadBoundaries"
      Effect   = "Deny"
      Action   = ["iam:DeleteRolePermissionsBoundary"]
      Resource = ["arn:aws:iam::123456789012:role/catalog-dev-*"]
    }
    error_message = "The boundary may never be removed from the environment's roles."
  }

  assert {
    condition     = output.permissions_boundary_arn == "arn:aws:iam::123456789012:policy/deploy-boundary"
    error_message = "The deploy role itself must carry its boundary."
  }
}

run "a_plan_role_reads_and_locks_but_changes_nothing" {
  command = plan

  variables {
    name                 = "github-plan-catalog-dev"
    access               = "plan"
    allow_pull_requests  = true
    create_oidc_provider = false
    oidc_provider_arn    = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
  }

  assert {
    condition     = output.allowed_subjects == ["repo:acme/catalog:environment:dev", "repo:acme/catalog:pull_request"] && length(aws_iam_openid_connect_provider.github) == 0
    error_message = "A plan role may also trust pull requests, through the existing provider."
  }

  assert {
    condition = alltrue(flatten([
      for group, doc in output.policy_documents : [
        for s in jsondecode(doc).Statement : [
          for a in s.Action : length(regexall("^[a-z0-9-]+:(Get|List|Describe)", a)) > 0 || a == "kms:Decrypt" || a == "apigateway:GET" || contains(["LockState", "UseStateKey"], s.Sid)
        ]
      ]
    ]))
    error_message = "A plan role may only read (and write the lock file, encrypted with the state key)."
  }

  assert {
    condition     = one([for s in jsondecode(output.policy_documents.state).Statement : s.Action if s.Sid == "ReadWriteState"]) == ["s3:GetObject"]
    error_message = "A plan role must not write the state."
  }
}

run "pull_requests_never_apply" {
  command = plan

  variables {
    allow_pull_requests = true
  }

  expect_failures = [var.allow_pull_requests]
}

run "the_role_cannot_be_one_it_manages" {
  command = plan

  variables {
    name = "catalog-dev-deploy"
  }

  expect_failures = [aws_iam_role.this]
}

run "subjects_and_providers_are_explicit" {
  command = plan

  variables {
    github_repository = "acme/*"
    oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
  }

  expect_failures = [var.github_repository, var.oidc_provider_arn]
}

# An Aurora environment: two more policies for the database and its proxy, the network resources in
# the environment's VPC, the relay's schedule and the migration runner, scoped like the others.
run "an_aurora_environment_gets_the_database_policy_scoped_to_the_environment" {
  command = plan

  variables {
    aurora_vpc_id = "vpc-0a1b2c3d"
  }

  assert {
    condition     = sort(keys(output.attached_policy_arns)) == sort(["compute", "data", "database", "edge", "network", "state"]) && alltrue([for group, doc in output.policy_documents : length(doc) <= 6144])
    error_message = "An Aurora environment's role gets the database and network policies too, each within IAM's 6,144 characters."
  }

  assert {
    condition = alltrue(flatten([
      for s in concat(jsondecode(output.policy_documents.database).Statement, jsondecode(output.policy_documents.network).Statement) : [
        for r in s.Resource : (
          strcontains(r, "catalog-dev") || r == "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d" ||
          (r == "*" && s.Sid == "DescribeNetwork" && alltrue([for a in s.Action : startswith(a, "ec2:Describe")])) ||
          (can(s.Condition) && !strcontains(r, "::*") && r != "*")
        )
      ]
    ]))
    error_message = "Every database statement names the environment's resources or its VPC, or works under a condition (its tags, its VPC, RDS calling); \"*\" only for EC2's Describe calls."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.network).Statement : s if s.Sid == "ManageOwnNetworkResources"]).Condition == {
      StringEquals = { "aws:ResourceTag/Environment" = "dev", "aws:ResourceTag/Service" = "catalog" }
    }
    error_message = "Security groups, their rules and endpoints may be changed only while they carry the environment's tags."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.database).Statement : s if s.Sid == "LetRdsManageTheMasterSecret"]) == {
      Sid       = "LetRdsManageTheMasterSecret"
      Effect    = "Allow"
      Action    = ["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret", "secretsmanager:RotateSecret", "secretsmanager:TagResource"]
      Resource  = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-*"]
      Condition = { "ForAnyValue:StringEquals" = { "aws:CalledVia" = ["rds.amazonaws.com"] } }
    }
    error_message = "The role may manage the master secret only through RDS, and never read it."
  }

  assert {
    condition = one([for s in jsondecode(output.policy_documents.compute).Statement : s.Condition.StringEquals["iam:PassedToService"] if s.Sid == "PassOwnRolesToTheirServices"]) == [
      "apigateway.amazonaws.com", "lambda.amazonaws.com", "rds.amazonaws.com", "scheduler.amazonaws.com",
    ]
    error_message = "The proxy's role may be passed to RDS and the schedule's to EventBridge Scheduler, nothing else."
  }

  assert {
    condition = alltrue(flatten([
      for s in concat(jsondecode(output.policy_documents.database).Statement, jsondecode(output.policy_documents.network).Statement) : [for a in s.Action : !contains(["secretsmanager:GetSecretValue", "rds-db:connect"], a)]
    ]))
    error_message = "The deploy role never reads the master secret nor connects to the database."
  }
}
