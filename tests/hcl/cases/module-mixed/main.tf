terraform {
  required_version = ">= 1.5"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "job" {
  name               = "mixed-job"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_batch_job_definition" "first" {
  name = "mixed-first"
  type = "container"
  container_properties = jsonencode({
    image      = "busybox:1.36"
    command    = ["echo", "first"]
    jobRoleArn = aws_iam_role.job.arn
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "512" },
    ]
  })
}

resource "aws_batch_job_definition" "second" {
  name = "mixed-second"
  type = "container"
  container_properties = jsonencode({
    image   = "busybox:1.36"
    command = ["echo", "second"]
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "1024" },
    ]
    linuxParameters = {
      initProcessEnabled = true
      sharedMemorySize   = 64
    }
    ulimits = [
      { name = "nofile", softLimit = 1024, hardLimit = 4096 },
    ]
  })
  deregister_on_new_revision = false
}
