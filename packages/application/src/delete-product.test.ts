import { PreconditionFailedError, ValidationError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DeleteProduct } from './delete-product';
import { context, fakeWorld } from './use-cases.test-support';

const setup = async () => {
  const world = fakeWorld();
  const product = aProduct();
  await world.products.put(product, context);
  world.container.bind(DeleteProduct).toSelf();
  return { ...world, product, deleteProduct: world.container.get(DeleteProduct) };
};

describe(DeleteProduct, () => {
  it('deletes an existing product', async () => {
    const { deleteProduct, products, product } = await setup();
    expect(await deleteProduct.execute({ id: product.id }, context)).toEqual({ deleted: true });
    expect(await products.get(product.id)).toBeUndefined();
  });

  it('succeeds for an absent product (idempotent delete)', async () => {
    const { deleteProduct } = await setup();
    expect(await deleteProduct.execute({ id: aProduct().id }, context)).toEqual({ deleted: false });
  });

  it.each([1, '*' as const])('deletes with a matching If-Match: %s', async (ifMatch) => {
    const { deleteProduct, products, product } = await setup();
    expect(await deleteProduct.execute({ id: product.id, ifMatch }, context)).toEqual({ deleted: true });
    expect(products.size()).toBe(0);
  });

  describe('when the precondition does not hold', () => {
    it('throws PreconditionFailedError for a stale version and keeps the product', async () => {
      const { deleteProduct, products, product } = await setup();
      await expect(deleteProduct.execute({ id: product.id, ifMatch: 2 }, context)).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await products.get(product.id)).toEqual(product);
    });

    it.each([1, '*' as const])(
      'throws PreconditionFailedError for If-Match: %s on an absent product',
      async (ifMatch) => {
        const { deleteProduct } = await setup();
        await expect(deleteProduct.execute({ id: aProduct().id, ifMatch }, context)).rejects.toBeInstanceOf(
          PreconditionFailedError,
        );
      },
    );
  });

  it('throws ValidationError for a bad id', async () => {
    const { deleteProduct } = await setup();
    await expect(deleteProduct.execute({ id: 'x' }, context)).rejects.toBeInstanceOf(ValidationError);
  });
});
