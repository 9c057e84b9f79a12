import { describe, expect, it } from 'vitest';
import { createProduct, parseProductDetails, replaceProduct } from './product';
import { eventDataFor } from './product-events';
import { ProductId } from './product-id';

const product = createProduct(
  ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'),
  parseProductDetails({ name: 'Cup', price: { amount: 450, currency: 'EUR' } }),
  new Date('2026-03-01T10:00:00.000Z'),
);

describe('eventDataFor', () => {
  it('turns an insert into ProductCreated', () => {
    expect(eventDataFor({ kind: 'inserted', after: product })).toEqual({ type: 'ProductCreated', product });
  });

  it('turns a removal into ProductDeleted carrying the last known product', () => {
    expect(eventDataFor({ kind: 'removed', before: product })).toEqual({ type: 'ProductDeleted', product });
  });

  it('turns a modification into ProductUpdated with the changed fields', () => {
    const { product: after } = replaceProduct(
      product,
      parseProductDetails({ name: 'Cup', price: { amount: 500, currency: 'EUR' } }),
      new Date('2026-03-02T00:00:00.000Z'),
    );
    expect(eventDataFor({ kind: 'modified', before: product, after })).toEqual({
      type: 'ProductUpdated',
      product: after,
      changedFields: ['price'],
    });
  });

  it('is worth no event when only storage-level attributes changed', () => {
    const after = { ...product, version: 2, updatedAt: '2026-03-02T00:00:00.000Z' };
    expect(eventDataFor({ kind: 'modified', before: product, after })).toBeUndefined();
  });
});
