resource "aws_batch_job_definition" "mpi" {
  name = "mpi-solver"
  type = "multinode"
  node_properties = jsonencode({
    mainNode = 0
    numNodes = 4
    nodeRangeProperties = [
      {
        targetNodes = "0"
        container = {
          image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/solver:5.2"
          command = ["/opt/solver/bin/main", "--nodes", "4"]
          resourceRequirements = [
            { type = "VCPU", value = "16" },
            { type = "MEMORY", value = "61440" },
          ]
          instanceType = "c5n.4xlarge"
        }
      },
      {
        targetNodes = "1:"
        container = {
          image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/solver:5.2"
          command = ["/opt/solver/bin/worker"]
          resourceRequirements = [
            { type = "VCPU", value = "16" },
            { type = "MEMORY", value = "61440" },
          ]
          instanceType = "c5n.4xlarge"
        }
      },
    ]
  })
  timeout {
    attempt_duration_seconds = 86400
  }
}
