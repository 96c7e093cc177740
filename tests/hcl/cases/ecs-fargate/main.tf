resource "aws_batch_job_definition" "ecs_pipeline" {
  name                  = "ecs-pipeline"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  ecs_properties = jsonencode({
    taskProperties = [
      {
        executionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        networkConfiguration = {
          assignPublicIp = "DISABLED"
        }
        platformVersion = "LATEST"
        containers = [
          {
            name      = "app"
            essential = true
            image     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:4.4"
            command   = ["run"]
            resourceRequirements = [
              { type = "VCPU", value = "0.75" },
              { type = "MEMORY", value = "1536" },
            ]
          },
          {
            name      = "sidecar"
            essential = false
            image     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"
            resourceRequirements = [
              { type = "VCPU", value = "0.25" },
              { type = "MEMORY", value = "512" },
            ]
          },
        ]
      },
    ]
  })
  timeout {
    attempt_duration_seconds = 3600
  }
}
