# Development: disposable data (no deletion protection), verbose logs, E2E interceptor on.
# Replace the account ID and user pool below with this environment's own before the first apply.
environment         = "dev"
aws_region          = "eu-west-1"
allowed_account_ids = ["111111111111"]

log_level             = "debug"
log_retention_in_days = 14

authorizer_type        = "cognito"
cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Example1"]

api_throttling_rate_limit  = 20
api_throttling_burst_limit = 40

# Set to false if another root already manages the API Gateway logging role of this account/region.
manage_api_gateway_account_logging = true

enable_e2e_interceptor       = true
event_archive_retention_days = 7

kms_deletion_window_in_days = 7
