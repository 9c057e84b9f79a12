mock_provider "aws" {
  override_during = plan

  mock_resource "aws_cloudwatch_event_bus" {
    defaults = {
      arn = "arn:aws:events:eu-west-1:123456789012:event-bus/catalog-test"
    }
  }

  mock_resource "aws_cloudwatch_event_rule" {
    defaults = {
      arn = "arn:aws:events:eu-west-1:123456789012:rule/catalog-test/catalog-test-interceptor"
    }
  }

  # Distinct queues, so each policy can be checked against its own queue.
  override_resource {
    target = aws_sqs_queue.interceptor
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-interceptor"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-interceptor"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-interceptor"
    }
  }

  override_resource {
    target = aws_sqs_queue.dead_letter
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-dlq"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-dlq"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-dlq"
    }
  }
}

variables {
  name        = "catalog-test"
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "bus_is_encrypted_and_archived_without_interceptor_by_default" {
  command = plan

  assert {
    condition     = aws_cloudwatch_event_bus.this.kms_key_identifier == var.kms_key_arn
    error_message = "The bus must be encrypted with the customer managed key."
  }

  assert {
    condition     = length(aws_cloudwatch_event_archive.this) == 1 && aws_cloudwatch_event_archive.this[0].retention_days == 30
    error_message = "The bus must be archived (30 days by default)."
  }

  assert {
    condition     = aws_cloudwatch_event_archive.this[0].event_source_arn == aws_cloudwatch_event_bus.this.arn
    error_message = "The archive must record this bus."
  }

  assert {
    condition     = length(aws_sqs_queue.interceptor) == 0 && length(aws_cloudwatch_event_rule.interceptor) == 0 && output.interceptor_queue_url == null
    error_message = "No interceptor unless asked for."
  }
}

run "events_the_bus_cannot_process_go_to_an_encrypted_dead_letter_queue" {
  command = plan

  assert {
    condition     = output.bus_dead_letter_queue_arn == "arn:aws:sqs:eu-west-1:123456789012:catalog-test-dlq"
    error_message = "The bus must send events it cannot encrypt or decrypt to its dead-letter queue."
  }

  assert {
    condition     = output.dead_letter_queue_name == "catalog-test-dlq" && output.dead_letter_queue_kms_key_arn == var.kms_key_arn
    error_message = "The dead-letter queue is <name>-dlq, encrypted with the bus key unless another key is given."
  }

  assert {
    condition     = aws_sqs_queue.dead_letter.message_retention_seconds == 1209600
    error_message = "Dead letters must be kept for the SQS maximum (14 days)."
  }

  assert {
    condition = jsondecode(output.dead_letter_queue_policy_json).Statement == [
      {
        Sid       = "AllowEventBridgeDeadLetters"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-dlq"
        Condition = { ArnEquals = { "aws:SourceArn" = ["arn:aws:events:eu-west-1:123456789012:event-bus/catalog-test"] } }
      },
    ]
    error_message = "Only this bus may send to the dead-letter queue when there is no interceptor."
  }
}

run "the_dead_letter_queue_can_have_its_own_key" {
  command = plan

  variables {
    dead_letter_queue_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/99999999-2222-3333-4444-555555555555"
  }

  assert {
    condition     = output.dead_letter_queue_kms_key_arn == var.dead_letter_queue_kms_key_arn && output.bus_kms_key_arn == var.kms_key_arn
    error_message = "The dead-letter queue must use its own key when one is given, the bus its key."
  }
}

run "interceptor_copies_source_events_into_an_encrypted_queue" {
  command = plan

  variables {
    create_interceptor  = true
    interceptor_sources = ["catalog.products"]
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.interceptor[0].event_pattern) == { source = ["catalog.products"] }
    error_message = "The rule must match source = catalog.products."
  }

  assert {
    condition     = aws_cloudwatch_event_rule.interceptor[0].event_bus_name == "catalog-test"
    error_message = "The rule must live on the custom bus."
  }

  assert {
    condition     = aws_sqs_queue.interceptor[0].kms_master_key_id == var.kms_key_arn && output.interceptor_queue_name == "catalog-test-interceptor"
    error_message = "The interceptor queue is <name>-interceptor, KMS encrypted."
  }

  assert {
    condition     = aws_cloudwatch_event_target.interceptor[0].arn == aws_sqs_queue.interceptor[0].arn
    error_message = "The rule must target the queue."
  }

  assert {
    condition = jsondecode(output.interceptor_queue_policy_json).Statement == [
      {
        Sid       = "AllowInterceptorRule"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-interceptor"
        Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:events:eu-west-1:123456789012:rule/catalog-test/catalog-test-interceptor" } }
      },
    ]
    error_message = "Only the interceptor rule may send to the interceptor queue."
  }

  assert {
    condition     = output.interceptor_target_dead_letter_queue_arn == "arn:aws:sqs:eu-west-1:123456789012:catalog-test-dlq"
    error_message = "Deliveries the interceptor queue refuses must go to the dead-letter queue."
  }

  assert {
    condition = one(jsondecode(output.dead_letter_queue_policy_json).Statement).Condition.ArnEquals["aws:SourceArn"] == [
      "arn:aws:events:eu-west-1:123456789012:event-bus/catalog-test",
      "arn:aws:events:eu-west-1:123456789012:rule/catalog-test/catalog-test-interceptor",
    ]
    error_message = "The bus and the interceptor rule, and nothing else, may send to the dead-letter queue."
  }

  assert {
    condition     = output.interceptor_queue_url == "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-interceptor"
    error_message = "The queue URL must be an output."
  }
}

run "archive_can_be_disabled" {
  command = plan

  variables {
    archive_retention_days = null
  }

  assert {
    condition     = length(aws_cloudwatch_event_archive.this) == 0 && output.archive_arn == null
    error_message = "A null retention disables the archive."
  }
}

run "interceptor_needs_sources" {
  command = plan

  variables {
    create_interceptor = true
  }

  expect_failures = [var.interceptor_sources]
}
