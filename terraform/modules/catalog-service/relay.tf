# persistence = aurora: relay-product-outbox turns the outbox's rows into product events (ADR 0013).
# A one-minute schedule starts an invocation that drains the outbox in a loop until it nears its
# 65 s timeout; invocations that fail (Scheduler could not start one, or Lambda gave up on one) land
# in an encrypted dead-letter queue that alarms on its first message.

locals {
  relay_environment = merge(local.common_environment, local.postgres_environment, {
    EVENT_BUS_NAME         = module.event_bus.bus_name
    EVENT_SOURCE           = var.event_source
    RELAY_BATCH_SIZE       = tostring(var.relay.batch_size)
    RELAY_POLL_INTERVAL_MS = tostring(var.relay.poll_interval_ms)
  })
  relay_schedule_name = "${local.name}-${local.relay_function}"
}

resource "aws_sqs_queue" "relay_dead_letters" {
  count = local.is_aurora ? 1 : 0

  name                              = "${local.name}-${local.relay_function}-dlq"
  kms_master_key_id                 = module.kms.key_arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600
}

module "relay_function" {
  source = "../lambda-function"
  count  = local.is_aurora ? 1 : 0

  function_name = "${local.name}-${local.relay_function}"
  description   = "Publishes product changes from the ${local.name} PostgreSQL outbox to the ${local.name} EventBridge bus"
  filename      = "${local.packages_dir}/${local.relay_function}.zip"

  memory_size = coalesce(try(var.function_settings[local.relay_function].memory_size, null), 512)
  # The invocation drains until 5 s remain (ADR 0013): 65 s leaves it a minute, one schedule period.
  timeout                        = coalesce(try(var.function_settings[local.relay_function].timeout, null), 65)
  reserved_concurrent_executions = coalesce(try(var.function_settings[local.relay_function].reserved_concurrent_executions, null), 2)

  environment_variables = local.relay_environment
  policy_statements     = local.relay_function_policy
  vpc_config            = local.function_vpc_config
  deploy_after          = local.deploy_after_migration

  # A failed invocation is not retried: the next one starts within a minute and takes over its rows.
  async_invocation = {
    maximum_retry_attempts       = 0
    maximum_event_age_in_seconds = 300
    on_failure_destination_arn   = aws_sqs_queue.relay_dead_letters[0].arn
  }

  log_retention_in_days         = var.log_retention_in_days
  log_kms_key_arn               = module.kms.key_arn
  role_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

# The schedule's own role: it may start the relay and report what it could not start, nothing else.
resource "aws_iam_role" "relay_schedule" {
  count = local.is_aurora ? 1 : 0

  name                 = local.relay_schedule_name
  permissions_boundary = var.iam_permissions_boundary_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "SchedulerAssumeRole"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "scheduler.amazonaws.com" }
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "relay_schedule" {
  count = local.is_aurora ? 1 : 0

  name = "${local.relay_schedule_name}-least-privilege"
  role = aws_iam_role.relay_schedule[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "StartTheRelay"
          Effect   = "Allow"
          Action   = ["lambda:InvokeFunction"]
          Resource = [module.relay_function[0].function_arn]
        },
      ],
      [
        for s in local.send_to_queue.RelayDeadLetters : merge(
          { Sid = s.sid, Effect = "Allow", Action = s.actions, Resource = s.resources },
          length(s.conditions) == 0 ? {} : { Condition = { StringEquals = { for c in s.conditions : c.variable => c.values } } },
        )
      ],
    )
  })
}

resource "aws_scheduler_schedule" "relay" {
  #checkov:skip=CKV_AWS_297:The schedule holds no data, only its target's ARN, role and retry settings; the events it causes are encrypted with the environment's key on the bus.
  count = local.is_aurora ? 1 : 0

  name                = local.relay_schedule_name
  description         = "Starts ${module.relay_function[0].function_name} every minute; each invocation drains the outbox for about a minute"
  schedule_expression = "rate(1 minute)"
  state               = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.relay_function[0].function_arn
    role_arn = aws_iam_role.relay_schedule[0].arn

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 60
    }

    dead_letter_config {
      arn = aws_sqs_queue.relay_dead_letters[0].arn
    }
  }

  # The schedule must never start the relay before its role may do so.
  depends_on = [aws_iam_role_policy.relay_schedule]
}
