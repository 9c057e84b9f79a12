// API Gateway REST proxy events for the HTTP benchmark (the shape API Gateway sends, both header maps).
const requestContext = (method, resource, path) => ({
  resourceId: 'x1y2z3',
  resourcePath: resource,
  httpMethod: method,
  requestTime: '24/Nov/2026:04:36:04 +0000',
  path: `/dev${path}`,
  accountId: '123456789012',
  protocol: 'HTTP/1.1',
  stage: 'dev',
  requestTimeEpoch: 1795494964000,
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  identity: { sourceIp: '203.0.113.7', userAgent: 'bench' },
  domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
  apiId: 'abc123',
  authorizer: { principalId: 'user-1' },
});

export const proxyEvent = (
  method,
  resource,
  { pathParameters = null, headers = {}, body = null, query = null } = {},
) => {
  const path = resource.replace('{id}', pathParameters?.id ?? '');
  const all = {
    Accept: '*/*',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'bench',
    'X-Amzn-Trace-Id': 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6',
    'X-Forwarded-For': '203.0.113.7',
    'X-Forwarded-Proto': 'https',
    ...headers,
  };
  return {
    resource,
    path,
    httpMethod: method,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, [value]])),
    queryStringParameters: query,
    multiValueQueryStringParameters:
      query === null
        ? null
        : Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])),
    pathParameters,
    stageVariables: null,
    requestContext: requestContext(method, resource, path),
    body,
    isBase64Encoded: false,
  };
};
