# A role GitHub Actions workflows assume through OIDC to plan or apply one environment: trusted only
# for the repository's named environments (and, for plan roles, its pull requests), with the STS
# audience, and allowed only what the environment's own resources and state need (policies.tf).

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  oidc_host         = "token.actions.githubusercontent.com"
  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn

  allowed_subjects = concat(
    [for e in var.github_environments : "repo:${var.github_repository}:environment:${e}"],
    var.allow_pull_requests ? ["repo:${var.github_repository}:pull_request"] : [],
  )
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]

  tags = var.tags
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "GitHub Actions (${var.github_repository}: ${join(", ", local.allowed_subjects)}) ${var.access} ${var.resource_prefix}"
  max_session_duration = var.max_session_duration
  permissions_boundary = var.permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "GitHubActionsOidc"
        Effect    = "Allow"
        Principal = { Federated = local.oidc_provider_arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "${local.oidc_host}:aud" = "sts.amazonaws.com"
            "${local.oidc_host}:sub" = local.allowed_subjects
          }
        }
      },
    ]
  })

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !startswith(var.name, "${var.resource_prefix}-")
      error_message = "The deploy role ${var.name} must not be named ${var.resource_prefix}-*: it manages the roles with that prefix and would be able to rewrite its own permissions."
    }
  }
}

resource "aws_iam_policy" "this" {
  #checkov:skip=CKV_AWS_286:A deploy role creates roles and passes them to Lambda and API Gateway by design; it may do so only for roles named after its environment, and only under the workload permissions boundary when one is set (tests/github_deploy_role.tftest.hcl).
  #checkov:skip=CKV_AWS_288:Reads are the environment's own: its state object, its parameters path, its tagged keys through SSM or for its bus only; nothing is readable account-wide.
  #checkov:skip=CKV_AWS_289:The only permissions-management actions on "*" are CloudWatch Logs resource policies and log deliveries for WAF logging, which have no resource-level permissions; roles and key policies are limited to the environment's names and tags.
  #checkov:skip=CKV_AWS_290:Writes on "*" are limited to actions without resource-level permissions (kms:CreateKey, lambda:CreateEventSourceMapping, WAF log delivery), each under a condition where IAM offers one (request tags, the target function's ARN).
  for_each = local.policy_documents

  name        = "${var.name}-${each.key}"
  description = "${var.access} ${var.resource_prefix}: ${each.key}"
  policy      = each.value

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = aws_iam_policy.this

  role       = aws_iam_role.this.name
  policy_arn = each.value.arn
}
