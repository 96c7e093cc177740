resource "aws_batch_job_definition" "eks_train" {
  name = "eks-train"
  type = "container"
  eks_properties {
    pod_properties {
      host_network         = false
      service_account_name = "batch-train"
      containers {
        name    = "train"
        image   = "123456789012.dkr.ecr.us-west-2.amazonaws.com/train:3.1"
        command = ["python", "train.py"]
        args    = ["--epochs", "10"]
        env {
          name  = "EPOCHS"
          value = "10"
        }
        env {
          name  = "DATA_DIR"
          value = "/data"
        }
        resources {
          limits = {
            cpu    = "4"
            memory = "16384Mi"
          }
          requests = {
            cpu    = "4"
            memory = "16384Mi"
          }
        }
        security_context {
          run_as_user                = 1000
          run_as_non_root            = true
          read_only_root_file_system = true
        }
        volume_mounts {
          name       = "data"
          mount_path = "/data"
        }
      }
      volumes {
        name = "data"
        empty_dir {
          medium     = ""
          size_limit = "20Gi"
        }
      }
      metadata {
        labels = {
          app = "train"
        }
      }
    }
  }
  retry_strategy {
    attempts = 2
  }
  timeout {
    attempt_duration_seconds = 36000
  }
}
