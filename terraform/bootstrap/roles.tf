# GitHub Actions roles per environment: one that applies (trusted for the GitHub environment of the
# same name) and, optionally, one that only plans (also trusted for pull requests).

locals {
  create_roles      = var.github_repository != null
  oidc_provider_arn = !local.create_roles ? null : (var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.github_oidc_provider_arn)

  roles = !local.create_roles ? {} : merge(
    { for env in var.environments : "deploy-${env}" => { env = env, access = "apply", name = "github-deploy-${var.service_name}-${env}" } },
    !var.create_plan_roles ? {} : { for env in var.environments : "plan-${env}" => { env = env, access = "plan", name = "github-plan-${var.service_name}-${env}" } },
  )
}

resource "aws_iam_openid_connect_provider" "github" {
  count = local.create_roles && var.create_github_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

module "github_roles" {
  source   = "../modules/github-deploy-role"
  for_each = local.roles

  name                = each.value.name
  access              = each.value.access
  github_repository   = var.github_repository
  github_environments = [each.value.env]
  allow_pull_requests = each.value.access == "plan"
  oidc_provider_arn   = local.oidc_provider_arn

  resource_prefix    = "${var.service_name}-${each.value.env}"
  resource_tags      = { Service = var.service_name, Environment = each.value.env }
  ssm_parameter_path = "/${var.service_name}/${each.value.env}/"

  state_bucket_name = aws_s3_bucket.state.bucket
  state_key         = local.state_keys[each.value.env]
  state_kms_key_arn = module.state_key.key_arn

  workload_permissions_boundary_arn = var.workload_permissions_boundary_arn
  permissions_boundary_arn          = var.deploy_role_permissions_boundary_arn
  lambda_authorizer_function_arn    = var.lambda_authorizer_function_arn
  attached_web_acl_arns             = var.attached_web_acl_arns
  aurora_vpc_id                     = lookup(var.aurora_vpc_ids, each.value.env, null)
}
