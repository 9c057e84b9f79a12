import { createHash, createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiClient, e2eTarget } from './target';

// The contract points of the edge, black-box: every answer here is also checked against
// docs/api/openapi.yaml by the client (target.ts).
const target = e2eTarget();
const api = apiClient(target);
const cup = () => ({ name: `Cup ${randomUUID().slice(0, 8)}`, price: { amount: 450, currency: 'EUR' } });
const JSON_TYPE = { 'content-type': 'application/json' };

// A Location is a path on the API's host: the stage (invoke URL) or base path (custom domain) it carries
// is the one the client used, so following it from the host's origin reaches the product.
const follow = (location: string) => {
  const origin = new URL(target.baseUrl).origin;
  const prefix = new URL(target.baseUrl).pathname.replace(/\/$/, '');
  expect(location.startsWith(`${prefix}/api/products/`)).toBe(true);
  return api('GET', new URL(location, origin).pathname.slice(prefix.length));
};

describe('Location', () => {
  it('POST: points at the new product on the path the client used', async () => {
    const created = await api('POST', '/api/products', { body: cup() });
    expect(created.status).toBe(201);
    const fetched = await follow(created.headers.get('location') ?? '');
    expect(fetched.status).toBe(200);
    expect(fetched.json()).toEqual(created.json());
  });

  it('PUT that creates: the path of the request itself', async () => {
    const id = randomUUID();
    const created = await api('PUT', `/api/products/${id}`, { body: cup() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      `${new URL(target.baseUrl).pathname.replace(/\/$/, '')}/api/products/${id}`,
    );
    expect((await follow(created.headers.get('location') ?? '')).status).toBe(200);
  });
});

describe('request bodies', () => {
  const refusedAsMalformed = async (body: string | Uint8Array) => {
    const response = await api('POST', '/api/products', { body, headers: JSON_TYPE });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ type: 'urn:catalog:problem:malformed-json' });
  };

  it('refuses bytes that are not UTF-8: invalid, overlong, an encoded surrogate', async () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      await refusedAsMalformed(
        Buffer.concat([
          Buffer.from('{"name":"Cup'),
          Buffer.from(bytes),
          Buffer.from('","price":{"amount":1,"currency":"EUR"}}'),
        ]),
      );
    }
  });

  it('refuses a lone surrogate escape in a value and in a key', async () => {
    await refusedAsMalformed('{"name":"Cup\\ud800","price":{"amount":1,"currency":"EUR"}}');
    await refusedAsMalformed('{"name":"Cup","price":{"amount":1,"currency":"EUR","\\udfff":1}}');
  });

  it('refuses keys named like Object.prototype members, at the top and in price, naming them', async () => {
    const response = await api('POST', '/api/products', {
      body: '{"name":"ok","price":{"amount":1,"currency":"EUR","hasOwnProperty":1},"isPrototypeOf":{}}',
      headers: JSON_TYPE,
    });
    expect(response.status).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'price.hasOwnProperty', message: 'is not allowed' },
      { field: 'isPrototypeOf', message: 'is not allowed' },
    ]);
  });
});

describe('list cursors', () => {
  it('refuses an edited or forged cursor with 400 invalid-cursor', async () => {
    for (let i = 0; i < 3; i++)
      expect((await api('POST', '/api/products', { body: cup() })).status).toBe(201);
    const page = await api('GET', '/api/products?limit=1');
    const cursor = String(page.json().nextCursor);
    const [payload = '', signature = ''] = cursor.split('.');
    // The same position with another id; the key once derived from the table name; a flipped signature.
    const otherPayload = Buffer.from(JSON.stringify({ v: 1, k: { id: randomUUID() } })).toString('base64url');
    const derivedKey = createHash('sha256').update('catalog.products.cursor:catalog-local-products').digest();
    const forged = [
      `${otherPayload}.${signature}`,
      `${otherPayload}.${createHmac('sha256', derivedKey).update(`catalog.products.list-cursor\n${otherPayload}`).digest('base64url')}`,
      `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
    ];
    for (const bad of forged) {
      const response = await api('GET', `/api/products?cursor=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ type: 'urn:catalog:problem:invalid-cursor' });
    }
    expect((await api('GET', `/api/products?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });
});
