terraform {
  required_version = ">= 1.11" # write-only attributes (cursor-secret.tf)

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}
