import { PreconditionFailedError, ValidationError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it, vi } from 'vitest';
import { DeleteProduct } from './delete-product';
import { context, fakeWorld } from './use-cases.test-support';

const setup = () => {
  const world = fakeWorld();
  const product = aProduct();
  world.products.seed(product);
  world.container.bind(DeleteProduct).toSelf();
  return { ...world, product, deleteProduct: world.container.get(DeleteProduct) };
};

describe(DeleteProduct, () => {
  it('deletes an existing product', async () => {
    const { deleteProduct, products, product } = setup();
    expect(await deleteProduct.execute({ id: product.id }, context)).toEqual({ deleted: true });
    expect(await products.get(product.id)).toBeUndefined();
  });

  it('deletes at the clock’s time in one store call, leaving the id at the next version', async () => {
    const { deleteProduct, products, product, clock } = setup();
    const remove = vi.spyOn(products, 'delete');
    clock.advance(1_000);
    await deleteProduct.execute({ id: product.id, ifMatch: 1 }, context);
    expect(remove).toHaveBeenCalledTimes(1);
    expect(products.changes().at(-1)?.change).toEqual({
      kind: 'removed',
      before: product,
      deletion: { id: product.id, version: 2, deletedAt: '2026-05-01T12:00:01.000Z' },
    });
  });

  it('succeeds for an absent product (idempotent delete)', async () => {
    const { deleteProduct } = setup();
    expect(await deleteProduct.execute({ id: aProduct().id }, context)).toEqual({ deleted: false });
  });

  it.each([1, '*' as const])('deletes with a matching If-Match: %s', async (ifMatch) => {
    const { deleteProduct, products, product } = setup();
    expect(await deleteProduct.execute({ id: product.id, ifMatch }, context)).toEqual({ deleted: true });
    expect(products.size()).toBe(0);
  });

  describe('when the precondition does not hold', () => {
    it('throws PreconditionFailedError for a stale version and keeps the product', async () => {
      const { deleteProduct, products, product } = setup();
      await expect(deleteProduct.execute({ id: product.id, ifMatch: 2 }, context)).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await products.get(product.id)).toEqual(product);
    });

    it.each([1, '*' as const])(
      'throws PreconditionFailedError for If-Match: %s on an absent product',
      async (ifMatch) => {
        const { deleteProduct } = setup();
        await expect(deleteProduct.execute({ id: aProduct().id, ifMatch }, context)).rejects.toBeInstanceOf(
          PreconditionFailedError,
        );
      },
    );
  });

  it('throws ValidationError for a bad id', async () => {
    const { deleteProduct } = setup();
    await expect(deleteProduct.execute({ id: 'x' }, context)).rejects.toBeInstanceOf(ValidationError);
  });
});
