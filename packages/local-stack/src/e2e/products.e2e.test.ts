import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiClient, e2eTarget } from './target';

const target = e2eTarget();
const api = apiClient(target);
const cup = () => ({
  name: `Cup ${randomUUID().slice(0, 8)}`,
  description: 'White',
  price: { amount: 450, currency: 'EUR' },
});
const PROBLEM = 'application/problem+json';

const create = async (body: Record<string, unknown> = cup()) => {
  const response = await api('POST', '/api/products', { body });
  expect(response.status).toBe(201);
  return response.json() as { id: string; version: number; name: string };
};

describe('POST /api/products', () => {
  it('creates a product: 201, Location, ETag and the product', async () => {
    const body = cup();
    const response = await api('POST', '/api/products', { body });
    expect(response.status).toBe(201);
    const product = response.json();
    expect(product).toMatchObject({ ...body, version: 1, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // The path the client used: with the stage (or base path) of the base URL.
    const prefix = new URL(target.baseUrl).pathname.replace(/\/$/, '');
    expect(response.headers.get('location')).toBe(`${prefix}/api/products/${String(product.id)}`);
    expect(response.headers.get('etag')).toBe('"1"');

    const fetched = await api('GET', `/api/products/${String(product.id)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json()).toEqual(product);
    expect(fetched.headers.get('etag')).toBe('"1"');
  });

  it('answers 400 problem+json naming every bad field, and rejects unknown fields', async () => {
    const response = await api('POST', '/api/products', {
      body: { name: '', price: { amount: -1, currency: 'eur', extra: 1 }, colour: 'red' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain(PROBLEM);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, title: expect.any(String), type: expect.any(String) });
    const fields = (problem.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'price.amount', 'price.currency', 'colour']));
  });

  it.each([
    { what: 'malformed JSON', body: '{"name": "Cup",', contentType: 'application/json', status: 400 },
    { what: 'a non-JSON body', body: 'name=Cup', contentType: 'text/plain', status: 415 },
    {
      what: 'a body over 16 KiB',
      body: JSON.stringify({ ...cup(), description: 'x'.repeat(17 * 1024) }),
      contentType: 'application/json',
      status: 413,
    },
  ])('answers $what with $status', async ({ body, contentType, status }) => {
    const response = await api('POST', '/api/products', { body, headers: { 'content-type': contentType } });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(PROBLEM);
  });

  describe('with an Idempotency-Key', () => {
    it('returns the same product for the same body and 422 for another body', async () => {
      const key = randomUUID();
      const body = cup();
      const first = await api('POST', '/api/products', { body, headers: { 'idempotency-key': key } });
      const again = await api('POST', '/api/products', { body, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers.get('location')).toBe(first.headers.get('location'));

      const other = await api('POST', '/api/products', { body: cup(), headers: { 'idempotency-key': key } });
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toContain(PROBLEM);
    });

    it('creates one product for concurrent repeats: each answer is that product or 409 in flight', async () => {
      const key = randomUUID();
      const body = cup();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          api('POST', '/api/products', { body, headers: { 'idempotency-key': key } }),
        ),
      );
      for (const answer of answers) expect([201, 409]).toContain(answer.status);
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => String(a.json().id)));
      expect(ids.size).toBe(1);
      const replay = await api('POST', '/api/products', { body, headers: { 'idempotency-key': key } });
      expect(replay.status).toBe(201);
      expect(ids).toContain(String(replay.json().id));
    });

    it('answers 400 for a malformed Idempotency-Key', async () => {
      const response = await api('POST', '/api/products', {
        body: cup(),
        headers: { 'idempotency-key': 'has space' },
      });
      expect(response.status).toBe(400);
    });
  });
});

describe('PUT /api/products/{id}', () => {
  it('creates under the client id (201), replaces with If-Match (200) and refuses stale versions (412)', async () => {
    const id = randomUUID();
    const created = await api('PUT', `/api/products/${id}`, {
      body: cup(),
      headers: { 'if-none-match': '*' },
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ id, version: 1 });

    const replaced = await api('PUT', `/api/products/${id}`, {
      body: { ...cup(), name: 'Mug' },
      headers: { 'if-match': '"1"' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json()).toMatchObject({ id, name: 'Mug', version: 2 });
    expect(replaced.headers.get('etag')).toBe('"2"');

    const stale = await api('PUT', `/api/products/${id}`, { body: cup(), headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    const exists = await api('PUT', `/api/products/${id}`, {
      body: cup(),
      headers: { 'if-none-match': '*' },
    });
    expect(exists.status).toBe(412);
    expect((await api('GET', `/api/products/${id}`)).json()).toMatchObject({ name: 'Mug', version: 2 });
  });

  it('answers 400 for an id that is not a UUID', async () => {
    expect((await api('PUT', '/api/products/not-a-uuid', { body: cup() })).status).toBe(400);
  });
});

describe('GET /api/products/{id}', () => {
  it('answers 304 when If-None-Match holds the current ETag, 200 otherwise', async () => {
    const { id } = await create();
    const unchanged = await api('GET', `/api/products/${id}`, { headers: { 'if-none-match': '"1"' } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe('"1"');
    expect((await api('GET', `/api/products/${id}`, { headers: { 'if-none-match': '"7"' } })).status).toBe(
      200,
    );
  });

  it('answers 404 for an unknown product and 400 for a bad id', async () => {
    const missing = await api('GET', `/api/products/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain(PROBLEM);
    expect((await api('GET', '/api/products/42')).status).toBe(400);
  });
});

describe('GET /api/products', () => {
  it('pages through every product exactly once', async () => {
    const mine = new Set<string>();
    for (let i = 0; i < 7; i++) mine.add((await create()).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const query = cursor === undefined ? '?limit=3' : `?limit=3&cursor=${encodeURIComponent(cursor)}`;
      const response = await api('GET', `/api/products${query}`);
      expect(response.status).toBe(200);
      const body = response.json() as { items: { id: string }[]; nextCursor?: string | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor ?? undefined;
      if (cursor === undefined) {
        expect(body.nextCursor).toBeNull();
        break;
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of mine) expect(seen).toContain(id);
  });

  it.each(['?limit=0', '?limit=101', '?limit=abc', '?cursor=not-a-cursor'])(
    'answers 400 for %s',
    async (query) => {
      const response = await api('GET', `/api/products${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
    },
  );
});

describe('DELETE /api/products/{id}', () => {
  it('deletes (204), is idempotent (204) and honours If-Match (412)', async () => {
    const { id } = await create();
    expect((await api('DELETE', `/api/products/${id}`, { headers: { 'if-match': '"9"' } })).status).toBe(412);
    expect((await api('DELETE', `/api/products/${id}`)).status).toBe(204);
    expect((await api('GET', `/api/products/${id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/products/${id}`)).status).toBe(204);
  });
});

describe('X-Correlation-Id', () => {
  it('echoes a given id and generates one otherwise, on success and on error', async () => {
    const given = `e2e-${randomUUID()}`;
    const echoed = await api('GET', `/api/products/${randomUUID()}`, {
      headers: { 'x-correlation-id': given },
    });
    expect(echoed.headers.get('x-correlation-id')).toBe(given);
    const generated = await api('POST', '/api/products', { body: cup() });
    expect(generated.headers.get('x-correlation-id')).toMatch(/\S+/);
  });
});
