import { describe, expect, it } from 'vitest';
import { createProduct, parseProductDetails, replaceProduct } from './product';
import { deleteProduct } from './product-deletion';
import { changeBetween, eventDataFor } from './product-events';
import { ProductId } from './product-id';

const product = createProduct(
  ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'),
  parseProductDetails({ name: 'Cup', price: { amount: 450, currency: 'EUR' } }),
  new Date('2026-03-01T10:00:00.000Z'),
);
const deletion = deleteProduct(product, new Date('2026-03-03T08:30:00.123Z'));
const recordedAt = new Date('2026-03-04T00:00:00.000Z');

describe('eventDataFor', () => {
  it('turns an insert into ProductCreated at the product’s version and time', () => {
    expect(eventDataFor({ kind: 'inserted', after: product })).toEqual({
      type: 'ProductCreated',
      product,
      productVersion: 1,
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('turns a removal into ProductDeleted: the last product, at the deletion’s own version and time', () => {
    expect(eventDataFor({ kind: 'removed', before: product, deletion })).toEqual({
      type: 'ProductDeleted',
      product,
      productVersion: 2,
      occurredAt: '2026-03-03T08:30:00.123Z',
    });
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
      productVersion: 2,
      occurredAt: '2026-03-02T00:00:00.000Z',
    });
  });

  it('is worth no event when only storage-level attributes changed', () => {
    const after = { ...product, version: 2, updatedAt: '2026-03-02T00:00:00.000Z' };
    expect(eventDataFor({ kind: 'modified', before: product, after })).toBeUndefined();
  });
});

describe('changeBetween', () => {
  const recreated = createProduct(product.id, product, new Date('2026-03-05T00:00:00.000Z'), deletion);

  it.each([
    ['nothing -> product: a creation', undefined, product, { kind: 'inserted', after: product }],
    ['deletion -> product: a re-creation', deletion, recreated, { kind: 'inserted', after: recreated }],
    [
      'product -> product: a modification',
      product,
      recreated,
      { kind: 'modified', before: product, after: recreated },
    ],
    [
      'product -> deletion: a removal at its version',
      product,
      deletion,
      { kind: 'removed', before: product, deletion },
    ],
    ['deletion -> deletion: nothing', deletion, { ...deletion, version: 9 }, undefined],
    ['deletion -> nothing: nothing', deletion, undefined, undefined],
    ['nothing -> deletion: nothing', undefined, deletion, undefined],
  ] as const)('reads %s', (_, before, after, change) => {
    expect(changeBetween(before, after, recordedAt)).toEqual(change);
  });

  it('reads a product removed without a deletion as deleted at the next version, at the recorded time', () => {
    expect(changeBetween(product, undefined, recordedAt)).toEqual({
      kind: 'removed',
      before: product,
      deletion: { id: product.id, version: 2, deletedAt: '2026-03-04T00:00:00.000Z' },
    });
  });

  it('gives a re-created product a version after its deletion', () => {
    expect(recreated.version).toBe(3);
    expect(eventDataFor(changeBetween(deletion, recreated, recordedAt)!)?.productVersion).toBeGreaterThan(
      eventDataFor({ kind: 'removed', before: product, deletion })!.productVersion,
    );
  });
});
