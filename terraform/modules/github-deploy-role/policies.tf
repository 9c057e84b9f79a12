# What the role may do, statement by statement. Each statement lists the actions Terraform needs
# to read (refresh, plan) and to change (apply) one kind of resource, on ARNs built from the
# environment's resource prefix. "*" is used only where the action has no resource-level
# permissions, and then with a condition. In each statement, read lists what a plan needs
# (refresh, and the state lock), write what only an apply needs; access = "plan" keeps read only.

locals {
  p          = var.resource_prefix
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  arn        = { for service in ["kms", "lambda", "dynamodb", "sqs", "events", "logs", "sns", "cloudwatch", "wafv2", "ssm"] : service => "arn:${local.partition}:${service}:${local.region}:${local.account_id}" }
  iam_arn    = "arn:${local.partition}:iam::${local.account_id}"
  apigw_arn  = "arn:${local.partition}:apigateway:${local.region}:"
  ssm_path   = var.ssm_parameter_path
  is_apply   = var.access == "apply"

  own_keys       = ["${local.arn.kms}:key/*"]
  own_roles      = ["${local.iam_arn}:role/${local.p}-*"]
  own_functions  = ["${local.arn.lambda}:function:${local.p}-*"]
  own_log_groups = flatten([for g in ["/aws/lambda/${local.p}-*", "/aws/apigateway/${local.p}/*", "API-Gateway-Execution-Logs_*", "aws-waf-logs-${local.p}"] : ["${local.arn.logs}:log-group:${g}", "${local.arn.logs}:log-group:${g}:*"]])
  bus_arn        = "${local.arn.events}:event-bus/${local.p}"

  # Keys are created before their ARN is known: they are managed through the tags the environment's
  # provider puts on them.
  key_tags_on_request  = { StringEquals = { for k, v in var.resource_tags : "aws:RequestTag/${k}" => v } }
  key_tags_on_resource = { for k, v in var.resource_tags : "aws:ResourceTag/${k}" => v }
  boundary             = var.workload_permissions_boundary_arn == null ? {} : { StringEquals = { "iam:PermissionsBoundary" = var.workload_permissions_boundary_arn } }

  state_bucket_arn = "arn:${local.partition}:s3:::${var.state_bucket_name}"

  state_statements = concat(
    [
      { sid = "ListStateBucket", read = ["s3:ListBucket"], write = [], resources = [local.state_bucket_arn] },
      { sid = "ReadWriteState", read = ["s3:GetObject"], write = ["s3:PutObject"], resources = ["${local.state_bucket_arn}/${var.state_key}"] },
      # Plans take the lock too, so the lock file is writable with either access.
      { sid = "LockState", read = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], write = [], resources = ["${local.state_bucket_arn}/${var.state_key}.tflock"] },
    ],
    var.state_kms_key_arn == null ? [] : [
      {
        sid       = "UseStateKey"
        read      = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
        write     = []
        resources = [var.state_kms_key_arn]
        condition = { StringEquals = { "kms:ViaService" = "s3.${local.region}.amazonaws.com" } }
      },
    ],
  )

  data_statements = [
    {
      # CreateKey has no resource-level permissions; tagging the new key (CreateKey's Tags) is
      # authorized as kms:TagResource, and both only with the environment's tags.
      sid       = "CreateTaggedKeys"
      read      = []
      write     = ["kms:CreateKey"]
      resources = ["*"]
      condition = local.key_tags_on_request
    },
    { sid = "TagNewKeys", read = [], write = ["kms:TagResource"], resources = local.own_keys, condition = local.key_tags_on_request },
    { sid = "ListKeyAliases", read = ["kms:ListAliases"], write = [], resources = ["*"] },
    {
      sid       = "ManageOwnKeys"
      read      = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]
      write     = ["kms:CreateAlias", "kms:DeleteAlias", "kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription"]
      resources = local.own_keys
      condition = { StringEquals = local.key_tags_on_resource }
    },
    { sid = "ManageOwnKeyAliases", read = [], write = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"], resources = ["${local.arn.kms}:alias/${local.p}", "${local.arn.kms}:alias/${local.p}-*"] },
    {
      # DynamoDB tables encrypted with the key take a grant on it when they are created.
      sid       = "GrantOwnKeysToAwsServices"
      read      = []
      write     = ["kms:CreateGrant"]
      resources = local.own_keys
      condition = { Bool = { "kms:GrantIsForAWSResource" = "true" }, StringEquals = local.key_tags_on_resource }
    },
    {
      # SecureString parameters are encrypted and read back (refresh) through SSM.
      sid       = "UseOwnKeysThroughSsm"
      read      = ["kms:Decrypt"]
      write     = ["kms:Encrypt", "kms:GenerateDataKey"]
      resources = local.own_keys
      condition = { StringEquals = merge(local.key_tags_on_resource, { "kms:ViaService" = "ssm.${local.region}.amazonaws.com" }) }
    },
    {
      # Rules and targets of a CMK-encrypted bus are encrypted with the bus's key.
      sid       = "UseOwnKeysForTheBus"
      read      = ["kms:Decrypt"]
      write     = ["kms:GenerateDataKey"]
      resources = local.own_keys
      condition = { StringEquals = merge(local.key_tags_on_resource, { "kms:EncryptionContext:aws:events:event-bus:arn" = local.bus_arn }) }
    },
    {
      sid       = "ManageOwnTables"
      read      = ["dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"]
      write     = ["dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTable", "dynamodb:UpdateTimeToLive"]
      resources = ["${local.arn.dynamodb}:table/${local.p}-*"]
    },
    {
      sid       = "ManageOwnParameters"
      read      = ["ssm:GetParameter", "ssm:GetParameters", "ssm:ListTagsForResource"]
      write     = ["ssm:AddTagsToResource", "ssm:DeleteParameter", "ssm:PutParameter", "ssm:RemoveTagsFromResource"]
      resources = ["${local.arn.ssm}:parameter${trimsuffix(local.ssm_path, "/")}/*"]
    },
    { sid = "DescribeParameters", read = ["ssm:DescribeParameters"], write = [], resources = ["*"] },
    # Secrets are generated by Secrets Manager's GetRandomPassword (no resource-level permissions),
    # read at plan time by the data source.
    { sid = "GenerateSecrets", read = ["secretsmanager:GetRandomPassword"], write = [], resources = ["*"] },
  ]

  compute_statements = concat(
    [
      {
        sid       = "ReadOwnRoles"
        read      = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRolePolicies"]
        write     = ["iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"]
        resources = local.own_roles
      },
      {
        # With a workload boundary, roles are created and their policies changed only under it.
        sid       = "WriteOwnRolePolicies"
        read      = []
        write     = ["iam:CreateRole", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"]
        resources = local.own_roles
        condition = local.boundary
      },
      {
        sid       = "AttachApiGatewayLoggingPolicy"
        read      = []
        write     = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
        resources = local.own_roles
        condition = merge({ ArnEquals = { "iam:PolicyARN" = "arn:${local.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs" } }, local.boundary)
      },
      {
        sid       = "PassOwnRolesToTheirServices"
        read      = []
        write     = ["iam:PassRole"]
        resources = local.own_roles
        condition = { StringEquals = { "iam:PassedToService" = concat(["apigateway.amazonaws.com", "lambda.amazonaws.com"], local.manages_aurora ? ["rds.amazonaws.com", "scheduler.amazonaws.com"] : []) } }
      },
      {
        sid       = "ManageOwnFunctions"
        read      = ["lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:GetFunctionConcurrency", "lambda:GetFunctionConfiguration", "lambda:GetPolicy", "lambda:ListTags", "lambda:ListVersionsByFunction"]
        write     = ["lambda:AddPermission", "lambda:CreateFunction", "lambda:DeleteFunction", "lambda:DeleteFunctionConcurrency", "lambda:PutFunctionConcurrency", "lambda:RemovePermission", "lambda:TagResource", "lambda:UntagResource", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"]
        resources = local.own_functions
      },
      {
        # CreateEventSourceMapping has no resource-level permissions: the function it targets is the scope.
        sid       = "CreateOwnEventSourceMappings"
        read      = []
        write     = ["lambda:CreateEventSourceMapping"]
        resources = ["*"]
        condition = { ArnLike = { "lambda:FunctionArn" = local.own_functions } }
      },
      {
        sid       = "ManageOwnEventSourceMappings"
        read      = ["lambda:GetEventSourceMapping"]
        write     = ["lambda:DeleteEventSourceMapping", "lambda:UpdateEventSourceMapping"]
        resources = ["${local.arn.lambda}:event-source-mapping:*"]
        condition = { ArnLike = { "lambda:FunctionArn" = local.own_functions } }
      },
      { sid = "TagEventSourceMappings", read = ["lambda:ListTags"], write = ["lambda:TagResource", "lambda:UntagResource"], resources = ["${local.arn.lambda}:event-source-mapping:*"] },
    ],
    var.workload_permissions_boundary_arn == null ? [] : [
      { sid = "KeepWorkloadBoundaries", effect = "Deny", read = ["iam:DeleteRolePermissionsBoundary"], write = [], resources = local.own_roles },
    ],
    var.lambda_authorizer_function_arn == null ? [] : [
      { sid = "GrantInvokeOnTheAuthorizer", read = ["lambda:GetPolicy"], write = ["lambda:AddPermission", "lambda:RemovePermission"], resources = [var.lambda_authorizer_function_arn] },
    ],
  )

  edge_statements = [
    {
      # REST API ids are assigned at creation, so the scope is the account's REST APIs in this region.
      sid       = "ManageRestApis"
      read      = ["apigateway:GET"]
      write     = ["apigateway:DELETE", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT", "apigateway:SetWebACL"]
      resources = ["${local.apigw_arn}:/account", "${local.apigw_arn}:/restapis", "${local.apigw_arn}:/restapis/*", "${local.apigw_arn}:/tags/*"]
    },
    {
      sid       = "ManageOwnLogGroups"
      read      = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
      write     = ["logs:AssociateKmsKey", "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:DeleteRetentionPolicy", "logs:DisassociateKmsKey", "logs:PutRetentionPolicy", "logs:TagLogGroup", "logs:TagResource", "logs:UntagLogGroup", "logs:UntagResource"]
      resources = local.own_log_groups
    },
    { sid = "DescribeLogGroups", read = ["logs:DescribeLogGroups"], write = [], resources = ["${local.arn.logs}:log-group:*"] },
    {
      # WAF log delivery: resource policies and deliveries have no resource-level permissions.
      sid       = "ManageWafLogDelivery"
      read      = ["logs:DescribeResourcePolicies"]
      write     = ["logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DeleteResourcePolicy", "logs:PutResourcePolicy"]
      resources = ["*"]
    },
    {
      sid       = "ManageOwnBus"
      read      = ["events:DescribeArchive", "events:DescribeEventBus", "events:DescribeRule", "events:ListTagsForResource", "events:ListTargetsByRule"]
      write     = ["events:CreateArchive", "events:CreateEventBus", "events:DeleteArchive", "events:DeleteEventBus", "events:DeleteRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets", "events:TagResource", "events:UntagResource", "events:UpdateArchive", "events:UpdateEventBus"]
      resources = [local.bus_arn, "${local.arn.events}:rule/${local.p}/${local.p}-*", "${local.arn.events}:archive/${local.p}"]
    },
    {
      sid       = "ManageOwnQueues"
      read      = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"]
      write     = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"]
      resources = ["${local.arn.sqs}:${local.p}-*"]
    },
    {
      sid       = "ManageOwnTopic"
      read      = ["sns:GetSubscriptionAttributes", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource"]
      write     = ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetSubscriptionAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:TagResource", "sns:Unsubscribe", "sns:UntagResource"]
      resources = ["${local.arn.sns}:${local.p}-*"]
    },
    {
      sid       = "ManageOwnAlarms"
      read      = ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]
      write     = ["cloudwatch:DeleteAlarms", "cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:UntagResource"]
      resources = ["${local.arn.cloudwatch}:alarm:${local.p}-*"]
    },
    {
      sid       = "ManageOwnDashboard"
      read      = ["cloudwatch:GetDashboard"]
      write     = ["cloudwatch:DeleteDashboards", "cloudwatch:PutDashboard"]
      resources = ["arn:${local.partition}:cloudwatch::${local.account_id}:dashboard/${local.p}"]
    },
    {
      # Creating or changing an ACL that uses AWS managed rule groups is authorized on those groups too;
      # associating one is authorized on the ACL and on the API stage.
      sid   = "ManageOwnWebAcl"
      read  = ["wafv2:GetLoggingConfiguration", "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:ListTagsForResource"]
      write = ["wafv2:AssociateWebACL", "wafv2:CreateWebACL", "wafv2:DeleteLoggingConfiguration", "wafv2:DeleteWebACL", "wafv2:DisassociateWebACL", "wafv2:PutLoggingConfiguration", "wafv2:TagResource", "wafv2:UntagResource", "wafv2:UpdateWebACL"]
      resources = concat(
        ["${local.arn.wafv2}:regional/webacl/${local.p}/*", "${local.arn.wafv2}:regional/managedruleset/*/*", "${local.apigw_arn}:/restapis/*/stages/*"],
        var.attached_web_acl_arns,
      )
    },
  ]

  # One managed policy per concern keeps each under IAM's 6,144-character limit (database and network
  # only with aurora_vpc_id, database_policies.tf).
  statement_groups = {
    state    = local.state_statements
    data     = local.data_statements
    compute  = local.compute_statements
    edge     = local.edge_statements
    database = local.database_statements
    network  = local.network_statements
  }

  policy_statements = {
    for group, statements in local.statement_groups : group => [
      for s in statements : merge(
        {
          Sid      = s.sid
          Effect   = try(s.effect, "Allow")
          Action   = sort(distinct(concat(s.read, local.is_apply ? s.write : [])))
          Resource = s.resources
        },
        try(length(s.condition), 0) == 0 ? {} : { Condition = s.condition },
      ) if length(concat(s.read, local.is_apply ? s.write : [])) > 0
    ]
  }

  policy_documents = {
    for group, statements in local.policy_statements : group => jsonencode({
      Version   = "2012-10-17"
      Statement = statements
    }) if length(statements) > 0
  }
}
