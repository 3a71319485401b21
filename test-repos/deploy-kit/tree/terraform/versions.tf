terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.68"
    }
  }

  # State lives in a bucket created once by hand; see docs/operations.md.
  backend "s3" {
    key     = "deploy-kit/terraform.tfstate"
    encrypt = true
  }
}
