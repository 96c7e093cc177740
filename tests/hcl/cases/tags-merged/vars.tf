locals {
  common_tags = {
    owner      = "platform"
    costcenter = "cc-1234"
  }
}
