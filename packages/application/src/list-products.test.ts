import { InvalidCursorError, ValidationError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it, vi } from 'vitest';
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

  it.each([1, 100])('accepts the limit %s and asks the store for that many', async (limit) => {
    const { listProducts, products } = setup(101);
    const list = vi.spyOn(products, 'list');
    const page = await listProducts.execute({ limit });
    expect(page.items).toHaveLength(limit);
    expect(list).toHaveBeenCalledWith({ limit });
  });

  it.each([
    ['empty', ''],
    ['longer than 2,048 characters', 'x'.repeat(2049)],
  ])('refuses a cursor that is %s without asking the store', async (_, cursor) => {
    const { listProducts, products } = setup(1);
    const list = vi.spyOn(products, 'list');
    await expect(listProducts.execute({ cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    expect(list).not.toHaveBeenCalled();
  });

  it('leaves a cursor of 2,048 characters for the store to judge', async () => {
    const { listProducts, products } = setup(1);
    const list = vi.spyOn(products, 'list');
    const cursor = 'x'.repeat(2048);
    await expect(listProducts.execute({ cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    expect(list).toHaveBeenCalledWith({ limit: 20, cursor });
  });

  it.each(['', 'x'.repeat(2049), 'not-a-cursor'])('rejects the cursor %j', async (cursor) => {
    const { listProducts } = setup(1);
    await expect(listProducts.execute({ cursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
