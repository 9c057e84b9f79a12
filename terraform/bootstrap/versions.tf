# The state bucket cannot hold its own creator's state before it exists: this root keeps a local
# state (terraform.tfstate here, git-ignored). It holds only the bucket, its key and the deploy
# roles, and can be re-imported if lost (see README).
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
