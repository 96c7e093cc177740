variable "environment" {
  type    = string
  default = "staging"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

locals {
  prefix = "analytics-${var.environment}"
}
