# With aurora_vpc_id: what applying an Aurora environment needs beyond the DynamoDB one (ADR 0018), in
# two more policies (database; network, which also holds the relay's schedule and the functions'
# invoke settings), each under IAM's 6,144 characters. Names scope what they can: the cluster, its instances, subnet and parameter groups,
# log groups, the schedule and the functions are named after the environment; the proxy (named
# prx-<id> by RDS), security groups and endpoints (named by EC2) are managed by the environment's tags,
# in the environment's VPC. "*" only for the Describe calls, which have no resource-level permissions.

locals {
  manages_aurora  = var.aurora_vpc_id != null
  rds_arn         = "arn:${local.partition}:rds:${local.region}:${local.account_id}"
  ec2_arn         = "arn:${local.partition}:ec2:${local.region}:${local.account_id}"
  tags_on_request = { for k, v in var.resource_tags : "aws:RequestTag/${k}" => v }

  database_statements = [for s in [
    {
      sid   = "ManageOwnCluster"
      read  = ["rds:DescribeDBClusterParameterGroups", "rds:DescribeDBClusterParameters", "rds:DescribeDBClusters", "rds:DescribeDBInstances", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"]
      write = ["rds:AddTagsToResource", "rds:CreateDBCluster", "rds:CreateDBClusterParameterGroup", "rds:CreateDBClusterSnapshot", "rds:CreateDBInstance", "rds:CreateDBSubnetGroup", "rds:DeleteDBCluster", "rds:DeleteDBClusterParameterGroup", "rds:DeleteDBInstance", "rds:DeleteDBSubnetGroup", "rds:ModifyDBCluster", "rds:ModifyDBClusterParameterGroup", "rds:ModifyDBInstance", "rds:ModifyDBSubnetGroup", "rds:RemoveTagsFromResource"]
      resources = [
        "${local.rds_arn}:cluster:${local.p}", "${local.rds_arn}:db:${local.p}-*", "${local.rds_arn}:subgrp:${local.p}",
        "${local.rds_arn}:cluster-pg:${local.p}-*", "${local.rds_arn}:cluster-snapshot:${local.p}-final",
      ]
    },
    {
      # RDS names the proxy and its target group itself (prx-..., prx-tg-...): they are managed by tags.
      sid       = "ManageOwnProxy"
      read      = ["rds:DescribeDBProxies", "rds:DescribeDBProxyTargetGroups", "rds:DescribeDBProxyTargets"]
      write     = ["rds:AddTagsToResource", "rds:CreateDBProxy", "rds:DeleteDBProxy", "rds:DeregisterDBProxyTargets", "rds:ModifyDBProxy", "rds:ModifyDBProxyTargetGroup", "rds:RegisterDBProxyTargets", "rds:RemoveTagsFromResource"]
      resources = ["${local.rds_arn}:db-proxy:*", "${local.rds_arn}:target-group:*"]
      condition = { StringEquals = local.key_tags_on_resource }
    },
    {
      sid       = "CreateTaggedProxies"
      read      = []
      write     = ["rds:CreateDBProxy"]
      resources = ["${local.rds_arn}:db-proxy:*"]
      condition = { StringEquals = local.tags_on_request }
    },
    {
      # The master password: RDS creates, rotates and deletes its secret (rds!cluster-...) with the
      # deploying role's rights; the role never reads it.
      sid       = "LetRdsManageTheMasterSecret"
      read      = ["secretsmanager:DescribeSecret"]
      write     = ["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:RotateSecret", "secretsmanager:TagResource"]
      resources = ["arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:rds!cluster-*"]
      condition = { "ForAnyValue:StringEquals" = { "aws:CalledVia" = ["rds.amazonaws.com"] } }
    },
    {
      sid       = "UseOwnKeysThroughRds"
      read      = ["kms:Decrypt"]
      write     = ["kms:GenerateDataKey"]
      resources = local.own_keys
      condition = { StringEquals = merge(local.key_tags_on_resource, { "kms:ViaService" = ["rds.${local.region}.amazonaws.com", "secretsmanager.${local.region}.amazonaws.com"] }) }
    },
    {
      sid       = "CreateRdsServiceRole"
      read      = []
      write     = ["iam:CreateServiceLinkedRole"]
      resources = ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"]
      condition = { StringEquals = { "iam:AWSServiceName" = "rds.amazonaws.com" } }
    },
  ] : s if local.manages_aurora]

  network_statements = [for s in [
    {
      sid       = "DescribeNetwork"
      read      = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute", "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcs"]
      write     = []
      resources = ["*"]
    },
    {
      # Security groups, their rules and the interface endpoints, created in the environment's VPC
      # with the environment's tags, changed only while they carry them.
      sid       = "CreateTaggedNetworkResources"
      read      = []
      write     = ["ec2:CreateSecurityGroup", "ec2:CreateVpcEndpoint"]
      resources = ["${local.ec2_arn}:security-group/*", "${local.ec2_arn}:vpc-endpoint/*"]
      condition = { StringEquals = local.tags_on_request }
    },
    { sid = "UseTheEnvironmentsVpc", read = [], write = ["ec2:CreateSecurityGroup", "ec2:CreateVpcEndpoint"], resources = ["${local.ec2_arn}:vpc/${coalesce(var.aurora_vpc_id, "none")}"] },
    {
      sid       = "UseTheEnvironmentsSubnets"
      read      = []
      write     = ["ec2:CreateVpcEndpoint"]
      resources = ["${local.ec2_arn}:subnet/*", "${local.ec2_arn}:security-group/*"]
      condition = { ArnEquals = { "ec2:Vpc" = "${local.ec2_arn}:vpc/${coalesce(var.aurora_vpc_id, "none")}" } }
    },
    {
      sid       = "TagNewNetworkResources"
      read      = []
      write     = ["ec2:CreateTags"]
      resources = ["${local.ec2_arn}:security-group/*", "${local.ec2_arn}:security-group-rule/*", "${local.ec2_arn}:vpc-endpoint/*"]
      condition = { StringEquals = { "ec2:CreateAction" = ["AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "CreateSecurityGroup", "CreateVpcEndpoint"] } }
    },
    {
      sid       = "ManageOwnNetworkResources"
      read      = []
      write     = ["ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags", "ec2:DeleteSecurityGroup", "ec2:DeleteTags", "ec2:DeleteVpcEndpoints", "ec2:ModifySecurityGroupRules", "ec2:ModifyVpcEndpoint", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress", "ec2:UpdateSecurityGroupRuleDescriptionsIngress"]
      resources = ["${local.ec2_arn}:security-group/*", "${local.ec2_arn}:security-group-rule/*", "${local.ec2_arn}:vpc-endpoint/*"]
      condition = { StringEquals = local.key_tags_on_resource }
    },
    {
      sid       = "ManageTheRelaySchedule"
      read      = ["scheduler:GetSchedule"]
      write     = ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:UpdateSchedule"]
      resources = ["arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule/default/${local.p}-*"]
    },
    {
      # The relay's retry settings and on-failure destination, and the migration runner at deploy.
      sid       = "ConfigureAndInvokeOwnFunctions"
      read      = ["lambda:GetFunctionEventInvokeConfig"]
      write     = ["lambda:DeleteFunctionEventInvokeConfig", "lambda:InvokeFunction", "lambda:PutFunctionEventInvokeConfig", "lambda:UpdateFunctionEventInvokeConfig"]
      resources = local.own_functions
    },
    {
      sid       = "ManageDatabaseLogGroups"
      read      = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
      write     = ["logs:AssociateKmsKey", "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:DeleteRetentionPolicy", "logs:DisassociateKmsKey", "logs:PutRetentionPolicy", "logs:TagLogGroup", "logs:TagResource", "logs:UntagLogGroup", "logs:UntagResource"]
      resources = flatten([for g in ["/aws/rds/cluster/${local.p}/postgresql", "/aws/rds/proxy/${local.p}"] : ["${local.arn.logs}:log-group:${g}", "${local.arn.logs}:log-group:${g}:*"]])
    },
  ] : s if local.manages_aurora]
}
