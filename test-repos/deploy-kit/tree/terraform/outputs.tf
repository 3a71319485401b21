output "artifact_bucket" {
  description = "Bucket name to use as ARTIFACT_BUCKET."
  value       = aws_s3_bucket.artifacts.bucket
}

output "publish_role_arn" {
  description = "Role the deploy workflow assumes to upload artifacts."
  value       = aws_iam_role.publish.arn
}
