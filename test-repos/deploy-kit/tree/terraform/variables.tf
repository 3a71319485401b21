variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "eu-central-1"
}

variable "environment" {
  description = "Deployment environment, used in names and tags."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["staging", "prod"], var.environment)
    error_message = "environment must be staging or prod."
  }
}

variable "artifact_retention_days" {
  description = "How long non-current versions of release artifacts are kept."
  type        = number
  default     = 90
}

variable "github_repository" {
  description = "owner/name of the repository allowed to publish artifacts through OIDC."
  type        = string
}
