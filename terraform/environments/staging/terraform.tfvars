# Staging: production-like (deletion protection, info logs) with the E2E interceptor for the
# deployed end-to-end suite. Replace the account ID and user pool below with this environment's own.
environment         = "staging"
aws_region          = "eu-west-1"
allowed_account_ids = ["222222222222"]

log_level             = "info"
log_retention_in_days = 30

authorizer_type        = "cognito"
cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:222222222222:userpool/eu-west-1_Example2"]

api_throttling_rate_limit  = 50
api_throttling_burst_limit = 100

# Set to false if another root already manages the API Gateway logging role of this account/region.
manage_api_gateway_account_logging = true

enable_e2e_interceptor       = true
event_archive_retention_days = 30

kms_deletion_window_in_days = 30
