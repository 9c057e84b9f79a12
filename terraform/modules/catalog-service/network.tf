# persistence = aurora: the functions run in the environment's private subnets with a security group
# of their own. They reach the proxy on 5432 and, over HTTPS, the interface endpoints of what they
# call (EventBridge for the relay, SSM for list-products' cursor key, X-Ray for traces; the proxy
# reads its credentials from Secrets Manager). CloudWatch Logs and the metrics in them need no
# endpoint (Lambda ships the logs), nor does the IAM token (signed locally). No NAT.

locals {
  vpc_endpoint_services = local.is_aurora && var.create_vpc_endpoints ? toset(["events", "secretsmanager", "ssm", "xray"]) : toset([])
}

data "aws_vpc" "this" {
  count = local.is_aurora ? 1 : 0

  id = var.network.vpc_id

  lifecycle {
    postcondition {
      condition     = self.enable_dns_support && self.enable_dns_hostnames
      error_message = "The VPC must resolve DNS names and have DNS hostnames enabled: the functions find the proxy and the interface endpoints (private DNS) by name."
    }
  }
}

resource "aws_security_group" "functions" {
  count = local.is_aurora ? 1 : 0

  name        = "${local.name}-functions"
  description = "${local.name} functions: no ingress; PostgreSQL to the RDS Proxy, HTTPS to the interface endpoints"
  vpc_id      = var.network.vpc_id

  tags = { Name = "${local.name}-functions" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "functions_to_proxy" {
  count = local.is_aurora ? 1 : 0

  security_group_id            = aws_security_group.functions[0].id
  description                  = "PostgreSQL to the RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = module.database[0].proxy_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "functions_to_endpoints" {
  count = local.is_aurora ? 1 : 0

  security_group_id            = aws_security_group.functions[0].id
  description                  = "HTTPS to the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.create_vpc_endpoints ? aws_security_group.endpoints[0].id : null
  cidr_ipv4                    = var.create_vpc_endpoints ? null : data.aws_vpc.this[0].cidr_block
}

resource "aws_security_group" "endpoints" {
  count = local.is_aurora && var.create_vpc_endpoints ? 1 : 0

  name        = "${local.name}-endpoints"
  description = "${local.name} interface endpoints: HTTPS from the functions and the RDS Proxy only"
  vpc_id      = var.network.vpc_id

  tags = { Name = "${local.name}-endpoints" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_functions" {
  count = local.is_aurora && var.create_vpc_endpoints ? 1 : 0

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the functions"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.functions[0].id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_proxy" {
  count = local.is_aurora && var.create_vpc_endpoints ? 1 : 0

  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the RDS Proxy (Secrets Manager)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = module.database[0].proxy_security_group_id
}

resource "aws_vpc_endpoint" "this" {
  for_each = local.vpc_endpoint_services

  vpc_id              = var.network.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.network.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = { Name = "${local.name}-${each.key}" }
}
