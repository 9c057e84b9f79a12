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

  it('refuses a bad description even when name and price are fine', () => {
    expect(() =>
      parseProductDetails({ name: 'Cup', description: 'bell\u0007', price: { amount: 1, currency: 'EUR' } }),
    ).toThrow(
      new ValidationError([
        {
          field: 'description',
          message: 'must not contain control characters other than tabs and line breaks',
        },
      ]),
    );
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

  it.each(['product', null, [created]])('rejects %j, which is not an object', (raw) => {
    expect(issuesOf(raw)).toEqual([{ field: 'product', message: 'must be an object' }]);
  });

  it.each([0, 1.5, '2', null, Number.MAX_SAFE_INTEGER + 1])('rejects the version %j alone', (version) => {
    expect(issuesOf({ ...created, version })).toEqual([
      { field: 'version', message: 'must be a positive integer' },
    ]);
  });

  it.each([
    ['a date without time', '2026-03-01'],
    ['a date in words', 'March 1, 2026 10:00 UTC'],
    ['an offset instead of Z', '2026-03-01T10:00:00+01:00'],
    ['a timestamp with text after it', '2026-03-01T10:00:00.000Zoops'],
    ['text before a timestamp', 'on 2026-03-01T10:00:00.000Z'],
    ['an impossible date', '2026-02-30T25:61:00.000Z'],
    ['an array holding a timestamp', ['2026-03-01T10:00:00.000Z']],
  ])('rejects %s as createdAt, the only corrupt attribute', (_, createdAt) => {
    expect(issuesOf({ ...created, createdAt })).toEqual([
      { field: 'createdAt', message: 'must be an ISO 8601 UTC timestamp' },
    ]);
  });

  it('accepts timestamps with and without fractions of a second', () => {
    expect(restoreProduct({ ...created, updatedAt: '2026-03-01T10:00:00Z' }).updatedAt).toBe(
      '2026-03-01T10:00:00Z',
    );
    expect(restoreProduct({ ...created, updatedAt: '2026-03-01T10:00:00.123456789Z' }).updatedAt).toBe(
      '2026-03-01T10:00:00.123456789Z',
    );
  });

  it('lets an unexpected failure while reading a field through, instead of calling it a validation issue', () => {
    const failure = new Error('the record could not be read');
    const price = {
      get amount(): number {
        throw failure;
      },
      currency: 'EUR',
    };
    expect(() => restoreProduct({ ...created, price })).toThrow(failure);
  });
});

function issuesOf(raw: unknown): readonly unknown[] {
  try {
    restoreProduct(raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
