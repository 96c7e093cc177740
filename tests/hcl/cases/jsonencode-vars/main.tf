resource "aws_batch_job_definition" "etl" {
  name = "etl-nightly"
  type = "container"
  parameters = {
    date = "today"
  }
  container_properties = jsonencode({
    image   = var.image
    command = local.command
    resourceRequirements = [
      { type = "VCPU", value = tostring(var.vcpus) },
      { type = "MEMORY", value = tostring(var.memory) },
    ]
    environment = [
      { name = "STAGE", value = local.env },
      { name = "LOG_LEVEL", value = "info" },
    ]
    jobRoleArn = "arn:aws:iam::123456789012:role/etl-job"
  })
  timeout {
    attempt_duration_seconds = 7200
  }
}
