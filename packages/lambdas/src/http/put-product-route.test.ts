import { StoreUnavailableError, VersionConflictError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';

const put = (headers: Record<string, string> = {}, body: object | string = cup, id = PRODUCT_ID) =>
  apiEvent('PUT', ITEM, { pathParameters: { id }, headers, body });

const existing = async () => {
  const world = apiWorld();
  expect((await world.putProduct(put())).status).toBe(201);
  world.clock.advance(60_000);
  return world;
};

describe('PUT /api/products/{id}', () => {
  it('creates under the client id: 201, Location and ETag', async () => {
    const world = apiWorld();
    const response = await world.putProduct(put());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: PRODUCT_ID, ...cup, version: 1 });
    expect(response.headers.ETag).toBe('"1"');
    expect(response.headers.Location).toBe(`/dev/api/products/${PRODUCT_ID}`);
    expect(world.metricLines).toEqual([expect.objectContaining({ ProductsCreated: 1 })]);
  });

  it('writes with the correlation id of the request, and logs the request as put-product', async () => {
    const world = apiWorld();
    expect((await world.putProduct(put({ 'X-Correlation-Id': 'c-put' }))).status).toBe(201);
    await world.flushLogs();
    expect(world.products.changes().map((change) => change.correlationId)).toEqual(['c-put']);
    expect(world.logLines).toEqual([
      expect.objectContaining({ message: 'request completed', route: 'put-product', correlationId: 'c-put' }),
    ]);
  });

  it('stores ids in lower case', async () => {
    const world = apiWorld();
    const response = await world.putProduct(put({}, cup, PRODUCT_ID.toUpperCase()));
    expect(response.body.id).toBe(PRODUCT_ID);
  });

  it('replaces with a matching If-Match: 200 and the next version', async () => {
    const world = await existing();
    const response = await world.putProduct(put({ 'If-Match': '"1"' }, { ...cup, name: 'Mug' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Mug', version: 2, updatedAt: '2026-05-01T12:01:00.000Z' });
    expect(response.headers.ETag).toBe('"2"');
    expect(response.headers.Location).toBeUndefined();
    expect(world.metricLines.at(-1)).toMatchObject({ ProductsUpdated: 1 });
  });

  it('answers 200 with the unchanged version for an identical replacement, writing nothing', async () => {
    const world = await existing();
    const writes = world.products.changes().length;
    const response = await world.putProduct(put({ 'if-match': '*' }));
    expect(response.status).toBe(200);
    expect(response.headers.ETag).toBe('"1"');
    expect(world.products.changes()).toHaveLength(writes);
    expect(world.metricLines).toHaveLength(1);
  });

  it.each([
    ['a stale If-Match', { 'If-Match': '"7"' }],
    ['If-None-Match: * on an existing product', { 'If-None-Match': '*' }],
  ])('answers 412 for %s and keeps the product', async (_, headers) => {
    const world = await existing();
    const response = await world.putProduct(put(headers, { ...cup, name: 'Mug' }));
    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({
      type: 'urn:catalog:problem:precondition-failed',
      title: 'Precondition Failed',
    });
    expect(world.products.changes()).toHaveLength(1);
  });

  it('answers 412 for If-Match on an absent product', async () => {
    const world = apiWorld();
    expect((await world.putProduct(put({ 'If-Match': '*' }))).status).toBe(412);
    expect(world.products.size()).toBe(0);
  });

  it.each([
    ['If-Match', 'W/"1"'],
    ['If-Match', '"1", "2"'],
    ['If-Match', '1'],
    ['If-Match', '"0"'],
    ['If-None-Match', '"1"'],
  ])('answers 400 for %s: %s', async (name, value) => {
    const world = apiWorld();
    const response = await world.putProduct(put({ [name]: value }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: name, message: expect.any(String) }]);
    expect(world.products.size()).toBe(0);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const world = apiWorld();
    const response = await world.putProduct(put({}, cup, 'not-a-uuid'));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: expect.stringContaining('UUID') }]);
  });

  it('answers 400 for unknown fields, nested ones too', async () => {
    const world = apiWorld();
    const response = await world.putProduct(
      put({}, { ...cup, id: PRODUCT_ID, price: { ...cup.price, tax: 1 } }),
    );
    expect(response.status).toBe(400);
    // In the order the body holds them: `price` stays where `cup` put it, `id` comes after.
    expect(response.body.errors).toEqual([
      { field: 'price.tax', message: 'is not allowed' },
      { field: 'id', message: 'is not allowed' },
    ]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const world = apiWorld();
    const event = apiEvent('PUT', ITEM, {
      pathParameters: { id: PRODUCT_ID },
      headers: { 'Content-Type': 'text/plain' },
      body: 'Cup',
    });
    expect((await world.putProduct(event)).status).toBe(415);
  });

  it('answers 503 with Retry-After when the store throttles', async () => {
    const world = apiWorld();
    world.products.failNext('replace', new StoreUnavailableError('throttled'));
    const response = await world.putProduct(put());
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('1');
  });

  it('answers 413 for a body over 16 KiB', async () => {
    const world = apiWorld();
    const response = await world.putProduct(put({}, { ...cup, description: 'x'.repeat(17 * 1024) }));
    expect(response.status).toBe(413);
    expect(world.products.size()).toBe(0);
  });

  it('answers 409 when concurrent writers keep creating the product first', async () => {
    const world = apiWorld();
    for (let i = 0; i < 2; i++) {
      world.products.failNext('create', new VersionConflictError(PRODUCT_ID, 'absent', 1));
    }
    const response = await world.putProduct(put({}, { ...cup, name: 'Mug' }));
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: 'urn:catalog:problem:version-conflict', title: 'Conflict' });
  });

  it('answers 500 with only the correlation id for anything unexpected', async () => {
    const world = apiWorld();
    world.products.failNext('replace', new Error('connection reset'));
    const response = await world.putProduct(put());
    expect(response.status).toBe(500);
    expect(response.raw.body).not.toContain('connection reset');
  });
});
