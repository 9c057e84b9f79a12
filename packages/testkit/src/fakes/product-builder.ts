import { createProduct, parseProductDetails, ProductId, type Product } from '@catalog/domain';

let counter = 0;

/** A valid product with a fresh id; override any field. */
export const aProduct = (overrides: Partial<Product> = {}): Product => {
  counter++;
  const id = ProductId.parse(`10000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`);
  const details = parseProductDetails({
    name: `Product ${counter}`,
    description: `Description of product ${counter}`,
    price: { amount: 100 * counter, currency: 'EUR' },
  });
  return { ...createProduct(id, details, new Date('2026-01-01T00:00:00.000Z')), ...overrides };
};

/** A random-id product for tests that share a store across runs. */
export const aRandomProduct = (overrides: Partial<Product> = {}): Product =>
  aProduct({ id: ProductId.parse(crypto.randomUUID()), ...overrides });
