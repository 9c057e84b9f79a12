# The list cursors' signing secret: a SecureString under the environment's key, readable by
# list-products alone, decryptable only through SSM and only for this parameter.

mock_provider "aws" {
  source          = "../../tests/mocks"
  override_during = plan

  override_resource {
    target = aws_ssm_parameter.cursor_signing_key
    values = { arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key" }
  }
}

variables {
  environment            = "staging"
  authorizer_type        = "cognito"
  cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example1"]
  artifacts_dir          = "../../tests/fixtures/artifacts"
}

run "the_secret_is_a_securestring_under_the_environment_key" {
  command = plan

  assert {
    condition     = aws_ssm_parameter.cursor_signing_key.name == "/catalog/staging/cursor-signing-key"
    error_message = "The parameter must be named /<service_name>/<environment>/cursor-signing-key."
  }

  assert {
    condition     = aws_ssm_parameter.cursor_signing_key.type == "SecureString" && aws_ssm_parameter.cursor_signing_key.key_id == module.kms.key_arn
    error_message = "The signing secret must be a SecureString encrypted with the environment's customer managed key."
  }

  assert {
    condition     = aws_ssm_parameter.cursor_signing_key.value_wo_version == 1
    error_message = "The secret is written (through the write-only value_wo) once per cursor_signing_key_version, default 1, so later plans are empty."
  }
}

run "only_list_products_reads_the_secret_with_the_exact_grant" {
  command = plan

  assert {
    condition     = module.api_functions["list-products"].function_environment_variables.CURSOR_SIGNING_KEY_PARAMETER == "/catalog/staging/cursor-signing-key"
    error_message = "list-products must get the parameter's name in CURSOR_SIGNING_KEY_PARAMETER."
  }

  assert {
    condition = alltrue([
      for fn, m in module.api_functions : !contains(keys(m.function_environment_variables), "CURSOR_SIGNING_KEY_PARAMETER") && !contains(keys(m.function_environment_variables), "CURSOR_SIGNING_KEY")
      if fn != "list-products"
    ])
    error_message = "No other function may be told of the secret, and no function may get the secret itself in its environment."
  }

  assert {
    condition = [
      for s in jsondecode(module.api_functions["list-products"].role_policy_json).Statement : s
      if contains(["ReadCursorSigningKey", "DecryptCursorSigningKey"], s.Sid)
      ] == [
      {
        Sid      = "ReadCursorSigningKey"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter"]
        Resource = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key"]
      },
      {
        Sid      = "DecryptCursorSigningKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [module.kms.key_arn]
        Condition = {
          StringEquals = {
            "kms:ViaService"                      = ["ssm.eu-west-1.amazonaws.com"]
            "kms:EncryptionContext:PARAMETER_ARN" = ["arn:aws:ssm:eu-west-1:123456789012:parameter/catalog/staging/cursor-signing-key"]
          }
        }
      },
    ]
    error_message = "list-products must be granted exactly ssm:GetParameter on the parameter and kms:Decrypt on the key through SSM for this parameter."
  }

  assert {
    condition = alltrue(flatten([
      for fn, m in merge(module.api_functions, { publish-product-events = module.stream_function }) : [
        for s in jsondecode(m.role_policy_json).Statement :
        !anytrue([for a in s.Action : startswith(a, "ssm:")]) && s.Sid != "DecryptCursorSigningKey"
      ] if fn != "list-products"
    ]))
    error_message = "No function but list-products may read SSM parameters or decrypt the secret."
  }
}

run "rotation_is_a_new_version" {
  command = plan

  variables {
    cursor_signing_key_version = 2
  }

  assert {
    condition     = aws_ssm_parameter.cursor_signing_key.value_wo_version == 2
    error_message = "Raising cursor_signing_key_version must write a new secret."
  }
}

run "the_version_is_a_whole_number_from_one" {
  command = plan

  variables {
    cursor_signing_key_version = 0
  }

  expect_failures = [var.cursor_signing_key_version]
}
