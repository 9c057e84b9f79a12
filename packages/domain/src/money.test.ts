import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { Money } from './money';

const issuesOf = (value: unknown) => {
  try {
    Money.parse(value);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('Money', () => {
  it('accepts integer minor units from 0 to 10^9 in an ISO 4217 currency', () => {
    expect(Money.parse({ amount: 0, currency: 'EUR' })).toEqual({ amount: 0, currency: 'EUR' });
    expect(Money.parse({ amount: 1_000_000_000, currency: 'JPY' })).toEqual({ amount: 1e9, currency: 'JPY' });
  });

  it.each([
    [-1, 'must not be negative'],
    [12.5, 'must be an integer number of minor units (e.g. cents)'],
    [1_000_000_001, 'must be at most 1000000000'],
    [Number.NaN, 'must be a number'],
    [Number.POSITIVE_INFINITY, 'must be a number'],
    ['100', 'must be a number'],
  ])('rejects the amount %s: %s', (amount, message) => {
    expect(issuesOf({ amount, currency: 'EUR' })).toEqual([{ field: 'price.amount', message }]);
  });

  // Codes from every part of the list, first and last included.
  it.each(['AED', 'CAD', 'GEL', 'KRW', 'NAD', 'SHP', 'UZS', 'ZWG'])('accepts the currency %s', (currency) => {
    expect(Money.parse({ amount: 1, currency })).toEqual({ amount: 1, currency });
  });

  it.each(['eur', 'EU', 'EURO', '', 42, ['EUR'], null])('rejects the malformed currency %j', (currency) => {
    expect(issuesOf({ amount: 1, currency })).toEqual([
      { field: 'price.currency', message: 'must be a three-letter upper-case ISO 4217 code such as EUR' },
    ]);
  });

  it('rejects a well-formed code that is not an ISO 4217 currency', () => {
    expect(issuesOf({ amount: 1, currency: 'ABC' })).toEqual([
      { field: 'price.currency', message: 'ABC is not an ISO 4217 currency code' },
    ]);
  });

  it('reports a bad amount and a bad currency together', () => {
    expect(issuesOf({ amount: -5, currency: 'x' }).map((issue) => issue.field)).toEqual([
      'price.amount',
      'price.currency',
    ]);
  });

  it.each([null, 'EUR 5', [], 5])('rejects %j as a price', (value) => {
    expect(issuesOf(value)).toEqual([
      { field: 'price', message: 'must be an object with amount and currency' },
    ]);
  });

  it('compares by amount and currency', () => {
    const a = Money.parse({ amount: 5, currency: 'EUR' });
    expect(Money.equals(a, Money.parse({ amount: 5, currency: 'EUR' }))).toBe(true);
    expect(Money.equals(a, Money.parse({ amount: 5, currency: 'USD' }))).toBe(false);
    expect(Money.equals(a, Money.parse({ amount: 6, currency: 'EUR' }))).toBe(false);
  });
});
