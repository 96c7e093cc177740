resource "aws_batch_job_definition" "report" {
  name                  = "daily-report"
  type                  = "container"
  platform_capabilities = ["EC2"]
  container_properties  = <<EOF
{
  "image": "public.ecr.aws/docker/library/python:3.12-slim",
  "command": ["python", "/app/report.py", "--day", "Ref::day"],
  "resourceRequirements": [
    {"type": "VCPU", "value": "1"},
    {"type": "MEMORY", "value": "2048"}
  ],
  "mountPoints": [
    {"containerPath": "/scratch", "readOnly": false, "sourceVolume": "scratch"}
  ],
  "volumes": [
    {"name": "scratch", "host": {"sourcePath": "/mnt/scratch"}}
  ]
}
EOF
  parameters = {
    day = "yesterday"
  }
  retry_strategy {
    attempts = 3
  }
}
