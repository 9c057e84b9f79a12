import { PassThrough } from 'node:stream';
import { Clock, IdGenerator, IdempotencyStore, ProductRepository } from '@catalog/ports';
import { ApiContract } from '@catalog/testkit/openapi';
import {
  InMemoryIdempotencyStore,
  InMemoryProductRepository,
  ManualClock,
  SequentialIdGenerator,
} from '@catalog/testkit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Container } from 'inversify';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
} from '../bindings/api-routes';
import { observabilityModule } from '../bindings/observability';
import type { ApiHandler } from './edge';

type Values = Readonly<Record<string, string | readonly string[]>>;

export interface EventOptions {
  readonly headers?: Values;
  readonly query?: Values;
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** An object is sent as JSON (with Content-Type: application/json unless headers say otherwise). */
  readonly body?: string | object;
  readonly base64?: boolean;
  /**
   * What stands before the resource path in `requestContext.path`: `/dev` (the default) for the stage
   * invoke URL, `''` for a custom domain mapped without a base path, `/shop` for one with base path `shop`;
   * null leaves `requestContext.path` out.
   */
  readonly pathPrefix?: string | null;
}

const splitValues = (values: Values | undefined) => {
  if (values === undefined) return { single: null, multi: null };
  const entries = Object.entries(values).map(
    ([name, value]) => [name, typeof value === 'string' ? [value] : [...value]] as const,
  );
  return {
    single: Object.fromEntries(entries.map(([name, list]) => [name, list.at(-1)])),
    multi: Object.fromEntries(entries),
  };
};

/**
 * An API Gateway REST API Lambda proxy event as API Gateway sends it (v1 payload): both header maps, the
 * stage-prefixed request context, null for absent maps, the body as a string (base64 when asked).
 */
export const apiEvent = (
  method: string,
  resource: string,
  options: EventOptions = {},
): APIGatewayProxyEvent => {
  const path = resource.replace(/\{(\w+)\}/g, (_, name: string) => options.pathParameters?.[name] ?? '');
  const isJsonObject = typeof options.body === 'object';
  const text = options.body === undefined ? null : isJsonObject ? JSON.stringify(options.body) : options.body;
  const given = options.headers ?? {};
  const defaults = Object.entries({
    Accept: '*/*',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'curl/8.5.0',
    'X-Amzn-Trace-Id': 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6',
    'X-Forwarded-For': '203.0.113.7',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...(isJsonObject ? { 'Content-Type': 'application/json' } : {}),
  }).filter(([name]) => !Object.keys(given).some((key) => key.toLowerCase() === name.toLowerCase()));
  const headers = splitValues({ ...Object.fromEntries(defaults), ...given });
  const query = splitValues(options.query);
  const body = text === null ? null : options.base64 ? Buffer.from(text, 'utf8').toString('base64') : text;
  const event: APIGatewayProxyEvent = {
    resource,
    path,
    httpMethod: method,
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      resourceId: 'x1y2z3',
      resourcePath: resource,
      httpMethod: method,
      extendedRequestId: 'CtVbHFYmjoEFbYQ=',
      requestTime: '24/Nov/2026:04:36:04 +0000',
      path: `${options.pathPrefix ?? '/dev'}${path}`,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'dev',
      domainPrefix: 'abc123',
      requestTimeEpoch: 1795494964000,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
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
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'curl/8.5.0',
        userArn: null,
      },
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      apiId: 'abc123',
      authorizer: { principalId: 'user-1', integrationLatency: 12 },
    },
    body,
    isBase64Encoded: options.base64 === true,
  };
  // Some callers (test doubles, older integrations) send no requestContext.path at all.
  if (options.pathPrefix === null) delete (event.requestContext as { path?: string }).path;
  return event;
};

export const lambdaContext = (functionName: string) => ({ awsRequestId: 'lambda-request-1', functionName });

export interface Invocation {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The parsed JSON body (undefined for an empty body: 204, 304). */
  readonly body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly raw: APIGatewayProxyResult;
}

// Every response a handler gives in these tests is checked against docs/api/openapi.yaml: status, headers
// (each one the function sends must be declared) and body. A response the spec does not describe fails.
const contract = await ApiContract.load();

const OPERATION_IDS: Readonly<Record<string, string>> = {
  'create-product': 'createProduct',
  'put-product': 'putProduct',
  'get-product': 'getProduct',
  'list-products': 'listProducts',
  'delete-product': 'deleteProduct',
};

/** The five routes on in-memory ports, with the log lines and EMF documents they write. */
export const apiWorld = () => {
  const clock = new ManualClock('2026-05-01T12:00:00.000Z');
  const idempotency = new InMemoryIdempotencyStore(clock);
  const products = new InMemoryProductRepository(undefined, idempotency);
  const logLines: Record<string, unknown>[] = [];
  const metricLines: Record<string, unknown>[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      logLines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(
      { serviceName: 'catalog-test', logLevel: 'debug', metricsNamespace: 'Catalog' },
      { logStream, writeMetrics: (line) => metricLines.push(JSON.parse(line) as Record<string, unknown>) },
    ),
  );
  ports.bind(Clock).toConstantValue(clock);
  ports.bind(IdGenerator).toConstantValue(new SequentialIdGenerator());
  ports.bind(ProductRepository).toConstantValue(products);
  ports.bind(IdempotencyStore).toConstantValue(idempotency);
  const wrap =
    (name: string, handler: ApiHandler) =>
    async (event: APIGatewayProxyEvent): Promise<Invocation> => {
      const raw = await handler(event, lambdaContext(name));
      const headers = Object.fromEntries(
        Object.entries(raw.headers ?? {}).map(([key, value]) => [key, String(value)]),
      );
      contract.assert({
        operationId: OPERATION_IDS[name] ?? name,
        status: raw.statusCode,
        headers,
        body: raw.body,
      });
      return {
        status: raw.statusCode,
        headers,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        body: (raw.body === '' ? undefined : JSON.parse(raw.body)) as Record<string, any>,
        raw,
      };
    };
  const handlers = {
    createProduct: wrap('create-product', buildCreateProductHandler(ports)),
    putProduct: wrap('put-product', buildPutProductHandler(ports)),
    getProduct: wrap('get-product', buildGetProductHandler(ports)),
    listProducts: wrap('list-products', buildListProductsHandler(ports)),
    deleteProduct: wrap('delete-product', buildDeleteProductHandler(ports)),
  };
  /** Lets the logger's stream deliver what was written so far. */
  const flushLogs = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { ...handlers, ports, clock, products, idempotency, logLines, metricLines, flushLogs };
};

export const cup = { name: 'Cup', description: 'White', price: { amount: 450, currency: 'EUR' } };
export const PRODUCT_ID = '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60';
export const ITEM = '/api/products/{id}';
export const COLLECTION = '/api/products';

/** A request every route refuses with 400 before touching a store (bad id, bad limit, no body). */
export const refusedEvent = apiEvent('GET', ITEM, { pathParameters: { id: '42' }, query: { limit: '0' } });
