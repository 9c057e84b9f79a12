import { StoreUnavailableError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';

const get = (id: string, headers: Record<string, string> = {}) =>
  apiEvent('GET', ITEM, { pathParameters: { id }, headers });

const withProduct = async () => {
  const world = apiWorld();
  await world.putProduct(apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, body: cup }));
  return world;
};

describe('GET /api/products/{id}', () => {
  it('answers 200 with the product and its ETag', async () => {
    const world = await withProduct();
    const response = await world.getProduct(get(PRODUCT_ID));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: PRODUCT_ID,
      ...cup,
      version: 1,
      createdAt: '2026-05-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
    });
    expect(response.headers.ETag).toBe('"1"');
  });

  it('leaves description out when the product has none', async () => {
    const world = apiWorld();
    const body = { name: 'Cup', price: cup.price };
    await world.putProduct(apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, body }));
    expect(Object.keys((await world.getProduct(get(PRODUCT_ID))).body)).not.toContain('description');
  });

  it.each([['"1"'], ['W/"1"'], ['"5", "1"'], ['*']])(
    'answers 304 without a body for If-None-Match: %s',
    async (tag) => {
      const world = await withProduct();
      const response = await world.getProduct(get(PRODUCT_ID, { 'If-None-Match': tag }));
      expect(response.status).toBe(304);
      expect(response.raw.body).toBe('');
      expect(response.headers.ETag).toBe('"1"');
    },
  );

  it('answers 200 when If-None-Match names another version', async () => {
    const world = await withProduct();
    expect((await world.getProduct(get(PRODUCT_ID, { 'If-None-Match': '"2"' }))).status).toBe(200);
  });

  it('answers 400 for a malformed If-None-Match', async () => {
    const world = await withProduct();
    expect((await world.getProduct(get(PRODUCT_ID, { 'If-None-Match': 'v1' }))).status).toBe(400);
  });

  it('answers 404 problem+json for an unknown product', async () => {
    const world = apiWorld();
    const response = await world.getProduct(get(PRODUCT_ID));
    expect(response.status).toBe(404);
    expect(response.headers['Content-Type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:catalog:problem:product-not-found',
      title: 'Not Found',
      status: 404,
    });
  });

  it.each([['42'], ['3f0b7c1e-6a0b-4c5e-9a3f'], ['']])('answers 400 for the id %j', async (id) => {
    const world = apiWorld();
    const response = await world.getProduct(get(id));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('answers 400 when API Gateway passes no path parameters at all', async () => {
    const world = apiWorld();
    expect((await world.getProduct({ ...get(PRODUCT_ID), pathParameters: null })).status).toBe(400);
  });

  it('answers 503 with Retry-After when the store throttles', async () => {
    const world = apiWorld();
    world.products.failNext('get', new StoreUnavailableError('throttled', 3));
    const response = await world.getProduct(get(PRODUCT_ID));
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('3');
  });

  it('answers 500 with only the correlation id for anything unexpected', async () => {
    const world = apiWorld();
    world.products.failNext('get', new TypeError("Cannot read properties of undefined (reading 'Item')"));
    const response = await world.getProduct(get(PRODUCT_ID));
    expect(response.status).toBe(500);
    expect(Object.keys(response.body).sort()).toEqual(['correlationId', 'detail', 'status', 'title', 'type']);
    expect(response.raw.body).not.toContain('Item');
  });
});
