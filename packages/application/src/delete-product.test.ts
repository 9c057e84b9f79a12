import {
  PreconditionFailedError,
  StoreUnavailableError,
  ValidationError,
  VersionConflictError,
} from '@catalog/domain';
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

  describe('what a failed precondition says', () => {
    it('names the version the product is at, and keeps the conflict as the cause', async () => {
      const { deleteProduct, product } = setup();
      const error = await deleteProduct
        .execute({ id: product.id, ifMatch: 2 }, context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect((error as Error).message).toBe(
        `Product ${product.id} is at version 1, not at version 2 (If-Match)`,
      );
      expect((error as Error).cause).toBeInstanceOf(VersionConflictError);
    });

    it('says the product does not exist, for a version', async () => {
      const { deleteProduct } = setup();
      const id = aProduct().id;
      await expect(deleteProduct.execute({ id, ifMatch: 1 }, context)).rejects.toThrow(
        `Product ${id} does not exist, not at version 1 (If-Match)`,
      );
    });

    it('says the product does not exist, for *', async () => {
      const { deleteProduct } = setup();
      const id = aProduct().id;
      await expect(deleteProduct.execute({ id, ifMatch: '*' }, context)).rejects.toThrow(
        new PreconditionFailedError(`Product ${id} does not exist (If-Match: *)`),
      );
    });
  });

  it('passes a store failure through as it is, not as a failed precondition', async () => {
    const { deleteProduct, products, product } = setup();
    const unavailable = new StoreUnavailableError('throttled');
    products.failNext('delete', unavailable);
    await expect(deleteProduct.execute({ id: product.id, ifMatch: 1 }, context)).rejects.toBe(unavailable);
    expect(await products.get(product.id)).toEqual(product);
  });

  it('throws ValidationError for a bad id', async () => {
    const { deleteProduct } = setup();
    await expect(deleteProduct.execute({ id: 'x' }, context)).rejects.toBeInstanceOf(ValidationError);
  });
});
