import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { apiClient, e2eTarget } from './target';

// Black-box: 1,000+ requests that are wrong in at least one way get a 4xx problem+json and change nothing,
// neither the products a client can list nor the events on the bus. Run once per persistence.
const target = e2eTarget();
const api = apiClient(target);
const local = inject('localStack');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// Not `.` or `..`: clients normalise such path segments away, so those requests would go to another route.
const notUuid = fc
  .string({ maxLength: 40 })
  .filter((id) => !UUID.test(id) && id !== '' && id !== '.' && id !== '..');
const notJson = fc.string({ minLength: 1, maxLength: 60 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const injection = fc.constantFrom(
  "'; DROP TABLE products; --",
  "' OR '1'='1",
  '$$; TRUNCATE product_outbox; $$',
  "Robert'); DELETE FROM idempotency_records;--",
);
const valid = { name: 'Valid', price: { amount: 100, currency: 'EUR' } };
// Bodies that break exactly one rule of the DTO (or are no DTO at all).
const badBody = fc.oneof(
  notJson,
  fc.constantFrom('null', '[]', '"text"', '42', 'true'),
  fc
    .record({
      key: fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((k) => !['name', 'description', 'price'].includes(k)),
    })
    .map(({ key }) => JSON.stringify({ ...valid, [key]: 1 })),
  fc
    .oneof(
      fc.constant(''),
      fc.string({ minLength: 101, maxLength: 140 }).filter((s) => s.trim().length > 100),
      fc.integer(),
    )
    .map((name) => JSON.stringify({ ...valid, name })),
  injection.map((payload) => JSON.stringify({ ...valid, name: payload.repeat(30) })),
  injection.map((payload) => JSON.stringify({ ...valid, price: { amount: payload, currency: 'EUR' } })),
  fc
    .oneof(fc.integer({ max: -1 }), fc.integer({ min: 1_000_000_001 }), fc.double({ min: 0.1, max: 0.9 }))
    .map((amount) => JSON.stringify({ ...valid, price: { amount, currency: 'EUR' } })),
  fc
    .string({ maxLength: 5 })
    .filter((c) => !/^[A-Z]{3}$/.test(c))
    .map((currency) => JSON.stringify({ ...valid, price: { amount: 1, currency } })),
  injection.map((payload) => JSON.stringify({ ...valid, price: { amount: 1, currency: payload } })),
);
const badIfMatch = fc.oneof(
  injection,
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((v) => v.trim() !== '*' && !/^"[1-9][0-9]{0,14}"$/.test(v.trim())),
);
const badLimit = fc.oneof(
  injection,
  fc.string({ minLength: 1, maxLength: 8 }).filter((v) => !(/^[0-9]{1,6}$/.test(v) && +v >= 1 && +v <= 100)),
);
const badCursor = fc.oneof(
  injection,
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.base64String({ minLength: 4, maxLength: 80 }),
);

type Request = readonly [
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> },
];
const json = { 'content-type': 'application/json' };
const request: fc.Arbitrary<Request> = fc.oneof(
  badBody.map((body): Request => ['POST', '/api/products', { body, headers: json }]),
  fc
    .tuple(fc.uuid(), badBody)
    .map(([id, body]): Request => ['PUT', `/api/products/${id}`, { body, headers: json }]),
  fc
    .tuple(fc.uuid(), badIfMatch)
    .map(([id, tag]): Request => [
      'PUT',
      `/api/products/${id}`,
      { body: JSON.stringify(valid), headers: { ...json, 'if-match': tag } },
    ]),
  notUuid.map((id): Request => [
    'PUT',
    `/api/products/${encodeURIComponent(id)}`,
    { body: JSON.stringify(valid), headers: json },
  ]),
  notUuid.map((id): Request => ['DELETE', `/api/products/${encodeURIComponent(id)}`, {}]),
  notUuid.map((id): Request => ['GET', `/api/products/${encodeURIComponent(id)}`, {}]),
  badLimit.map((limit): Request => ['GET', `/api/products?limit=${encodeURIComponent(limit)}`, {}]),
  badCursor.map((cursor): Request => ['GET', `/api/products?cursor=${encodeURIComponent(cursor)}`, {}]),
  fc
    .oneof(injection, fc.string({ minLength: 256, maxLength: 300 }))
    .map((key): Request => [
      'POST',
      '/api/products',
      { body: JSON.stringify(valid), headers: { ...json, 'idempotency-key': key } },
    ]),
  fc
    .constantFrom('text/plain', 'application/xml', 'multipart/form-data')
    .map((type): Request => [
      'POST',
      '/api/products',
      { body: JSON.stringify(valid), headers: { 'content-type': type } },
    ]),
);

const listed = async (): Promise<number> => {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api(
      'GET',
      `/api/products?limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    expect(page.status).toBe(200);
    const body = page.json() as { items: unknown[]; nextCursor: string | null };
    count += body.items.length;
    cursor = body.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return count;
};
const busEvents = async (): Promise<number | undefined> => {
  if (local === undefined) return undefined; // a deployed stage: its bus is observed per product only
  const response = await fetch(`${local.eventsUrl}/_local/events`);
  return ((await response.json()) as unknown[]).length;
};

describe('malformed requests', () => {
  it('get only 4xx problems with a correlation id, write no product and publish no event (1,000 runs)', async () => {
    const [productsBefore, eventsBefore] = [await listed(), await busEvents()];
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ([method, path, init]) => {
        const response = await api(method, path, init);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(
          response.status,
          `${method} ${path} ${init.body ?? ''}: ${response.text}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('x-correlation-id')).toBeTruthy();
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 1_000 },
    );
    // Give the change feed time to deliver anything that should not exist.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await listed()).toBe(productsBefore);
    expect(await busEvents()).toBe(eventsBefore);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  });
});

describe('SQL injection attempts that are valid requests', () => {
  it('are stored and returned as the very text that was sent, in every field and header', async () => {
    const payloads = ["'; DROP TABLE products; --", "' OR '1'='1", '$$; TRUNCATE product_outbox; $$'];
    for (const payload of payloads) {
      const correlation = `inj-${Math.random().toString(36).slice(2)}`;
      const created = await api('POST', '/api/products', {
        body: { name: payload, description: payload, price: { amount: 1, currency: 'EUR' } },
        headers: {
          'x-correlation-id': correlation,
          'idempotency-key': `k-${payload.replace(/[^\x21-\x7e]/g, '_')}-${correlation}`,
        },
      });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('x-correlation-id')).toBe(correlation);
      const { id } = created.json() as { id: string };
      const fetched = await api('GET', `/api/products/${id}`);
      expect(fetched.json()).toMatchObject({ name: payload, description: payload });
    }
    expect(await listed()).toBeGreaterThanOrEqual(payloads.length);
  });
});
