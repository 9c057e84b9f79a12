import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { createProduct, FIRST_VERSION, parseProductDetails } from './product';
import { deleteProduct, isProductDeletion, restoreProductDeletion } from './product-deletion';
import { ProductId } from './product-id';

const id = ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60');
const details = parseProductDetails({ name: 'Cup', price: { amount: 450, currency: 'EUR' } });
const product = { ...createProduct(id, details, new Date('2026-03-01T10:00:00.000Z')), version: 4 };

describe('deleteProduct', () => {
  it('takes the next version of the id and the deletion time', () => {
    expect(deleteProduct(product, new Date('2026-03-02T00:00:00.000Z'))).toEqual({
      id,
      version: 5,
      deletedAt: '2026-03-02T00:00:00.000Z',
    });
  });

  it('is a deletion, a product is not', () => {
    expect(isProductDeletion(deleteProduct(product, new Date()))).toBe(true);
    expect(isProductDeletion(product)).toBe(false);
  });
});

describe('createProduct after a deletion', () => {
  it('continues after the deletion’s version, so it never looks older than the deletion', () => {
    const deletion = deleteProduct(product, new Date('2026-03-02T00:00:00.000Z'));
    const again = createProduct(id, details, new Date('2026-03-03T00:00:00.000Z'), deletion);
    expect(again).toMatchObject({ version: 6, createdAt: '2026-03-03T00:00:00.000Z' });
  });

  it('starts a new id at the first version', () => {
    expect(createProduct(id, details, new Date()).version).toBe(FIRST_VERSION);
    expect(FIRST_VERSION).toBe(1);
  });
});

describe('restoreProductDeletion', () => {
  it('round-trips a deletion through JSON', () => {
    const deletion = deleteProduct(product, new Date('2026-03-02T00:00:00.000Z'));
    expect(restoreProductDeletion(JSON.parse(JSON.stringify(deletion)))).toEqual(deletion);
  });

  it('reports every corrupt field', () => {
    try {
      restoreProductDeletion({ id: 'nope', version: 0, deletedAt: 'yesterday' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([
        'id',
        'version',
        'deletedAt',
      ]);
    }
  });

  it('normalises the id and rejects what is not an object', () => {
    expect(
      restoreProductDeletion({ id: id.toUpperCase(), version: 2, deletedAt: '2026-01-01T00:00:00Z' }).id,
    ).toBe(id);
    expect(() => restoreProductDeletion(null)).toThrow(ValidationError);
  });
});
