# This account's values. Replace them with the account's own before the first apply; one apply
# per account, listing the environments deployed to it.
aws_region          = "eu-west-1"
allowed_account_ids = ["111111111111"]
environments        = ["dev"]

# owner/name of the repository whose GitHub Actions deploy here; null creates no roles.
github_repository = "acme/catalog"
