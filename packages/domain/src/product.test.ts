import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { changedFields, createProduct, parseProductDetails, replaceProduct, restoreProduct } from './product';
import { ProductId } from './product-id';

const id = ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60');
const details = parseProductDetails({
  name: 'Cup',
  description: 'White',
  price: { amount: 450, currency: 'EUR' },
});
const created = createProduct(id, details, new Date('2026-03-01T10:00:00.000Z'));

describe('parseProductDetails', () => {
  it('returns trimmed details and leaves an absent description out', () => {
    expect(parseProductDetails({ name: ' Cup ', price: { amount: 1, currency: 'USD' } })).toEqual({
      name: 'Cup',
      price: { amount: 1, currency: 'USD' },
    });
  });

  it('reports every bad field at once', () => {
    try {
      parseProductDetails({
        name: '',
        description: 'x'.repeat(2001),
        price: { amount: -1, currency: 'usd' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([
        'name',
        'description',
        'price.amount',
        'price.currency',
      ]);
    }
  });
});

describe('createProduct', () => {
  it('starts at version 1 with equal created and updated timestamps', () => {
    expect(created).toEqual({
      id,
      name: 'Cup',
      description: 'White',
      price: { amount: 450, currency: 'EUR' },
      version: 1,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
  });
});

describe('replaceProduct', () => {
  const later = new Date('2026-03-02T10:00:00.000Z');

  it('bumps the version, keeps createdAt and names the changed fields', () => {
    const next = parseProductDetails({ name: 'Mug', price: { amount: 450, currency: 'EUR' } });
    const { product, changedFields: fields } = replaceProduct(created, next, later);
    expect(fields).toEqual(['name', 'description']);
    expect(product).toEqual({
      id,
      name: 'Mug',
      price: { amount: 450, currency: 'EUR' },
      version: 2,
      createdAt: created.createdAt,
      updatedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('is a no-op for identical details: same version, same timestamps', () => {
    const { product, changedFields: fields } = replaceProduct(created, details, later);
    expect(fields).toEqual([]);
    expect(product).toBe(created);
  });
});

describe('changedFields', () => {
  it('notices a change of currency alone', () => {
    const other = parseProductDetails({
      name: 'Cup',
      description: 'White',
      price: { amount: 450, currency: 'USD' },
    });
    expect(changedFields(details, other)).toEqual(['price']);
  });
});

describe('restoreProduct', () => {
  it('round-trips a product through JSON', () => {
    expect(restoreProduct(JSON.parse(JSON.stringify(created)))).toEqual(created);
  });

  it('treats a null description as absent', () => {
    expect(restoreProduct({ ...created, description: null })).not.toHaveProperty('description');
  });

  it('reports every corrupt attribute', () => {
    const corrupt = {
      ...created,
      id: 'nope',
      version: 0,
      updatedAt: 'yesterday',
      price: { amount: 1.5, currency: 'EUR' },
    };
    try {
      restoreProduct(corrupt);
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([
        'id',
        'price.amount',
        'version',
        'updatedAt',
      ]);
    }
  });

  it('rejects something that is not an object', () => {
    expect(() => restoreProduct('product')).toThrow(ValidationError);
    expect(() => restoreProduct(null)).toThrow(ValidationError);
  });
});
