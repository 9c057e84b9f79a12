import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { ProductId } from './product-id';

describe('ProductId', () => {
  it('accepts a UUID and normalises it to lower case', () => {
    expect(ProductId.parse('3F0B7C1E-6A0B-4C5E-9A3F-1B2C3D4E5F60')).toBe(
      '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60',
    );
  });

  it.each([
    ['an empty string', ''],
    ['a number', 42],
    ['undefined', undefined],
    ['a UUID without dashes', '3f0b7c1e6a0b4c5e9a3f1b2c3d4e5f60'],
    ['a UUID with a bad variant', '3f0b7c1e-6a0b-4c5e-7a3f-1b2c3d4e5f60'],
    ['a UUID with surrounding space', ' 3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'],
    ['a path traversal', '../../etc/passwd'],
    ['a UUID followed by more', '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f601'],
    ['a UUID followed by a line break', '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60\n'],
    ['an array holding a UUID', ['3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60']],
  ])('rejects %s with a ValidationError naming the field', (_, value) => {
    const error = catchError(() => ProductId.parse(value));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'id', message: expect.stringContaining('UUID') },
    ]);
  });

  it('tells a UUID string from anything else', () => {
    expect(ProductId.isValid('3F0B7C1E-6A0B-4C5E-9A3F-1B2C3D4E5F60')).toBe(true);
    expect(ProductId.isValid(['3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'])).toBe(false);
    expect(ProductId.isValid('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60 ')).toBe(false);
    expect(ProductId.isValid(undefined)).toBe(false);
  });

  it('names the field it was given', () => {
    const error = catchError(() => ProductId.parse('x', 'productId')) as ValidationError;
    expect(error.issues[0]?.field).toBe('productId');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
