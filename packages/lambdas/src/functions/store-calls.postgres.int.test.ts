import { Writable } from 'node:stream';
import { migrate } from '@catalog/adapter-postgres/migrations';
import {
  startCountingPostgresProxy,
  usePostgresDatabase,
  type CountingPostgresProxy,
} from '@catalog/testkit/postgres';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import pg from 'pg';
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

// Store round trips per request on PostgreSQL, counted by a proxy that reads the wire protocol between the
// real handlers (built by their own composition roots with PERSISTENCE=postgres) and PostgreSQL: every
// statement exchange ended by Sync, or simple query, is one round trip. The rule is the DynamoDB one.

const database = usePostgresDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client).finally(() => client.end());
}, 'calls');

let proxy: CountingPostgresProxy;
const handlers = new Map<string, ApiHandler>();

beforeAll(async () => {
  const target = new URL(database.url);
  proxy = await startCountingPostgresProxy({ host: target.hostname, port: Number(target.port) });
  const proxied = new URL(database.url);
  proxied.hostname = proxy.host;
  proxied.port = String(proxy.port);
  const env = {
    PERSISTENCE: 'postgres',
    POSTGRES_URL: proxied.href,
    CURSOR_SIGNING_KEY: 'store-calls-cursor-signing-key',
    AWS_REGION: 'eu-west-1',
  };
  const quiet = { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) };
  handlers.set('create', buildCreateProductHandler(createProductPorts(env, quiet)));
  handlers.set('put', buildPutProductHandler(putProductPorts(env, quiet)));
  handlers.set('get', buildGetProductHandler(getProductPorts(env, quiet)));
  handlers.set('list', buildListProductsHandler(listProductsPorts(env, quiet)));
  handlers.set('delete', buildDeleteProductHandler(deleteProductPorts(env, quiet)));
});

afterAll(async () => {
  await proxy.close();
});

interface Counted {
  readonly result: APIGatewayProxyResult;
  readonly trips: readonly string[];
}

const send = async (route: string, event: APIGatewayProxyEvent): Promise<Counted> => {
  proxy.take();
  const result = await handlers.get(route)!(event, { awsRequestId: 'calls', functionName: route });
  return { result, trips: proxy.take() };
};

// What each round trip did, by the table or function its SQL names.
const kinds = ({ trips }: Counted) =>
  trips.map((sql) => /catalog_\w+_product|idempotency_records|FROM products/.exec(sql)?.[0] ?? sql);

const item = (id: string, headers: Record<string, string> = {}, body?: object) =>
  apiEvent('PUT', ITEM, { pathParameters: { id }, headers, ...(body === undefined ? {} : { body }) });

const created = async (): Promise<string> => {
  const { result } = await send('create', apiEvent('POST', COLLECTION, { body: cup }));
  expect(result.statusCode).toBe(201);
  return (JSON.parse(result.body) as { id: string }).id;
};

describe('store round trips per request, counted in front of PostgreSQL', () => {
  it('POST without an Idempotency-Key: one round trip', async () => {
    const post = await send('create', apiEvent('POST', COLLECTION, { body: cup }));
    expect(post.result.statusCode).toBe(201);
    expect(kinds(post)).toEqual(['catalog_create_product']);
  });

  it('POST with an Idempotency-Key: two round trips (claim, create completing it); a replay one', async () => {
    const event = apiEvent('POST', COLLECTION, {
      body: cup,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const first = await send('create', event);
    expect(first.result.statusCode).toBe(201);
    expect(kinds(first)).toEqual(['idempotency_records', 'catalog_create_product']);
    expect(first.trips[1]).toContain('$11');
    const replay = await send('create', event);
    expect(replay.result.headers?.['Idempotent-Replayed']).toBe('true');
    expect(replay.result.body).toBe(first.result.body);
    expect(kinds(replay)).toEqual(['idempotency_records']);
  });

  it('GET and list: one round trip', async () => {
    const id = await created();
    const found = await send('get', apiEvent('GET', ITEM, { pathParameters: { id } }));
    expect(found.result.statusCode).toBe(200);
    expect(kinds(found)).toEqual(['FROM products']);
    const page = await send('list', apiEvent('GET', COLLECTION, { query: { limit: '1' } }));
    expect(page.result.statusCode).toBe(200);
    expect(kinds(page)).toEqual(['FROM products']);
  });

  it('create-only PUT, PUT with If-Match and DELETE: one round trip; unconditional PUT of a new id two', async () => {
    const id = crypto.randomUUID();
    const create = await send('put', item(id, { 'If-None-Match': '*' }, cup));
    expect(create.result.statusCode).toBe(201);
    expect(kinds(create)).toEqual(['catalog_create_product']);
    const replaced = await send('put', item(id, { 'If-Match': '"1"' }, { ...cup, name: 'Mug' }));
    expect(replaced.result.statusCode).toBe(200);
    expect(kinds(replaced)).toEqual(['catalog_replace_product']);
    const deleted = await send('delete', apiEvent('DELETE', ITEM, { pathParameters: { id } }));
    expect(deleted.result.statusCode).toBe(204);
    expect(kinds(deleted)).toEqual(['catalog_delete_product']);
    const fresh = await send('put', item(crypto.randomUUID(), {}, cup));
    expect(fresh.result.statusCode).toBe(201);
    expect(kinds(fresh)).toEqual(['catalog_replace_product', 'catalog_create_product']);
  });
});
