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

  const deletion = { id, version: 5, deletedAt: '2026-03-02T00:00:00.000Z' };

  it.each([
    ['id', 'nope', 'must be a UUID'],
    ['id', [id], 'must be a UUID'],
    ['version', 1.5, 'must be a positive integer'],
    ['version', '5', 'must be a positive integer'],
    ['deletedAt', '2026-03-02', 'must be an ISO 8601 UTC timestamp'],
    ['deletedAt', ['2026-03-02T00:00:00.000Z'], 'must be an ISO 8601 UTC timestamp'],
  ])('refuses the %s %j alone, naming only that field', (field, value, message) => {
    expect(() => restoreProductDeletion({ ...deletion, [field]: value })).toThrow(
      new ValidationError([{ field, message }]),
    );
  });

  it.each([null, 'deleted', [deletion]])('refuses %j, which is not an object', (raw) => {
    expect(() => restoreProductDeletion(raw)).toThrow(
      new ValidationError([{ field: 'deletion', message: 'must be an object' }]),
    );
  });

  it('normalises the id and rejects what is not an object', () => {
    expect(
      restoreProductDeletion({ id: id.toUpperCase(), version: 2, deletedAt: '2026-01-01T00:00:00Z' }).id,
    ).toBe(id);
    expect(() => restoreProductDeletion(null)).toThrow(ValidationError);
  });
});
