mock_provider "aws" {
  override_during = plan

  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-test-products"
      stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-test-products/stream/2025-01-01T00:00:00.000"
    }
  }
}

variables {
  name        = "catalog-test-products"
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "products_table_is_on_demand_encrypted_recoverable_and_streamed" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "The table must be on-demand."
  }

  assert {
    condition     = aws_dynamodb_table.this.hash_key == "id" && one(aws_dynamodb_table.this.attribute).type == "S"
    error_message = "The partition key must be id (S), with no sort key."
  }

  assert {
    condition     = aws_dynamodb_table.this.range_key == null
    error_message = "The products table has no sort key."
  }

  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled == true
    error_message = "Point-in-time recovery must be enabled."
  }

  assert {
    condition     = aws_dynamodb_table.this.server_side_encryption[0].enabled == true && aws_dynamodb_table.this.server_side_encryption[0].kms_key_arn == var.kms_key_arn
    error_message = "The table must be encrypted with the customer managed key."
  }

  assert {
    condition     = aws_dynamodb_table.this.stream_enabled == true && aws_dynamodb_table.this.stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "The stream must carry NEW_AND_OLD_IMAGES."
  }

  assert {
    condition     = output.table_stream_arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-test-products/stream/2025-01-01T00:00:00.000"
    error_message = "The stream ARN must be exposed."
  }

  assert {
    condition     = aws_dynamodb_table.this.deletion_protection_enabled == true
    error_message = "Deletion protection must be on by default."
  }

  assert {
    condition     = length(aws_dynamodb_table.this.ttl) == 0
    error_message = "No TTL unless asked for."
  }
}

run "idempotency_table_expires_records_and_has_no_stream" {
  command = plan

  variables {
    name                        = "catalog-test-idempotency"
    stream_enabled              = false
    ttl_attribute_name          = "expiresAt"
    deletion_protection_enabled = false
  }

  assert {
    condition     = aws_dynamodb_table.this.ttl[0].enabled == true && aws_dynamodb_table.this.ttl[0].attribute_name == "expiresAt"
    error_message = "TTL must be enabled on expiresAt."
  }

  assert {
    condition     = aws_dynamodb_table.this.stream_enabled == false && output.table_stream_arn == null
    error_message = "The idempotency table needs no stream."
  }

  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled == true && aws_dynamodb_table.this.server_side_encryption[0].kms_key_arn == var.kms_key_arn
    error_message = "PITR and KMS are not optional."
  }

  assert {
    condition     = aws_dynamodb_table.this.deletion_protection_enabled == false
    error_message = "Deletion protection must follow the variable."
  }
}

run "rejects_unknown_stream_view_types" {
  command = plan

  variables {
    stream_view_type = "EVERYTHING"
  }

  expect_failures = [var.stream_view_type]
}

run "rejects_non_kms_arns" {
  command = plan

  variables {
    kms_key_arn = "alias/aws/dynamodb"
  }

  expect_failures = [var.kms_key_arn]
}
