import { ProductNotFoundError, ValidationError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { GetProduct } from './get-product';
import { fakeWorld } from './use-cases.test-support';

const setup = () => {
  const world = fakeWorld();
  world.container.bind(GetProduct).toSelf();
  return { ...world, getProduct: world.container.get(GetProduct) };
};

describe(GetProduct, () => {
  it('returns the stored product', async () => {
    const { getProduct, products } = setup();
    const product = aProduct();
    products.seed(product);
    expect(await getProduct.execute({ id: product.id })).toEqual(product);
  });

  it('throws ProductNotFoundError for an unknown id', async () => {
    const { getProduct } = setup();
    await expect(getProduct.execute({ id: aProduct().id })).rejects.toBeInstanceOf(ProductNotFoundError);
  });

  it('throws ValidationError for an id that is not a UUID', async () => {
    const { getProduct } = setup();
    await expect(getProduct.execute({ id: '42' })).rejects.toBeInstanceOf(ValidationError);
  });
});
