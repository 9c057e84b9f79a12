import { StoreUnavailableError, VersionConflictError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';

const del = (headers: Record<string, string> = {}, id = PRODUCT_ID) =>
  apiEvent('DELETE', ITEM, { pathParameters: { id }, headers });

const withProduct = async () => {
  const world = apiWorld();
  await world.putProduct(apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, body: cup }));
  world.metricLines.length = 0;
  return world;
};

describe('DELETE /api/products/{id}', () => {
  it('answers 204 without a body and removes the product', async () => {
    const world = await withProduct();
    const response = await world.deleteProduct(del({ 'X-Correlation-Id': 'del-1' }));
    expect(response.status).toBe(204);
    expect(response.raw.body).toBe('');
    expect(world.products.size()).toBe(0);
    expect(world.products.changes().at(-1)?.correlationId).toBe('del-1');
    expect(world.metricLines).toEqual([expect.objectContaining({ ProductsDeleted: 1 })]);
  });

  it('answers 204 when the product is absent, counting nothing', async () => {
    const world = apiWorld();
    expect((await world.deleteProduct(del())).status).toBe(204);
    expect(world.metricLines).toEqual([]);
  });

  it('deletes with a matching If-Match', async () => {
    const world = await withProduct();
    expect((await world.deleteProduct(del({ 'If-Match': '"1"' }))).status).toBe(204);
    expect(world.products.size()).toBe(0);
  });

  it.each([
    ['a stale If-Match', '"2"', true],
    ['If-Match on an absent product', '"1"', false],
    ['If-Match: * on an absent product', '*', false],
  ])('answers 412 for %s', async (_, tag, exists) => {
    const world = exists ? await withProduct() : apiWorld();
    const response = await world.deleteProduct(del({ 'If-Match': tag }));
    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({ status: 412, type: 'urn:catalog:problem:precondition-failed' });
    expect(world.products.size()).toBe(exists ? 1 : 0);
  });

  it('answers 400 for a malformed If-Match or id', async () => {
    const world = await withProduct();
    expect((await world.deleteProduct(del({ 'If-Match': 'one' }))).status).toBe(400);
    expect((await world.deleteProduct(del({}, 'nope'))).status).toBe(400);
    expect(world.products.size()).toBe(1);
  });

  it('answers 503 with Retry-After when the store throttles', async () => {
    const world = await withProduct();
    world.products.failNext('delete', new StoreUnavailableError('throttled'));
    const response = await world.deleteProduct(del());
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('1');
  });

  it('answers 409 for a version conflict the store reports outside any precondition', async () => {
    const world = await withProduct();
    world.products.failNext('delete', new VersionConflictError(PRODUCT_ID, 'any', 2));
    const response = await world.deleteProduct(del());
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: 'urn:catalog:problem:version-conflict' });
  });

  it('answers 500 with only the correlation id for anything unexpected', async () => {
    const world = await withProduct();
    world.products.failNext('delete', new Error('socket closed'));
    const response = await world.deleteProduct(del({ 'X-Correlation-Id': 'd-500' }));
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ correlationId: 'd-500' });
    expect(response.raw.body).not.toContain('socket');
  });
});
