# What each function may do, statement by statement. The lambda-function module adds writing
# the function's own logs and X-Ray traces, and rejects wildcards in everything below.
locals {
  products_table_arn    = module.products_table.table_arn
  idempotency_table_arn = module.idempotency_table.table_arn
  key_arn               = module.kms.key_arn

  # The DynamoDB calls behind each operation of the adapters (packages/adapter-dynamodb): every
  # product write is one conditional UpdateItem (a creation, also over a tombstone; a replacement;
  # a delete, which leaves a tombstone), a read one GetItem, a page one or more Scans. Idempotency
  # claims with a conditional PutItem, completes with UpdateItem, releases with DeleteItem, and reads
  # a record it found taken with GetItem.
  repository_actions = {
    get     = ["dynamodb:GetItem"]
    list    = ["dynamodb:Scan"]
    create  = ["dynamodb:UpdateItem"]
    replace = ["dynamodb:UpdateItem"]
    delete  = ["dynamodb:UpdateItem"]
  }
  idempotency_actions = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]

  # What each API function's use case does with the products table, and the statement saying so.
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
  products_actions = {
    for fn, operations in local.repository_operations : fn => sort(distinct(flatten([for op in operations : local.repository_actions[op]])))
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
        values   = fn == "create-product" ? [module.products_table.table_name, module.idempotency_table.table_name] : [module.products_table.table_name]
      },
    ]
  }

  api_function_policies = {
    for fn, operations in local.repository_operations : fn => concat(
      [
        {
          sid       = local.products_sids[fn]
          actions   = local.products_actions[fn]
          resources = [local.products_table_arn]
        },
      ],
      fn != "create-product" ? [] : [
        {
          sid       = "UseIdempotencyRecords"
          actions   = local.idempotency_actions
          resources = [local.idempotency_table_arn]
        },
      ],
      [
        local.writes_products[fn] ? {
          sid        = "UseTableKey"
          actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
          resources  = [local.key_arn]
          conditions = local.table_key_conditions[fn]
          } : {
          sid        = "DecryptTableData"
          actions    = ["kms:Decrypt"]
          resources  = [local.key_arn]
          conditions = local.table_key_conditions[fn]
        },
      ],
      [for statement in local.read_cursor_signing_key : statement if fn == "list-products"],
    )
  }

  stream_function_policy = [
    {
      sid       = "ReadProductsStream"
      actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
      resources = [module.products_table.table_stream_arn]
    },
    {
      # Stream records are encrypted with the table's key: readable through DynamoDB, for this table.
      sid       = "DecryptProductsStream"
      actions   = ["kms:Decrypt"]
      resources = [local.key_arn]
      conditions = [
        { test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${local.region}.amazonaws.com"] },
        { test = "StringEquals", variable = "kms:EncryptionContext:aws:dynamodb:tableName", values = [module.products_table.table_name] },
      ]
    },
    {
      sid       = "PublishProductEvents"
      actions   = ["events:PutEvents"]
      resources = [module.event_bus.bus_arn]
    },
    {
      # Bound to this bus by the encryption context EventBridge uses for it.
      sid       = "UseEventBusKey"
      actions   = ["kms:GenerateDataKey"]
      resources = [local.key_arn]
      conditions = [
        { test = "StringEquals", variable = "kms:EncryptionContext:aws:events:event-bus:arn", values = [module.event_bus.bus_arn] },
      ]
    },
    {
      sid       = "SendToOnFailureQueue"
      actions   = ["sqs:SendMessage"]
      resources = [module.stream_processor.on_failure_queue_arn]
    },
    {
      sid       = "UseOnFailureQueueKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [local.key_arn]
      conditions = [
        { test = "StringEquals", variable = "kms:ViaService", values = ["sqs.${local.region}.amazonaws.com"] },
        { test = "StringEquals", variable = "kms:EncryptionContext:aws:sqs:arn", values = [module.stream_processor.on_failure_queue_arn] },
      ]
    },
  ]
}
