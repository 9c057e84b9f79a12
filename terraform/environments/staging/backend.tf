# Partial configuration: bucket, key and region come from a *.tfbackend file at init time
# (terraform init -backend-config=<env>.s3.tfbackend). Locking uses an S3 lock file, no DynamoDB table.
terraform {
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }
}
