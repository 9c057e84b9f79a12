import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { ProductName } from './product-name';

const issuesOf = (value: unknown) => {
  try {
    ProductName.parse(value);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('ProductName', () => {
  it('trims surrounding whitespace', () => {
    expect(ProductName.parse('  Espresso cup \n')).toBe('Espresso cup');
  });

  it('accepts exactly 100 characters, counting an emoji as one', () => {
    expect(ProductName.parse('a'.repeat(100))).toHaveLength(100);
    expect(ProductName.parse('☕'.repeat(100))).toBe('☕'.repeat(100));
    expect(ProductName.parse('😀'.repeat(100))).toBe('😀'.repeat(100));
  });

  it('rejects 101 characters with a message that gives the limit and the length', () => {
    expect(issuesOf('a'.repeat(101))).toEqual([
      { field: 'name', message: 'must be at most 100 characters (got 101)' },
    ]);
  });

  it('rejects a name that is empty after trimming', () => {
    expect(issuesOf('   ')).toEqual([{ field: 'name', message: 'must not be empty' }]);
  });

  it('rejects control characters', () => {
    expect(issuesOf('Cup\u0000')[0]?.message).toMatch(/control characters/);
    expect(issuesOf('Line\nbreak')[0]?.message).toMatch(/control characters/);
  });

  it.each([42, null, undefined, {}, ['a']])('rejects the non-string %j', (value) => {
    expect(issuesOf(value)).toEqual([{ field: 'name', message: 'must be a string' }]);
  });
});
