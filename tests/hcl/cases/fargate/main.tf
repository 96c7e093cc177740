resource "aws_batch_job_definition" "api_sync" {
  name                  = "api-sync"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  container_properties = jsonencode({
    image   = "public.ecr.aws/docker/library/node:20-alpine"
    command = ["node", "sync.js"]
    resourceRequirements = [
      { type = "VCPU", value = "0.25" },
      { type = "MEMORY", value = "512" },
    ]
    executionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
    networkConfiguration = {
      assignPublicIp = "DISABLED"
    }
    fargatePlatformConfiguration = {
      platformVersion = "LATEST"
    }
    runtimePlatform = {
      operatingSystemFamily = "LINUX"
      cpuArchitecture       = "ARM64"
    }
    ephemeralStorage = {
      sizeInGiB = 40
    }
  })
  timeout {
    attempt_duration_seconds = 1800
  }
}
