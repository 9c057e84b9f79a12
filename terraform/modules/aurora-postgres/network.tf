# Who may reach what: clients (the functions' security groups) reach the proxy on 5432, the proxy
# reaches the cluster on 5432 and Secrets Manager on 443, the cluster reaches nothing. Terraform
# removes the allow-all egress rule AWS puts on new security groups, so only the rules below exist.

resource "aws_security_group" "cluster" {
  name        = "${var.name}-aurora"
  description = "${var.name} Aurora PostgreSQL: PostgreSQL from the RDS Proxy only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-aurora" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "proxy" {
  name        = "${var.name}-rds-proxy"
  description = "${var.name} RDS Proxy: PostgreSQL from the service's functions only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-rds-proxy" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "cluster_from_proxy" {
  security_group_id            = aws_security_group.cluster.id
  description                  = "PostgreSQL from the RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.proxy.id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_clients" {
  for_each = var.client_security_group_ids

  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL from the service's functions"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_cluster" {
  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL to the Aurora cluster"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.cluster.id

  tags = var.tags
}

# The proxy reads the database credentials from Secrets Manager through the VPC: an interface
# endpoint's security group, or the address range where the platform's endpoints live.
resource "aws_vpc_security_group_egress_rule" "proxy_to_secrets_manager_endpoint" {
  for_each = var.secrets_manager_endpoint_security_group_ids

  security_group_id            = aws_security_group.proxy.id
  description                  = "HTTPS to the Secrets Manager endpoint"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = each.value

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_secrets_manager_cidr" {
  for_each = toset(var.secrets_manager_endpoint_cidr_blocks)

  security_group_id = aws_security_group.proxy.id
  description       = "HTTPS to the Secrets Manager endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = var.tags
}
