resource "aws_batch_job_definition" "cleanup" {
  name = "cleanup"
  type = "container"
  container_properties = jsonencode({
    image   = "public.ecr.aws/aws-cli/aws-cli:2.15.0"
    command = ["s3", "rm", "--recursive", "s3://scratch-bucket/tmp/"]
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "512" },
    ]
  })
  timeout {
    attempt_duration_seconds = 900
  }
  tags = merge(local.common_tags, {
    Name = "cleanup"
  })
}
