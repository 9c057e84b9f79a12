# Production: deletion protection, longer log and event retention, no E2E interceptor (refused
# by validation). Replace the account ID, user pool and alarm recipients with production's own.
environment         = "prod"
aws_region          = "eu-west-1"
allowed_account_ids = ["333333333333"]

log_level             = "info"
log_retention_in_days = 90

authorizer_type        = "cognito"
cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:333333333333:userpool/eu-west-1_Example3"]

api_throttling_rate_limit  = 200
api_throttling_burst_limit = 400

# Set to false if another root already manages the API Gateway logging role of this account/region.
manage_api_gateway_account_logging = true

enable_e2e_interceptor       = false
event_archive_retention_days = 365

stream_processing = {
  maximum_retry_attempts        = 10
  maximum_record_age_in_seconds = 21600
}

alarm_email_endpoints = []

# Cap a function's concurrency once the account's limits are known, e.g.:
# function_settings = { "publish-product-events" = { reserved_concurrent_executions = 20 } }

kms_deletion_window_in_days = 30
