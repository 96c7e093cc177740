variable "image" {
  type    = string
  default = "123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:2.4.1"
}

variable "vcpus" {
  type    = number
  default = 2
}

variable "memory" {
  type    = number
  default = 4096
}

locals {
  command = ["python", "-m", "etl.run", "Ref::date"]
  module  = "etl.run"
  env     = "prod"
}
