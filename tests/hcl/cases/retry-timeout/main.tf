resource "aws_batch_job_definition" "spot_worker" {
  name = "spot-worker"
  type = "container"
  container_properties = jsonencode({
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:7.0.0"
    resourceRequirements = [
      { type = "VCPU", value = "2" },
      { type = "MEMORY", value = "3072" },
    ]
  })
  retry_strategy {
    attempts = 5
    evaluate_on_exit {
      on_status_reason = "Host EC2*"
      action           = "RETRY"
    }
    evaluate_on_exit {
      on_exit_code = "137"
      action       = "RETRY"
    }
    evaluate_on_exit {
      on_reason = "*"
      action    = "EXIT"
    }
  }
  timeout {
    attempt_duration_seconds = 600
  }
  scheduling_priority = 10
}
