# What each function may do, statement by statement. The lambda-function module adds writing
# the function's own logs and X-Ray traces, and rejects wildcards in everything below.
locals {
  products_table_arn    = module.products_table.table_arn
  idempotency_table_arn = module.idempotency_table.table_arn
  key_arn               = module.kms.key_arn

  # Tables use the customer managed key through DynamoDB only.
  via_dynamodb = [
    { test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${local.region}.amazonaws.com"] },
  ]
  read_table_key = {
    sid        = "DecryptTableData"
    actions    = ["kms:Decrypt"]
    resources  = [local.key_arn]
    conditions = local.via_dynamodb
  }
  write_table_key = {
    sid        = "UseTableKey"
    actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources  = [local.key_arn]
    conditions = local.via_dynamodb
  }

  api_function_policies = {
    create-product = [
      {
        sid       = "CreateProducts"
        actions   = ["dynamodb:PutItem"]
        resources = [local.products_table_arn]
      },
      {
        sid       = "UseIdempotencyRecords"
        actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
        resources = [local.idempotency_table_arn]
      },
      local.write_table_key,
    ]
    put-product = [
      {
        sid       = "ReplaceProducts"
        actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
        resources = [local.products_table_arn]
      },
      local.write_table_key,
    ]
    get-product = [
      {
        sid       = "ReadProducts"
        actions   = ["dynamodb:GetItem"]
        resources = [local.products_table_arn]
      },
      local.read_table_key,
    ]
    list-products = [
      {
        sid       = "ListProducts"
        actions   = ["dynamodb:Scan"]
        resources = [local.products_table_arn]
      },
      local.read_table_key,
    ]
    delete-product = [
      {
        sid       = "DeleteProducts"
        actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
        resources = [local.products_table_arn]
      },
      local.write_table_key,
    ]
  }

  stream_function_policy = [
    {
      sid       = "ReadProductsStream"
      actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
      resources = [module.products_table.table_stream_arn]
    },
    {
      sid       = "DecryptProductsStream"
      actions   = ["kms:Decrypt"]
      resources = [local.key_arn]
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
      ]
    },
  ]
}
