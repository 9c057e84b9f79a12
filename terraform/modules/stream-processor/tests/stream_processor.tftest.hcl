mock_provider "aws" {
  override_during = plan

  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:catalog-test-publish-product-events-on-failure"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-test-publish-product-events-on-failure"
    }
  }
}

variables {
  name             = "catalog-test-publish-product-events"
  function_name    = "catalog-test-publish-product-events"
  event_source_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-test-products/stream/2025-01-01T00:00:00.000"
  kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "reports_partial_failures_bisects_and_bounds_retries" {
  command = plan

  assert {
    condition     = aws_lambda_event_source_mapping.this.function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "The mapping must honour batchItemFailures (ReportBatchItemFailures)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.bisect_batch_on_function_error == true
    error_message = "Failing batches must be bisected."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.maximum_retry_attempts == 5
    error_message = "Retries must be bounded (default 5)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.maximum_record_age_in_seconds == 3600
    error_message = "Record age must be bounded (default 1 hour)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.starting_position == "TRIM_HORIZON"
    error_message = "A new mapping must not skip retained records."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.event_source_arn == var.event_source_arn && aws_lambda_event_source_mapping.this.function_name == var.function_name
    error_message = "The mapping must connect the stream to the function."
  }
}

run "gives_up_to_an_encrypted_on_failure_queue" {
  command = plan

  assert {
    condition     = aws_lambda_event_source_mapping.this.destination_config[0].on_failure[0].destination_arn == aws_sqs_queue.on_failure.arn
    error_message = "Exhausted batches must go to the on-failure queue."
  }

  assert {
    condition     = aws_sqs_queue.on_failure.kms_master_key_id == var.kms_key_arn
    error_message = "The on-failure queue must be encrypted with the customer managed key."
  }

  assert {
    condition     = aws_sqs_queue.on_failure.message_retention_seconds == 1209600
    error_message = "Failures must be kept for the SQS maximum (14 days)."
  }

  assert {
    condition     = output.on_failure_queue_arn == "arn:aws:sqs:eu-west-1:123456789012:catalog-test-publish-product-events-on-failure"
    error_message = "The queue ARN must be exposed so the function role can be granted SendMessage."
  }
}

run "rejects_unbounded_retries_and_age" {
  command = plan

  variables {
    maximum_retry_attempts        = -1
    maximum_record_age_in_seconds = -1
  }

  expect_failures = [var.maximum_retry_attempts, var.maximum_record_age_in_seconds]
}
