// What the HTTP benchmark sends: the requests whose store calls it counts, and the warm routes with the
// events each round sends (prepared on the subject's own store, outside the timing).
import { randomBytes } from 'node:crypto';
import { BENCH_PRODUCT_ID } from './dynamodb-stub.mjs';
import { proxyEvent } from './http-events.mjs';

const ITEM = '/api/products/{id}';
const COLLECTION = '/api/products';
const json = (name, amount) =>
  JSON.stringify({ name, description: 'White', price: { amount, currency: 'EUR' } });
const body = (name = 'Mug', amount = 500, headers = {}) => ({
  headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': 'bench-1', ...headers },
  body: json(name, amount),
});
const onItem = (method, id, extra = {}) => proxyEvent(method, ITEM, { pathParameters: { id }, ...extra });

/** One request per case against the DynamoDB stub (an item at version 1 exists; creates and claims find none). */
export const STORE_CALL_CASES = [
  { label: 'GET /api/products/{id}', fn: 'get-product', event: onItem('GET', BENCH_PRODUCT_ID), allowed: 1 },
  {
    label: 'POST without Idempotency-Key',
    fn: 'create-product',
    event: proxyEvent('POST', COLLECTION, body()),
    allowed: 1,
  },
  {
    label: 'POST with Idempotency-Key',
    fn: 'create-product',
    event: proxyEvent('POST', COLLECTION, body('Mug', 500, { 'Idempotency-Key': 'bench-key-1' })),
    allowed: 2,
  },
  {
    label: 'PUT If-None-Match: * (create)',
    fn: 'put-product',
    event: onItem('PUT', BENCH_PRODUCT_ID, body('Mug', 500, { 'If-None-Match': '*' })),
    allowed: 1,
  },
  {
    label: 'PUT If-Match: "1" (replace)',
    fn: 'put-product',
    event: onItem('PUT', BENCH_PRODUCT_ID, body('Mug', 500, { 'If-Match': '"1"' })),
    allowed: 1,
  },
  {
    label: 'PUT unconditional (replace)',
    fn: 'put-product',
    event: onItem('PUT', BENCH_PRODUCT_ID, body()),
    allowed: 2,
  },
  { label: 'DELETE', fn: 'delete-product', event: onItem('DELETE', BENCH_PRODUCT_ID), allowed: 1 },
  {
    label: 'DELETE If-Match: "1"',
    fn: 'delete-product',
    event: onItem('DELETE', BENCH_PRODUCT_ID, { headers: { 'If-Match': '"1"' } }),
    allowed: 1,
  },
  {
    label: 'GET /api/products (one page)',
    fn: 'list-products',
    event: proxyEvent('GET', COLLECTION),
    allowed: 1,
  },
];

const once = (world, key, make) => (world[key] ??= make());

/** The warm routes: `prepare(world, n)` returns the events of one batch of n requests. */
export const WARM_ROUTES = [
  {
    name: 'GET /api/products/{id}',
    handler: 'get',
    status: 200,
    prepare: async (world) => [onItem('GET', (await once(world, 'getIds', () => world.seed(1)))[0])],
  },
  {
    name: 'POST /api/products',
    handler: 'post',
    status: 201,
    prepare: () => [proxyEvent('POST', COLLECTION, body())],
  },
  {
    name: 'PUT /api/products/{id}',
    handler: 'put',
    status: 200,
    // Unconditional replaces that alternate between two bodies: each one writes.
    prepare: async (world) => {
      const [id] = await once(world, 'putIds', () => world.seed(1));
      return [onItem('PUT', id, body('Mug', 500)), onItem('PUT', id, body('Cup', 450))];
    },
  },
  {
    name: 'GET /api/products',
    handler: 'list',
    status: 200,
    prepare: async (world) => {
      await once(world, 'listIds', () => world.seed(30));
      return [proxyEvent('GET', COLLECTION, { query: { limit: '20' } })];
    },
  },
  {
    name: 'DELETE /api/products/{id}',
    handler: 'del',
    status: 204,
    // Each request deletes a product that exists.
    prepare: async (world, n) => (await world.seed(n)).map((id) => onItem('DELETE', id)),
  },
];

/** Trace headers of n requests as Lambda sets them: a fresh trace each, Sampled=1 on `rate` of them. */
export const sampledHeaders = (n, rate) => {
  const every = Math.round(1 / rate);
  return Array.from({ length: n }, (_, i) => {
    const epoch = Math.floor(Date.now() / 1000).toString(16);
    return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=${i % every === 0 ? 1 : 0}`;
  });
};
