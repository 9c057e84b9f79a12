import { ProductId } from '@catalog/domain';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  apiEvent,
  apiWorld,
  COLLECTION,
  cup,
  ITEM,
  PRODUCT_ID,
  type EventOptions,
} from './api-gateway.test-support';

type Route = 'createProduct' | 'putProduct' | 'getProduct' | 'listProducts' | 'deleteProduct';
interface Case {
  readonly route: Route;
  readonly method: string;
  readonly resource: string;
  readonly options: EventOptions;
}

// Generators of requests that are wrong in at least one way; each filter removes the rare valid draw.
const notUuid = fc.string({ maxLength: 40 }).filter((id) => !ProductId.isValid(id));
const badIfMatch = fc
  .string({ maxLength: 20 })
  .filter((v) => v.trim() !== '*' && !/^"[1-9][0-9]{0,14}"$/.test(v.trim()));
const badIfNoneMatchOnRead = fc
  .string({ maxLength: 20 })
  .filter((v) => v.trim() !== '*' && !v.split(',').every((tag) => /^(W\/)?"[^"]*"$/.test(tag.trim())));
const badIdempotencyKey = fc
  .string({ maxLength: 300, unit: 'binary' })
  .filter((key) => !/^[\x21-\x7e]{1,255}$/.test(key));
const badContentType = fc.string({ maxLength: 40 }).filter((value) => !/json/i.test(value));
const badLimit = fc.string({ maxLength: 8 }).filter((v) => !(/^[0-9]{1,6}$/.test(v) && +v >= 1 && +v <= 100));
const badCursor = fc.string({ minLength: 1, maxLength: 60 });
const notJson = fc.string({ maxLength: 60 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const notAnObject = fc
  .jsonValue()
  .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
  .map((v) => JSON.stringify(v));
const unknownKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((key) => !['name', 'description', 'price'].includes(key));
const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const badBody = fc.oneof(
  notJson,
  notAnObject,
  unknownKey.map((key) => JSON.stringify({ ...cup, [key]: 1 })),
  unknownKey
    .filter((key) => !['amount', 'currency'].includes(key))
    .map((key) => JSON.stringify({ ...cup, price: { ...cup.price, [key]: 'x' } })),
  wrongValue.map((name) => JSON.stringify({ ...cup, name })),
  fc
    .oneof(
      fc.constant(''),
      fc.constant('   '),
      fc.string({ minLength: 101, maxLength: 120 }).filter((s) => s.trim().length > 100),
    )
    .map((name) => JSON.stringify({ ...cup, name })),
  fc
    .oneof(
      fc.double({ noInteger: true }),
      fc.integer({ max: -1 }),
      fc.integer({ min: 1_000_000_001 }),
      fc.string(),
    )
    .map((amount) => JSON.stringify({ ...cup, price: { amount, currency: 'EUR' } })),
  fc
    .string({ maxLength: 5 })
    .filter((c) => !/^[A-Z]{3}$/.test(c))
    .map((currency) => JSON.stringify({ ...cup, price: { amount: 1, currency } })),
  wrongValue.map((price) => JSON.stringify({ ...cup, price })),
  fc.constant(JSON.stringify({ ...cup, description: 'x'.repeat(17 * 1024) })),
);
const randomCase = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());

const item = (
  route: Route,
  method: string,
  id: string,
  headers: EventOptions['headers'] = {},
  body?: string,
): Case => ({
  route,
  method,
  resource: ITEM,
  options: {
    pathParameters: { id },
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  },
});
const collection = (route: Route, method: string, options: EventOptions): Case => ({
  route,
  method,
  resource: COLLECTION,
  options,
});
const validBody = JSON.stringify(cup);

const json = { 'Content-Type': 'application/json' };

const malformed: fc.Arbitrary<Case> = fc.oneof(
  // POST: bad body, bad media type, bad key
  badBody.map((body) => collection('createProduct', 'POST', { headers: json, body })),
  fc
    .tuple(randomCase('Content-Type'), badContentType)
    .map(([name, type]) =>
      collection('createProduct', 'POST', { headers: { [name]: type }, body: validBody }),
    ),
  fc
    .tuple(randomCase('Idempotency-Key'), badIdempotencyKey)
    .map(([name, key]) =>
      collection('createProduct', 'POST', { headers: { ...json, [name]: key }, body: validBody }),
    ),
  // PUT: bad id, body or conditional header
  notUuid.map((id) => item('putProduct', 'PUT', id, {}, validBody)),
  badBody.map((body) => item('putProduct', 'PUT', PRODUCT_ID, {}, body)),
  fc
    .tuple(randomCase('If-Match'), badIfMatch)
    .map(([name, value]) => item('putProduct', 'PUT', PRODUCT_ID, { [name]: value }, validBody)),
  fc
    .string({ maxLength: 20 })
    .filter((v) => v.trim() !== '*')
    .map((value) => item('putProduct', 'PUT', PRODUCT_ID, { 'If-None-Match': value }, validBody)),
  // GET and DELETE: bad id or conditional header
  notUuid.map((id) => item('getProduct', 'GET', id)),
  badIfNoneMatchOnRead.map((value) => item('getProduct', 'GET', PRODUCT_ID, { 'if-none-match': value })),
  notUuid.map((id) => item('deleteProduct', 'DELETE', id)),
  badIfMatch.map((value) => item('deleteProduct', 'DELETE', PRODUCT_ID, { 'IF-MATCH': value })),
  // List: bad limit or cursor
  badLimit.map((limit) => collection('listProducts', 'GET', { query: { limit } })),
  badCursor.map((cursor) => collection('listProducts', 'GET', { query: { cursor } })),
);

describe('malformed requests', () => {
  it('get only a 4xx problem+json and change nothing (1,000 requests)', async () => {
    const world = apiWorld();
    await world.putProduct(apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, body: cup }));
    const writes = world.products.changes().length;
    const claims = vi.spyOn(world.idempotency, 'claim');
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async ({ route, method, resource, options }, base64) => {
        const event = apiEvent(method, resource, { ...options, base64 });
        const response = await world[route](event);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers['Content-Type']).toBe('application/problem+json');
        expect(response.body).toMatchObject({
          type: expect.stringMatching(/^urn:catalog:problem:/),
          title: expect.any(String),
          status: response.status,
          detail: expect.any(String),
          correlationId: response.headers['X-Correlation-Id'],
        });
        expect(world.products.changes()).toHaveLength(writes);
        expect(claims).not.toHaveBeenCalled();
      }),
      { numRuns: 1_000 },
    );
  });
});
