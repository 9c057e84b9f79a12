import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';

const NEW_ID = '00000000-0000-4000-8000-000000000001';

// requestContext.path is the path the client used: the stage invoke URL keeps the stage, a custom domain
// keeps its base path mapping's prefix, or nothing when the API is mapped at the root.
describe.each([
  ['the stage invoke URL', '/dev'],
  ['a custom domain mapped at its root', ''],
  ['a custom domain with base path "shop"', '/shop'],
  ['another stage', '/prod-eu'],
])('Location through %s', (_, pathPrefix) => {
  it('POST: the collection path the client used, then the new id', async () => {
    const world = apiWorld();
    const response = await world.createProduct(apiEvent('POST', COLLECTION, { body: cup, pathPrefix }));
    expect(response.status).toBe(201);
    expect(response.headers.Location).toBe(`${pathPrefix}/api/products/${NEW_ID}`);
  });

  it('PUT that creates: the path of the request itself', async () => {
    const world = apiWorld();
    const response = await world.putProduct(
      apiEvent('PUT', ITEM, { body: cup, pathPrefix, pathParameters: { id: PRODUCT_ID } }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.Location).toBe(`${pathPrefix}/api/products/${PRODUCT_ID}`);
  });

  it('an idempotent replay answers with the Location of the path it came through', async () => {
    const world = apiWorld();
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' };
    const body = JSON.stringify(cup);
    await world.createProduct(apiEvent('POST', COLLECTION, { body, headers, pathPrefix: '/dev' }));
    const replay = await world.createProduct(apiEvent('POST', COLLECTION, { body, headers, pathPrefix }));
    expect(replay.headers['Idempotent-Replayed']).toBe('true');
    expect(replay.headers.Location).toBe(`${pathPrefix}/api/products/${NEW_ID}`);
  });
});

describe('Location without requestContext.path', () => {
  it('falls back to the resource path API Gateway matched', async () => {
    const world = apiWorld();
    const response = await world.createProduct(apiEvent('POST', COLLECTION, { body: cup, pathPrefix: null }));
    expect(response.headers.Location).toBe(`/api/products/${NEW_ID}`);
  });

  it('ignores a trailing slash on the collection path', async () => {
    const world = apiWorld();
    const event = apiEvent('POST', COLLECTION, { body: cup });
    const response = await world.createProduct({
      ...event,
      requestContext: { ...event.requestContext, path: '/dev/api/products/' },
    });
    expect(response.headers.Location).toBe(`/dev/api/products/${NEW_ID}`);
  });
});
