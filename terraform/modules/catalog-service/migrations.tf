# persistence = aurora: the schema migrations run at deploy (ADR 0018). migrate-database is the
# adapter's migration runner (packages/adapter-postgres/src/migrations) bundled like the other
# functions; Terraform invokes it once the database and its proxy exist, and again whenever its
# package changes (new migrations are part of it). A failed migration fails the apply, and the other
# PostgreSQL functions are changed only after it succeeded (their deploy_after).

module "migrate_function" {
  source = "../lambda-function"
  count  = local.is_aurora ? 1 : 0

  function_name = "${local.name}-${local.migrate_function}"
  description   = "Applies the ${local.name} PostgreSQL schema migrations (invoked by Terraform at deploy)"
  filename      = "${local.packages_dir}/${local.migrate_function}.zip"

  memory_size = coalesce(try(var.function_settings[local.migrate_function].memory_size, null), 512)
  # A migration may rewrite a table; the runner itself waits at most 10 s for a lock.
  timeout                        = coalesce(try(var.function_settings[local.migrate_function].timeout, null), 600)
  reserved_concurrent_executions = coalesce(try(var.function_settings[local.migrate_function].reserved_concurrent_executions, null), -1)

  environment_variables = merge(local.common_environment, local.postgres_environment)
  policy_statements     = local.migrate_function_policy
  vpc_config            = local.function_vpc_config

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

resource "aws_lambda_invocation" "migrate" {
  count = local.is_aurora ? 1 : 0

  function_name = module.migrate_function[0].function_name
  input         = jsonencode({ source = "terraform" })

  # Run again for every new package: migrations already applied are skipped, an edited one stops
  # the apply (forward-only, ADR 0012).
  triggers = {
    package = module.migrate_function[0].function_source_code_hash
  }

  # The proxy must route to a cluster with a writer, and the functions' security group let the
  # runner reach the proxy, before it can connect.
  depends_on = [
    module.database,
    aws_vpc_security_group_egress_rule.functions_to_proxy,
  ]
}
