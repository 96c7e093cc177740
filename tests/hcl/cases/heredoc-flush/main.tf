resource "aws_batch_job_definition" "thumbnails" {
  name                 = "thumbnails"
  type                 = "container"
  container_properties = <<-JSON
    {
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/thumbs@sha256:0f9c2a8c4d1b5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f",
      "resourceRequirements": [
        {"type": "VCPU", "value": "1"},
        {"type": "MEMORY", "value": "1024"}
      ],
      "readonlyRootFilesystem": true,
      "environment": [
        {"name": "BUCKET", "value": "media-thumbnails"}
      ]
    }
  JSON
  propagate_tags       = true
  tags = {
    team = "media"
  }
}
