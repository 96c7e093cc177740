resource "aws_batch_job_definition" "aggregate" {
  name = "${local.prefix}-aggregate"
  type = "container"
  container_properties = jsonencode({
    image   = "${var.account_id}.dkr.ecr.us-east-1.amazonaws.com/aggregate:1.0.3"
    command = ["aggregate", "--bucket", "s3://${local.prefix}-data/in"]
    resourceRequirements = [
      { type = "VCPU", value = "4" },
      { type = "MEMORY", value = "8192" },
    ]
    executionRoleArn = "arn:aws:iam::${var.account_id}:role/batch-exec"
    jobRoleArn       = "arn:aws:iam::${var.account_id}:role/${local.prefix}-job"
  })
  tags = {
    Environment = var.environment
    Name        = "${local.prefix}-aggregate"
  }
}
