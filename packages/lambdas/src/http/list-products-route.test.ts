import { StoreUnavailableError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, cup, type EventOptions } from './api-gateway.test-support';

const list = (query?: EventOptions['query']) =>
  apiEvent('GET', COLLECTION, query === undefined ? {} : { query });

const withProducts = async (count: number) => {
  const world = apiWorld();
  for (let i = 0; i < count; i++)
    await world.createProduct(apiEvent('POST', COLLECTION, { body: { ...cup, name: `Cup ${i}` } }));
  return world;
};

describe('GET /api/products', () => {
  it('pages through every product exactly once; nextCursor is null on the last page', async () => {
    const world = await withProducts(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await world.listProducts(
        list(cursor === null ? { limit: '3' } : { limit: '3', cursor }),
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...(response.body.items as { id: string }[]).map((item) => item.id));
      cursor = response.body.nextCursor as string | null;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  it('returns 20 items by default, in the public product form', async () => {
    const world = await withProducts(21);
    const response = await world.listProducts(list());
    expect(response.body.items).toHaveLength(20);
    expect(response.body.items[0]).toEqual(
      expect.objectContaining({ name: 'Cup 0', version: 1, price: cup.price }),
    );
    expect(typeof response.body.nextCursor).toBe('string');
  });

  it('answers an empty page with nextCursor null, and treats an empty cursor as none', async () => {
    const world = apiWorld();
    expect((await world.listProducts(list({ cursor: '' }))).body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'abc' }, 'limit'],
    [{ limit: '1e1' }, 'limit'],
    [{ limit: ['1', '2'] }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ cursor: 'x'.repeat(3000) }, 'cursor'],
  ])('answers 400 for %j', async (query, field) => {
    const world = await withProducts(1);
    const response = await world.listProducts(list(query));
    expect(response.status).toBe(400);
    expect(response.headers['Content-Type']).toBe('application/problem+json');
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it('answers 503 with Retry-After when the store throttles', async () => {
    const world = apiWorld();
    world.products.failNext('list', new StoreUnavailableError('throttled'));
    const response = await world.listProducts(list());
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('1');
  });

  it('answers 500 with only the correlation id for anything unexpected', async () => {
    const world = apiWorld();
    world.products.failNext('list', new Error('unmarshalling failed for item 7'));
    const response = await world.listProducts(list());
    expect(response.status).toBe(500);
    expect(response.raw.body).not.toContain('unmarshalling');
  });
});
