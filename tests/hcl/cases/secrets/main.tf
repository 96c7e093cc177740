resource "aws_batch_job_definition" "db_backup" {
  name                  = "db-backup"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  container_properties = jsonencode({
    image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/pg-backup:16.2"
    command = ["backup.sh"]
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
    executionRoleArn = "arn:aws:iam::123456789012:role/backup-exec"
    jobRoleArn       = "arn:aws:iam::123456789012:role/backup-job"
    secrets = [
      { name = "PGPASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf" },
      { name = "PGUSER", valueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/user" },
    ]
    environment = [
      { name = "PGHOST", value = "db.internal.example.com" },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = "/batch/db-backup"
        "awslogs-stream-prefix" = "backup"
      }
    }
  })
  timeout {
    attempt_duration_seconds = 3600
  }
}
