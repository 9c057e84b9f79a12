# This account's values for prod. Replace the account ID, user pool and alarm recipients with
# production's own before the first apply; how prod behaves (retention, retries, ...) is set in main.tf.
aws_region          = "eu-west-1"
allowed_account_ids = ["333333333333"]

authorizer_type        = "cognito"
cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:333333333333:userpool/eu-west-1_Example3"]

# Set to false if another root already manages the API Gateway logging role of this account/region.
manage_api_gateway_account_logging = true

# Who is paged: prod refuses to plan without at least one address (each must confirm the subscription).
alarm_email_endpoints = ["catalog-oncall@example.com"]

# The store. aurora needs this account's VPC and two or more private subnets in different
# availability zones; see docs/runbook.md (Switching persistence) before changing it.
# persistence = "aurora"
# network = {
#   vpc_id             = "vpc-0123456789abcdef0"
#   private_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
# }

# Aurora readers (failover targets) besides the writer: required, at least one in prod.
aurora_reader_count = 1
