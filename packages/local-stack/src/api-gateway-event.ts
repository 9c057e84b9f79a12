import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** A route of the REST API as Terraform declares it: method + resource path with `{param}` segments. */
export interface RouteDefinition {
  readonly method: string;
  readonly resource: string;
}

export interface MatchedRoute<T> {
  readonly route: RouteDefinition & { readonly target: T };
  readonly pathParameters: Record<string, string> | null;
}

/** Matches like API Gateway: literal segments equal, `{name}` takes one non-empty segment (decoded). */
export const matchRoute = <T>(
  routes: readonly (RouteDefinition & { readonly target: T })[],
  method: string,
  path: string,
): MatchedRoute<T> | 'method_not_allowed' | undefined => {
  const segments = path.split('/').filter((segment) => segment !== '');
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.resource.split('/').filter((segment) => segment !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index]!;
      const param = /^\{(\w+)\}$/.exec(part);
      if (param) {
        params[param[1]!] = safeDecode(segment);
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    pathMatched = true;
    if (route.method === method) {
      return { route, pathParameters: Object.keys(params).length > 0 ? params : null };
    }
  }
  return pathMatched ? 'method_not_allowed' : undefined;
};

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const isTextual = (contentType: string | undefined): boolean =>
  contentType === undefined ||
  /^(text\/|application\/([\w.+-]*json|xml|x-www-form-urlencoded))/i.test(contentType);

export interface IncomingRequest {
  readonly method: string;
  /** The URL with the stage prefix removed: what API Gateway passes as `path`. */
  readonly url: URL;
  /** The path as the client sent it, stage prefix included (API Gateway's `requestContext.path`). */
  readonly clientPath: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** What API Gateway knows of the request beyond the HTTP message itself. */
export interface GatewayContext {
  readonly stage: string;
  readonly requestId: string;
  /** What the authorizer passes on: `{ claims }` for a Cognito user pool authorizer. */
  readonly authorizer: Record<string, unknown> | null;
}

/** Builds the REST API (v1) Lambda proxy event API Gateway would send for this request. */
export const toProxyEvent = (
  request: IncomingRequest,
  matched: MatchedRoute<unknown>,
  { stage, requestId, authorizer }: GatewayContext,
): APIGatewayProxyEvent => {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    const value = request.rawHeaders[i + 1]!;
    headers[name] = value; // API Gateway keeps the last value in `headers`
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasBody = request.body.length > 0;
  const binary = hasBody && !isTextual(request.headers['content-type']);
  const now = new Date();
  return {
    resource: matched.route.resource,
    path: request.url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
    pathParameters: matched.pathParameters,
    stageVariables: null,
    body: hasBody ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer,
      domainName: request.headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      extendedRequestId: randomUUID(),
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
      path: request.clientPath,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: matched.route.resource,
      stage,
    },
  };
};

export interface OutgoingResponse {
  readonly statusCode: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** Turns a proxy result into what API Gateway would answer (single and multi-value headers, base64 bodies). */
export const fromProxyResult = (result: APIGatewayProxyResult): OutgoingResponse => {
  const headers: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    for (const value of values) headers.push([name, String(value)]);
    seen.add(name.toLowerCase());
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (!seen.has(name.toLowerCase())) headers.push([name, String(value)]);
  }
  const body = Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
};
