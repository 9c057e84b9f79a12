# This account's values for dev. Replace the account ID and user pool with the environment's own
# before the first apply; how dev behaves (retention, interceptor, ...) is set in main.tf.
aws_region          = "eu-west-1"
allowed_account_ids = ["111111111111"]

authorizer_type        = "cognito"
cognito_user_pool_arns = ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Example1"]

# Set to false if another root already manages the API Gateway logging role of this account/region.
manage_api_gateway_account_logging = true

# The store. aurora needs this account's VPC and two or more private subnets in different
# availability zones; see docs/runbook.md (Switching persistence) before changing it.
# persistence = "aurora"
# network = {
#   vpc_id             = "vpc-0123456789abcdef0"
#   private_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
# }
