# The tables Terraform creates have the keys, attribute types, billing, stream and TTL that the DynamoDB
# adapter, its tests and the local stack create (packages/adapter-dynamodb/src/table-definitions.ts). Both
# sides are checked against one file: this test here, table-definitions.test.ts there.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan
}

variables {
  environment            = "dev"
  authorizer_type        = "cognito"
  cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1"]
  artifacts_dir          = "../../tests/fixtures/artifacts"
}

run "tables_match_the_adapter_definitions" {
  command = plan

  variables {
    shapes = jsondecode(file("../../../packages/adapter-dynamodb/src/table-shapes.json"))
  }

  assert {
    # Field by field: objects holding nulls of different types never compare equal as a whole.
    condition = (
      length(var.shapes.products) == 5 &&
      module.products_table[0].table_hash_key == var.shapes.products.hash_key &&
      module.products_table[0].table_hash_key_type == var.shapes.products.hash_key_type &&
      module.products_table[0].table_billing_mode == var.shapes.products.billing_mode &&
      module.products_table[0].table_stream_view_type == var.shapes.products.stream_view_type &&
      module.products_table[0].table_ttl_attribute_name == var.shapes.products.ttl_attribute_name
    )
    error_message = "The products table differs from packages/adapter-dynamodb/src/table-shapes.json."
  }

  assert {
    # Field by field: objects holding nulls of different types never compare equal as a whole.
    condition = (
      length(var.shapes.idempotency) == 5 &&
      module.idempotency_table[0].table_hash_key == var.shapes.idempotency.hash_key &&
      module.idempotency_table[0].table_hash_key_type == var.shapes.idempotency.hash_key_type &&
      module.idempotency_table[0].table_billing_mode == var.shapes.idempotency.billing_mode &&
      module.idempotency_table[0].table_stream_view_type == var.shapes.idempotency.stream_view_type &&
      module.idempotency_table[0].table_ttl_attribute_name == var.shapes.idempotency.ttl_attribute_name
    )
    error_message = "The idempotency table differs from packages/adapter-dynamodb/src/table-shapes.json."
  }
}
