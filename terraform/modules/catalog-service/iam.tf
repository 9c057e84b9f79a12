# What each function may do, statement by statement. The lambda-function module adds writing
# the function's own logs and X-Ray traces (and, in a VPC, managing its network interfaces), and
# rejects wildcards in everything below.
locals {
  products_table_arn    = local.keep_tables ? module.products_table[0].table_arn : null
  products_table_name   = local.keep_tables ? module.products_table[0].table_name : null
  idempotency_table_arn = local.keep_tables ? module.idempotency_table[0].table_arn : null
  key_arn               = module.kms.key_arn

  # The calls behind each operation of the adapters, per store. DynamoDB (packages/adapter-dynamodb):
  # every product write is one conditional UpdateItem (a creation, also over a tombstone; a
  # replacement; a delete, which leaves a tombstone), a read one GetItem, a page one or more Scans;
  # idempotency claims with a conditional PutItem, completes with UpdateItem, releases with
  # DeleteItem, and reads a record it found taken with GetItem. PostgreSQL
  # (packages/adapter-postgres): IAM authorizes the session, not the statement: every operation is
  # rds-db:connect as the database user, through the proxy.
  repository_actions = {
    dynamodb = {
      get     = ["dynamodb:GetItem"]
      list    = ["dynamodb:Scan"]
      create  = ["dynamodb:UpdateItem"]
      replace = ["dynamodb:UpdateItem"]
      delete  = ["dynamodb:UpdateItem"]
    }
    aurora = {
      get     = ["rds-db:connect"]
      list    = ["rds-db:connect"]
      create  = ["rds-db:connect"]
      replace = ["rds-db:connect"]
      delete  = ["rds-db:connect"]
    }
  }
  idempotency_actions = {
    dynamodb = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    aurora   = ["rds-db:connect"]
  }

  # What each API function's use case does with the store, and the statement saying so.
  repository_operations = {
    create-product = ["create"]
    put-product    = ["create", "replace"]
    get-product    = ["get"]
    list-products  = ["list"]
    delete-product = ["delete"]
  }
  products_sids = {
    create-product = "CreateProducts"
    put-product    = "ReplaceProducts"
    get-product    = "ReadProducts"
    list-products  = "ListProducts"
    delete-product = "DeleteProducts"
  }
  store_actions = {
    for store, actions in local.repository_actions : store => {
      for fn, operations in local.repository_operations : fn => sort(distinct(flatten(concat(
        [for op in operations : actions[op]],
        fn == "create-product" && store == "aurora" ? local.idempotency_actions.aurora : [],
      ))))
    }
  }
  writes_products = { for fn, operations in local.repository_operations : fn => length(setsubtract(operations, ["get", "list"])) > 0 }

  # Tables use the customer managed key through DynamoDB only, and only for the tables the
  # function uses (DynamoDB's encryption context names the table).
  table_key_conditions = {
    for fn in keys(local.repository_operations) : fn => [
      { test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${local.region}.amazonaws.com"] },
      {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:dynamodb:tableName"
        values   = fn == "create-product" ? [local.products_table_name, local.keep_tables ? module.idempotency_table[0].table_name : null] : [local.products_table_name]
      },
    ]
  }

  dynamodb_function_policies = {
    for fn, operations in local.repository_operations : fn => concat(
      [
        {
          sid        = local.products_sids[fn]
          actions    = local.store_actions.dynamodb[fn]
          resources  = [local.products_table_arn]
          conditions = []
        },
      ],
      fn != "create-product" ? [] : [
        {
          sid        = "UseIdempotencyRecords"
          actions    = local.idempotency_actions.dynamodb
          resources  = [local.idempotency_table_arn]
          conditions = []
        },
      ],
      [
        {
          sid        = local.writes_products[fn] ? "UseTableKey" : "DecryptTableData"
          actions    = local.writes_products[fn] ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"]
          resources  = [local.key_arn]
          conditions = local.table_key_conditions[fn]
        },
      ],
      [for statement in local.read_cursor_signing_key : statement if fn == "list-products"],
    )
  }

  # The database encrypts at rest on its own side and the token is signed locally: no key grant.
  connect_to_database = {
    sid        = "ConnectToDatabase"
    actions    = ["rds-db:connect"]
    resources  = [local.is_aurora ? module.database[0].db_user_arn : null]
    conditions = []
  }
  # list-products reads its cursor signing key from SSM on either store (through the VPC's ssm
  # endpoint on aurora).
  aurora_function_policies = {
    for fn in keys(local.repository_operations) : fn => concat(
      [merge(local.connect_to_database, { actions = local.store_actions.aurora[fn] })],
      [for statement in local.read_cursor_signing_key : statement if fn == "list-products"],
    )
  }

  api_function_policies = {
    dynamodb = local.dynamodb_function_policies
    aurora   = local.aurora_function_policies
  }[var.persistence]

  # Publishing to the bus, with its key (bound to this bus by EventBridge's encryption context):
  # what the stream function and the relay share.
  publish_product_events = [
    {
      sid        = "PublishProductEvents"
      actions    = ["events:PutEvents"]
      resources  = [module.event_bus.bus_arn]
      conditions = []
    },
    {
      sid       = "UseEventBusKey"
      actions   = ["kms:GenerateDataKey"]
      resources = [local.key_arn]
      conditions = [
        { test = "StringEquals", variable = "kms:EncryptionContext:aws:events:event-bus:arn", values = [module.event_bus.bus_arn] },
      ]
    },
  ]

  # Sending to an SQS queue encrypted with the environment's key: the key through SQS, for that queue.
  send_to_queue = {
    for name, queue_arn in {
      OnFailureQueue   = local.is_aurora ? null : module.stream_processor[0].on_failure_queue_arn
      RelayDeadLetters = local.is_aurora ? aws_sqs_queue.relay_dead_letters[0].arn : null
      } : name => [
      { sid = "SendTo${name}", actions = ["sqs:SendMessage"], resources = [queue_arn], conditions = [] },
      {
        sid       = "Use${name}Key"
        actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
        resources = [local.key_arn]
        conditions = [
          { test = "StringEquals", variable = "kms:ViaService", values = ["sqs.${local.region}.amazonaws.com"] },
          { test = "StringEquals", variable = "kms:EncryptionContext:aws:sqs:arn", values = [queue_arn] },
        ]
      },
    ]
  }

  stream_function_policy = concat(
    [
      {
        sid        = "ReadProductsStream"
        actions    = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        resources  = [local.keep_tables ? module.products_table[0].table_stream_arn : null]
        conditions = []
      },
      {
        # Stream records are encrypted with the table's key: readable through DynamoDB, for this table.
        sid       = "DecryptProductsStream"
        actions   = ["kms:Decrypt"]
        resources = [local.key_arn]
        conditions = [
          { test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${local.region}.amazonaws.com"] },
          { test = "StringEquals", variable = "kms:EncryptionContext:aws:dynamodb:tableName", values = [local.products_table_name] },
        ]
      },
    ],
    local.publish_product_events,
    local.send_to_queue.OnFailureQueue,
  )

  # The relay reads and marks the outbox, publishes, and sends its failed invocations to its
  # dead-letter queue (Lambda delivers them with the function's role).
  relay_function_policy = concat(
    [local.connect_to_database],
    local.publish_product_events,
    local.send_to_queue.RelayDeadLetters,
  )

  # The migration runner only connects, as the same user (the schema's owner).
  migrate_function_policy = [local.connect_to_database]
}
