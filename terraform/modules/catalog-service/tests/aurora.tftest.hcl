# persistence = aurora, every environment: the PostgreSQL packages in the VPC, only the grants each
# function uses, the database encrypted, private and reachable from the functions only, the relay on
# its schedule with a dead-letter queue and alarms, migrations at deploy, and a switch from DynamoDB
# that keeps the tables until allow_destroy_previous_store says otherwise.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan

  # Distinct ids and ARNs, so rules and policies can be checked peer by peer.
  override_resource {
    target = aws_security_group.functions
    values = { id = "sg-0f0f0f0f" }
  }
  override_resource {
    target = aws_security_group.endpoints
    values = { id = "sg-0e0e0e0e" }
  }
  override_resource {
    target = module.database[0].aws_security_group.proxy
    values = { id = "sg-0b0b0b0b" }
  }
  override_resource {
    target = module.database[0].aws_security_group.cluster
    values = { id = "sg-0c0c0c0c" }
  }
  override_resource {
    target = aws_sqs_queue.relay_dead_letters
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-staging-relay-product-outbox-dlq"
    }
  }
  override_resource {
    target = aws_ssm_parameter.cursor_signing_key
    values = { arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key" }
  }
  override_resource {
    target = module.event_bus.aws_cloudwatch_event_bus.this
    values = { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/catalog-staging" }
  }
  override_resource {
    target = module.relay_function[0].aws_lambda_function.this
    values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:catalog-staging-relay-product-outbox" }
  }
  override_resource {
    target = module.products_table[0].aws_dynamodb_table.this
    values = {
      arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-staging-products"
      stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-staging-products/stream/2025-01-01T00:00:00.000"
    }
  }
}

# For the run that applies: values generated at plan time would change at apply.
mock_provider "aws" {
  alias  = "applying"
  source = "../../tests/mocks"
}

variables {
  environment            = "staging"
  persistence            = "aurora"
  authorizer_type        = "cognito"
  cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1"]
  waf_web_acl_arn        = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/catalog/11111111-2222-3333-4444-555555555555"

  network = {
    vpc_id             = "vpc-0a1b2c3d"
    private_subnet_ids = ["subnet-0a1", "subnet-0b2", "subnet-0c3"]
  }
  # A new environment: there is no previous store to keep.
  allow_destroy_previous_store = true
  lambda_concurrency_quota     = 1000

  log_retention_in_days        = 60
  iam_permissions_boundary_arn = "arn:aws:iam::123456789012:policy/catalog-workload-boundary"
  aurora = {
    min_capacity          = 0.5
    max_capacity          = 8
    backup_retention_days = 14
  }

  # Placeholder zips: the plan hashes them, nothing is uploaded.
  artifacts_dir = "../../tests/fixtures/artifacts"
}

# One plan of a new aurora environment, checked area by area (one run keeps test:infra short):
# packages and environment, roles, the database and the network, the relay, the migrations.
run "aurora_deploys_a_private_encrypted_database_the_relay_and_least_privilege_functions" {
  command = plan

  assert {
    condition = (
      length(module.products_table) == 0 && length(module.idempotency_table) == 0 &&
      length(module.stream_function) == 0 && length(module.stream_processor) == 0 &&
      output.products_table_name == null && output.on_failure_queue_url == null
    )
    error_message = "With aurora (and nothing to keep) there are no tables, no stream mapping and no stream function."
  }

  assert {
    condition = output.function_names == {
      for fn in ["create-product", "delete-product", "get-product", "list-products", "put-product", "relay-product-outbox", "migrate-database"] : fn => "catalog-staging-${fn}"
    }
    error_message = "The API functions, the relay and the migration runner are deployed."
  }

  assert {
    condition = alltrue([
      for fn, hash in output.function_source_code_hashes : hash == filebase64sha256("${var.artifacts_dir}/postgres/${fn}.zip")
    ])
    error_message = "Every function must deploy its PostgreSQL package (build/functions/postgres/<name>.zip)."
  }

  assert {
    condition = alltrue([
      for fn, vars in output.function_environment_variables :
      vars.PERSISTENCE == "postgres" && vars.POSTGRES_HOST == output.database.proxy_endpoint && vars.POSTGRES_PORT == "5432" &&
      vars.POSTGRES_DATABASE == "catalog" && vars.POSTGRES_USER == "catalog" && vars.POSTGRES_AUTH == "iam" && vars.POSTGRES_SSL == "verify-full" &&
      !contains(keys(vars), "PRODUCTS_TABLE_NAME") && !contains(keys(vars), "IDEMPOTENCY_TABLE_NAME")
    ])
    error_message = "Every function gets PERSISTENCE=postgres and the PostgreSQL contract (the proxy, IAM, TLS with the certificate checked), and no table names."
  }

  assert {
    condition = (
      output.function_environment_variables["create-product"].IDEMPOTENCY_TTL_SECONDS == "86400" &&
      output.function_environment_variables["list-products"].CURSOR_SIGNING_KEY_PARAMETER == "/catalog/staging/cursor-signing-key" &&
      length([for fn, vars in output.function_environment_variables : fn if contains(keys(vars), "CURSOR_SIGNING_KEY_PARAMETER") || contains(keys(vars), "CURSOR_SIGNING_KEY")]) == 1 &&
      output.function_environment_variables["relay-product-outbox"].EVENT_BUS_NAME == "catalog-staging" &&
      output.function_environment_variables["relay-product-outbox"].EVENT_SOURCE == "catalog.products" &&
      output.function_environment_variables["relay-product-outbox"].RELAY_BATCH_SIZE == "500" &&
      output.function_environment_variables["relay-product-outbox"].RELAY_POLL_INTERVAL_MS == "100"
    )
    error_message = "create-product keeps its idempotency TTL; list-products alone is told of its cursor signing key's parameter; the relay gets the bus, the source and its loop settings."
  }

  assert {
    condition = alltrue([
      for m in values(merge(module.api_functions, { relay = module.relay_function[0], migrate = module.migrate_function[0] })) :
      m.function_vpc_config.subnet_ids == tolist(["subnet-0a1", "subnet-0b2", "subnet-0c3"]) && m.function_vpc_config.security_group_ids == tolist(["sg-0f0f0f0f"])
    ])
    error_message = "Every function runs in the private subnets with the functions' security group."
  }

  assert {
    condition = {
      for fn, m in merge(module.api_functions, { relay-product-outbox = module.relay_function[0], migrate-database = module.migrate_function[0] }) : fn => [
        for s in jsondecode(m.role_policy_json).Statement : s if !contains(["WriteOwnLogs", "WriteXRayTraces", "CreateVpcNetworkInterfaces", "ManageVpcNetworkInterfaces", "DescribeVpcNetworkInterfaces"], s.Sid)
      ]
      } == merge(
      {
        for fn in ["create-product", "delete-product", "get-product", "put-product", "migrate-database"] : fn => [
          { Sid = "ConnectToDatabase", Effect = "Allow", Action = ["rds-db:connect"], Resource = ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123456789abcdef0/catalog"] },
        ]
      },
      {
        # The cursor signing key, read through the VPC's ssm endpoint (cursor_secret.tftest.hcl for DynamoDB).
        list-products = [
          { Sid = "ConnectToDatabase", Effect = "Allow", Action = ["rds-db:connect"], Resource = ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123456789abcdef0/catalog"] },
          { Sid = "ReadCursorSigningKey", Effect = "Allow", Action = ["ssm:GetParameter"], Resource = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key"] },
          {
            Sid       = "DecryptCursorSigningKey"
            Effect    = "Allow"
            Action    = ["kms:Decrypt"]
            Resource  = [module.kms.key_arn]
            Condition = { StringEquals = { "kms:ViaService" = ["ssm.eu-west-1.amazonaws.com"], "kms:EncryptionContext:PARAMETER_ARN" = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key"] } }
          },
        ]
      },
      {
        relay-product-outbox = [
          { Sid = "ConnectToDatabase", Effect = "Allow", Action = ["rds-db:connect"], Resource = ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0123456789abcdef0/catalog"] },
          { Sid = "PublishProductEvents", Effect = "Allow", Action = ["events:PutEvents"], Resource = ["arn:aws:events:eu-west-1:123456789012:event-bus/catalog-staging"] },
          {
            Sid       = "UseEventBusKey"
            Effect    = "Allow"
            Action    = ["kms:GenerateDataKey"]
            Resource  = [module.kms.key_arn]
            Condition = { StringEquals = { "kms:EncryptionContext:aws:events:event-bus:arn" = ["arn:aws:events:eu-west-1:123456789012:event-bus/catalog-staging"] } }
          },
          { Sid = "SendToRelayDeadLetters", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = ["arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"] },
          {
            Sid       = "UseRelayDeadLettersKey"
            Effect    = "Allow"
            Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
            Resource  = [module.kms.key_arn]
            Condition = { StringEquals = { "kms:ViaService" = ["sqs.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:sqs:arn" = ["arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"] } }
          },
        ]
      },
    )
    error_message = "The API functions and the migration runner may only connect to the database, list-products also read and decrypt its cursor signing key; the relay may also publish to the bus with its key and send to its encrypted dead-letter queue."
  }

  assert {
    condition = alltrue(flatten([
      for m in merge(module.api_functions, { relay = module.relay_function[0], migrate = module.migrate_function[0] }) : [
        for s in jsondecode(m.role_policy_json).Statement : alltrue(concat(
          [for a in s.Action : !strcontains(a, "*") && !startswith(a, "dynamodb:")],
          [for r in s.Resource : contains(["WriteXRayTraces", "DescribeVpcNetworkInterfaces"], s.Sid) || (s.Sid == "WriteOwnLogs" && r == "${m.log_group_arn}:log-stream:*") || (contains(["CreateVpcNetworkInterfaces", "ManageVpcNetworkInterfaces"], s.Sid) && r == "arn:aws:ec2:eu-west-1:123456789012:network-interface/*") || !strcontains(r, "*")],
        ))
      ]
    ]))
    error_message = "No wildcard action, no DynamoDB action, and no wildcard resource beyond X-Ray, the function's log streams and the network interfaces lambda-function owns."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.relay_schedule[0].policy).Statement == [
      { Sid = "StartTheRelay", Effect = "Allow", Action = ["lambda:InvokeFunction"], Resource = ["arn:aws:lambda:eu-west-1:123456789012:function:catalog-staging-relay-product-outbox"] },
      { Sid = "SendToRelayDeadLetters", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = ["arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"] },
      {
        Sid       = "UseRelayDeadLettersKey"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = [module.kms.key_arn]
        Condition = { StringEquals = { "kms:ViaService" = ["sqs.eu-west-1.amazonaws.com"], "kms:EncryptionContext:aws:sqs:arn" = ["arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"] } }
      },
    ]
    error_message = "The schedule's role may start the relay and send what it could not start to the dead-letter queue, nothing else."
  }

  assert {
    condition = jsondecode(aws_iam_role.relay_schedule[0].assume_role_policy).Statement == [
      {
        Sid       = "SchedulerAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "scheduler.amazonaws.com" }
        Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
      },
    ]
    error_message = "Only EventBridge Scheduler may assume the schedule's role, on behalf of this account."
  }

  assert {
    condition = output.iam_role_permissions_boundaries == {
      for fn in ["create-product", "delete-product", "get-product", "list-products", "put-product", "relay-product-outbox", "migrate-database", "relay-schedule", "rds-proxy"] :
      fn => "arn:aws:iam::123456789012:policy/catalog-workload-boundary"
    }
    error_message = "Every role the service creates (functions, the schedule's, the proxy's) carries the permissions boundary."
  }

  assert {
    condition = module.database[0].encryption == {
      storage_encrypted                = true
      storage_kms_key_id               = module.kms.key_arn
      master_user_secret_kms_key_id    = module.kms.key_arn
      performance_insights_kms_key_ids = [module.kms.key_arn]
      log_group_kms_key_ids            = [module.kms.key_arn, module.kms.key_arn]
    }
    error_message = "The cluster, its master secret, Performance Insights and its logs are encrypted with the environment's key."
  }

  assert {
    condition = (
      alltrue([for i in values(module.database[0].instances) : !i.publicly_accessible && i.instance_class == "db.serverless"]) &&
      module.database[0].cluster_settings.iam_database_authentication_enabled &&
      module.database[0].proxy_settings.require_tls && module.database[0].proxy_settings.auth[0].iam_auth == "REQUIRED"
    )
    error_message = "Serverless v2 instances, never public; IAM authentication and TLS required at the proxy."
  }

  assert {
    condition = toset(concat(
      [for r in module.database[0].security_group_rules : "${r.direction} ${r.security_group_id} ${r.from_port} ${r.peer}"],
      [for r in concat(aws_vpc_security_group_egress_rule.functions_to_proxy, aws_vpc_security_group_egress_rule.functions_to_endpoints) : "egress ${r.security_group_id} ${r.from_port} ${coalesce(r.referenced_security_group_id, r.cidr_ipv4)}"],
      [for r in concat(aws_vpc_security_group_ingress_rule.endpoints_from_functions, aws_vpc_security_group_ingress_rule.endpoints_from_proxy) : "ingress ${r.security_group_id} ${r.from_port} ${coalesce(r.referenced_security_group_id, r.cidr_ipv4)}"],
      )) == toset([
      "ingress sg-0c0c0c0c 5432 sg-0b0b0b0b", # cluster <- proxy
      "ingress sg-0b0b0b0b 5432 sg-0f0f0f0f", # proxy <- functions
      "egress sg-0b0b0b0b 5432 sg-0c0c0c0c",  # proxy -> cluster
      "egress sg-0b0b0b0b 443 sg-0e0e0e0e",   # proxy -> Secrets Manager endpoint
      "egress sg-0f0f0f0f 5432 sg-0b0b0b0b",  # functions -> proxy
      "egress sg-0f0f0f0f 443 sg-0e0e0e0e",   # functions -> endpoints
      "ingress sg-0e0e0e0e 443 sg-0f0f0f0f",  # endpoints <- functions
      "ingress sg-0e0e0e0e 443 sg-0b0b0b0b",  # endpoints <- proxy
    ])
    error_message = "The cluster admits 5432 from the proxy only, the proxy from the functions only; the endpoints admit HTTPS from the functions and the proxy only; nothing opens to an address range."
  }

  assert {
    condition = alltrue([
      for g in concat(aws_security_group.functions, aws_security_group.endpoints) : length(g.ingress) == 0 && length(g.egress) == 0
    ])
    error_message = "The functions' and the endpoints' security groups carry no inline rules: every rule is one of the rule resources above."
  }

  assert {
    condition = (
      output.vpc_endpoint_services == tolist(["events", "secretsmanager", "ssm", "xray"]) &&
      alltrue([for e in values(aws_vpc_endpoint.this) : e.vpc_endpoint_type == "Interface" && e.private_dns_enabled && e.subnet_ids == toset(var.network.private_subnet_ids) && e.security_group_ids == toset(["sg-0e0e0e0e"])])
    )
    error_message = "Interface endpoints with private DNS in the private subnets for EventBridge, Secrets Manager, SSM and X-Ray, behind their own security group: no NAT needed."
  }

  assert {
    condition = output.database_protection == {
      deletion_protection     = true
      skip_final_snapshot     = false
      backup_retention_period = 14
      min_capacity            = 0.5
      max_capacity            = 8
      instances               = ["catalog-staging-0"]
    }
    error_message = "Outside dev the cluster is deletion protected and takes a final snapshot; backups and capacity follow the environment."
  }

  assert {
    condition = alltrue([
      for name in ["/aws/rds/cluster/catalog-staging/postgresql", "/aws/rds/proxy/catalog-staging", "/aws/lambda/catalog-staging-relay-product-outbox", "/aws/lambda/catalog-staging-migrate-database"] :
      contains(one([for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] if s.Sid == "AllowCloudWatchLogs"]), "arn:aws:logs:eu-west-1:123456789012:log-group:${name}")
    ]) && !contains(one([for s in jsondecode(module.kms.key_policy_json).Statement : s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] if s.Sid == "AllowCloudWatchLogs"]), "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/catalog-staging-publish-product-events")
    error_message = "CloudWatch Logs may use the key for the database's, the proxy's, the relay's and the migration runner's logs, and not for a stream function that does not exist."
  }

  assert {
    condition     = output.log_group_retention_in_days["/aws/rds/cluster/catalog-staging/postgresql"] == 60 && output.log_group_retention_in_days["/aws/rds/proxy/catalog-staging"] == 60
    error_message = "The database's logs expire with the environment's retention."
  }

  assert {
    condition = output.relay_schedule == {
      name                = "catalog-staging-relay-product-outbox"
      schedule_expression = "rate(1 minute)"
      target_arn          = "arn:aws:lambda:eu-west-1:123456789012:function:catalog-staging-relay-product-outbox"
      dead_letter_arn     = "arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"
    }
    error_message = "A one-minute schedule starts the relay and sends what it cannot start to the relay's dead-letter queue."
  }

  assert {
    condition = (
      aws_scheduler_schedule.relay[0].target[0].role_arn == aws_iam_role.relay_schedule[0].arn &&
      aws_scheduler_schedule.relay[0].state == "ENABLED" &&
      aws_scheduler_schedule.relay[0].flexible_time_window[0].mode == "OFF"
    )
    error_message = "The schedule runs with its own role, on time."
  }

  assert {
    condition = module.relay_function[0].async_invocation == {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 300
      on_failure_destination_arn   = "arn:aws:sqs:eu-west-1:123456789012:catalog-staging-relay-product-outbox-dlq"
    }
    error_message = "A failed relay invocation is not retried (the next one takes over) and lands in the dead-letter queue."
  }

  assert {
    condition     = module.relay_function[0].function_reserved_concurrent_executions == 2 && aws_sqs_queue.relay_dead_letters[0].kms_master_key_id == module.kms.key_arn
    error_message = "The relay reserves 2 executions (one running, one starting); its dead-letter queue is encrypted with the environment's key."
  }

  assert {
    condition = (
      module.monitoring.event_publishing_alarm.metric_name == "OutboxOldestAge" &&
      module.monitoring.event_publishing_alarm.treat_missing_data == "breaching" &&
      module.monitoring.dead_letter_queue_alarms["relay-dlq"].queue_name == "catalog-staging-relay-product-outbox-dlq" &&
      contains(keys(module.monitoring.alarm_arns), "catalog-staging-relay-product-outbox-errors") &&
      contains(keys(module.monitoring.alarm_arns), "catalog-staging-failed-put-events") &&
      contains(keys(module.monitoring.alarm_arns), "catalog-staging-outbox-parked") &&
      !contains(keys(module.monitoring.alarm_arns), "catalog-staging-stream-iterator-age")
    )
    error_message = "The relay alarms on its errors, on failed PutEvents, on its dead-letter queue, on parked rows and on the age of the oldest unpublished change (a silent relay included)."
  }

  assert {
    condition = (
      aws_lambda_invocation.migrate[0].function_name == module.migrate_function[0].function_name &&
      aws_lambda_invocation.migrate[0].triggers.package == filebase64sha256("${var.artifacts_dir}/postgres/migrate-database.zip")
    )
    error_message = "Terraform invokes the migration runner, again whenever its package changes."
  }

  assert {
    condition = alltrue([
      for m in values(merge(module.api_functions, { relay = module.relay_function[0] })) : m.deploy_after == tolist([aws_lambda_invocation.migrate[0].result])
    ])
    error_message = "The API functions and the relay are changed only after the migration succeeded."
  }
}

run "a_dev_database_is_disposable_a_platform_vpc_provides_the_endpoints_and_operators_may_connect" {
  command = plan

  variables {
    environment          = "dev"
    waf_web_acl_arn      = null
    create_vpc_endpoints = false
    # An operator host for a data migration between stores.
    database_operator_security_group_ids = { migration = "sg-0a0a0a0a" }
  }

  assert {
    condition     = toset([for r in module.database[0].security_group_rules : r.peer if r.direction == "ingress" && r.security_group_id == "sg-0b0b0b0b"]) == toset(["sg-0f0f0f0f", "sg-0a0a0a0a"])
    error_message = "The proxy admits the functions and the operator hosts named in database_operator_security_group_ids, nothing else."
  }

  assert {
    condition     = output.database_protection.deletion_protection == false && output.database_protection.skip_final_snapshot == true
    error_message = "In dev the cluster is not deletion protected and needs no final snapshot."
  }

  assert {
    condition = (
      length(aws_vpc_endpoint.this) == 0 && length(aws_security_group.endpoints) == 0 &&
      aws_vpc_security_group_egress_rule.functions_to_endpoints[0].cidr_ipv4 == "10.20.0.0/16" &&
      contains([for r in module.database[0].security_group_rules : r.peer if r.direction == "egress" && r.from_port == 443], "10.20.0.0/16")
    )
    error_message = "Without endpoints of its own the functions and the proxy reach the platform's endpoints over HTTPS within the VPC's range only."
  }
}

# The switch: an environment deployed on DynamoDB ...
run "an_environment_on_dynamodb" {
  command   = apply
  providers = { aws = aws.applying }

  variables {
    persistence                  = "dynamodb"
    network                      = null
    allow_destroy_previous_store = false
  }

  assert {
    condition     = length(module.products_table) == 1 && length(module.stream_function) == 1 && length(module.database) == 0
    error_message = "On DynamoDB the tables and the stream function exist, no database."
  }
}

# ... switched to aurora keeps its tables (unused: no function may touch them); with
# allow_destroy_previous_store = true they leave the configuration (the first run, a new
# environment, has none).
run "switching_to_aurora_keeps_the_tables" {
  command = plan

  variables {
    allow_destroy_previous_store = false
  }

  assert {
    condition = (
      length(module.products_table) == 1 && length(module.idempotency_table) == 1 &&
      output.products_table_name == run.an_environment_on_dynamodb.products_table_name &&
      output.idempotency_table_name == run.an_environment_on_dynamodb.idempotency_table_name &&
      output.products_table_deletion_protection_enabled == true
    )
    error_message = "Switching to aurora must keep both tables (and their deletion protection) while allow_destroy_previous_store is false."
  }

  assert {
    condition     = length(module.stream_function) == 0 && length(module.stream_processor) == 0 && length(module.database) == 1
    error_message = "The stream mapping and the stream function go; the database comes."
  }

  assert {
    condition = alltrue(flatten([
      for m in merge(module.api_functions, { relay = module.relay_function[0], migrate = module.migrate_function[0] }) : [
        for s in jsondecode(m.role_policy_json).Statement : !contains(s.Resource, module.products_table[0].table_arn) && alltrue([for a in s.Action : !startswith(a, "dynamodb:")])
      ]
    ]))
    error_message = "No function may use the kept tables."
  }
}
