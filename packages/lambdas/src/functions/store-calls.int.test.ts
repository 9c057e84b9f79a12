import { Writable } from 'node:stream';
import {
  idempotencyTableDefinition,
  idempotencyTimeToLive,
  productsTableDefinition,
} from '@catalog/adapter-dynamodb';
import {
  startCountingDynamoDbProxy,
  useDynamoDbTable,
  type CountingDynamoDbProxy,
  type DynamoDbCall,
} from '@catalog/testkit/dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
} from '../bindings/api-routes';
import {
  createProductPorts,
  deleteProductPorts,
  getProductPorts,
  listProductsPorts,
  putProductPorts,
} from '../bindings/roots';
import type { ApiHandler } from '../http/edge';
import { apiEvent, COLLECTION, cup, ITEM } from '../http/api-gateway.test-support';

// Store round trips per request, counted by a proxy in front of DynamoDB Local that records every DynamoDB
// API call (X-Amz-Target) of the real handlers, built by their own composition roots. What is counted:
// every call to either table, the idempotency table's included (an SDK retry would count as a call too).
// The rule (product brief, "Targets"): one call on the common paths, at most two otherwise.

const products = useDynamoDbTable(productsTableDefinition, { prefix: 'calls-products' });
const idempotency = useDynamoDbTable(idempotencyTableDefinition, {
  prefix: 'calls-idempotency',
  timeToLive: idempotencyTimeToLive,
});

let proxy: CountingDynamoDbProxy;
const handlers = new Map<string, ApiHandler>();

beforeAll(async () => {
  proxy = await startCountingDynamoDbProxy(products.endpoint);
  const env = {
    PRODUCTS_TABLE_NAME: products.name,
    IDEMPOTENCY_TABLE_NAME: idempotency.name,
    DYNAMODB_ENDPOINT: proxy.endpoint,
    AWS_REGION: 'eu-west-1',
  };
  const quiet = { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) };
  handlers.set('create', buildCreateProductHandler(createProductPorts(env, quiet)));
  handlers.set('put', buildPutProductHandler(putProductPorts(env, quiet)));
  handlers.set('get', buildGetProductHandler(getProductPorts(env, quiet)));
  // list-products signs its cursors with the environment's secret (read from SSM at init in Lambda, which
  // is not a store call); here it is given directly.
  const listEnv = { ...env, CURSOR_SIGNING_KEY: 'store-calls-cursor-signing-key-0123456789' };
  handlers.set('list', buildListProductsHandler(listProductsPorts(listEnv, quiet)));
  handlers.set('delete', buildDeleteProductHandler(deleteProductPorts(env, quiet)));
});

afterAll(async () => {
  await proxy.close();
});

interface Counted {
  readonly result: APIGatewayProxyResult;
  readonly calls: readonly DynamoDbCall[];
}

const send = async (route: string, event: APIGatewayProxyEvent): Promise<Counted> => {
  proxy.take();
  const result = await handlers.get(route)!(event, { awsRequestId: 'calls', functionName: route });
  return { result, calls: proxy.take() };
};

const tableLabel = (table: string) =>
  table
    .split(',')
    .map((name) => (name === products.name ? 'products' : name === idempotency.name ? 'idempotency' : name))
    .join('+');
const operations = ({ calls }: Counted) =>
  calls.map(({ operation, table }) => `${operation} ${tableLabel(table)}`);

const item = (id: string, headers: Record<string, string> = {}, body?: object) =>
  apiEvent('PUT', ITEM, { pathParameters: { id }, headers, ...(body === undefined ? {} : { body }) });

const created = async (): Promise<string> => {
  const { result } = await send('create', apiEvent('POST', COLLECTION, { body: cup }));
  expect(result.statusCode).toBe(201);
  return (JSON.parse(result.body) as { id: string }).id;
};

describe('store calls per request, counted in front of DynamoDB Local', () => {
  it('POST without an Idempotency-Key: one call', async () => {
    const post = await send('create', apiEvent('POST', COLLECTION, { body: cup }));
    expect(post.result.statusCode).toBe(201);
    expect(operations(post)).toEqual(['UpdateItem products']);
  });

  it('POST with an Idempotency-Key: at most two calls, idempotency table included; a replay one', async () => {
    const event = apiEvent('POST', COLLECTION, {
      body: cup,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const first = await send('create', event);
    expect(first.result.statusCode).toBe(201);
    // The claim, then the product created together with the claim's completion in one transaction.
    expect(operations(first)).toEqual(['PutItem idempotency', 'TransactWriteItems products+idempotency']);
    const replay = await send('create', event);
    expect(replay.result.headers?.['Idempotent-Replayed']).toBe('true');
    expect(operations(replay)).toEqual(['PutItem idempotency']);
  });

  it('list: one Scan for a page of live products (before any deletion leaves tombstones to skip)', async () => {
    await created();
    const page = await send('list', apiEvent('GET', COLLECTION, { query: { limit: '1' } }));
    expect(page.result.statusCode).toBe(200);
    expect(operations(page)).toEqual(['Scan products']);
  });

  it('GET: one call, found or not', async () => {
    const id = await created();
    const found = await send('get', apiEvent('GET', ITEM, { pathParameters: { id } }));
    expect(found.result.statusCode).toBe(200);
    expect(operations(found)).toEqual(['GetItem products']);
    const absent = await send('get', apiEvent('GET', ITEM, { pathParameters: { id: crypto.randomUUID() } }));
    expect(absent.result.statusCode).toBe(404);
    expect(absent.calls).toHaveLength(1);
  });

  it('create-only PUT (If-None-Match: *): one call, created or refused', async () => {
    const id = crypto.randomUUID();
    const create = await send('put', item(id, { 'If-None-Match': '*' }, cup));
    expect(create.result.statusCode).toBe(201);
    expect(operations(create)).toEqual(['UpdateItem products']);
    const refused = await send('put', item(id, { 'If-None-Match': '*' }, cup));
    expect(refused.result.statusCode).toBe(412);
    expect(refused.calls).toHaveLength(1);
  });

  it('PUT with If-Match: one call, replaced, identical (no write) or stale', async () => {
    const id = await created();
    const replaced = await send('put', item(id, { 'If-Match': '"1"' }, { ...cup, name: 'Mug' }));
    expect(replaced.result.statusCode).toBe(200);
    expect(operations(replaced)).toEqual(['UpdateItem products']);
    const identical = await send('put', item(id, { 'If-Match': '"2"' }, { ...cup, name: 'Mug' }));
    expect(identical.result.statusCode).toBe(200);
    expect(identical.result.headers?.ETag).toBe('"2"');
    expect(identical.calls).toHaveLength(1);
    const stale = await send('put', item(id, { 'If-Match': '"1"' }, cup));
    expect(stale.result.statusCode).toBe(412);
    expect(stale.calls).toHaveLength(1);
  });

  it('unconditional PUT: one call to replace, two to create', async () => {
    const id = await created();
    const replaced = await send('put', item(id, {}, { ...cup, name: 'Mug' }));
    expect(replaced.result.statusCode).toBe(200);
    expect(replaced.calls).toHaveLength(1);
    const fresh = await send('put', item(crypto.randomUUID(), {}, cup));
    expect(fresh.result.statusCode).toBe(201);
    expect(operations(fresh)).toEqual(['UpdateItem products', 'UpdateItem products']);
  });

  it('DELETE with and without If-Match: one call, also when the product is absent', async () => {
    const deleteOf = (id: string, headers: Record<string, string> = {}) =>
      apiEvent('DELETE', ITEM, { pathParameters: { id }, headers });
    const matched = await send('delete', deleteOf(await created(), { 'If-Match': '"1"' }));
    expect(matched.result.statusCode).toBe(204);
    expect(operations(matched)).toEqual(['UpdateItem products']);
    const plain = await send('delete', deleteOf(await created()));
    expect(plain.result.statusCode).toBe(204);
    expect(plain.calls).toHaveLength(1);
    const absent = await send('delete', deleteOf(crypto.randomUUID()));
    expect(absent.result.statusCode).toBe(204);
    expect(absent.calls).toHaveLength(1);
  });
});
