import { InvalidCursorError, ValidationError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { ListProducts } from './list-products';
import { fakeWorld } from './use-cases.test-support';

const setup = (count: number) => {
  const world = fakeWorld();
  for (let i = 0; i < count; i++) world.products.seed(aProduct());
  world.container.bind(ListProducts).toSelf();
  return { ...world, listProducts: world.container.get(ListProducts) };
};

describe(ListProducts, () => {
  it('returns 20 products by default, with a cursor to the rest', async () => {
    const { listProducts } = setup(25);
    const page = await listProducts.execute({});
    expect(page.items).toHaveLength(20);
    const rest = await listProducts.execute({ cursor: page.nextCursor! });
    expect(rest.items).toHaveLength(5);
    expect(rest.nextCursor).toBeUndefined();
  });

  it.each([0, 101, 2.5, Number.NaN])('rejects the limit %s', async (limit) => {
    const { listProducts } = setup(0);
    await expect(listProducts.execute({ limit })).rejects.toThrow(
      new ValidationError([{ field: 'limit', message: 'must be an integer from 1 to 100' }]),
    );
  });

  it.each(['', 'x'.repeat(2049), 'not-a-cursor'])('rejects the cursor %j', async (cursor) => {
    const { listProducts } = setup(1);
    await expect(listProducts.execute({ cursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
