import { ISO_4217_CODES } from './currency';
import { ValidationError, type FieldIssue } from './errors';
import { isRecord } from './guards';

export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/** An amount in minor units (cents for EUR) of one currency. */
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

export const MONEY_MAX_AMOUNT = 1_000_000_000;

const amountIssue = (amount: unknown): string | undefined => {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return 'must be a number';
  if (!Number.isInteger(amount)) return 'must be an integer number of minor units (e.g. cents)';
  if (amount < 0) return 'must not be negative';
  if (amount > MONEY_MAX_AMOUNT) return `must be at most ${MONEY_MAX_AMOUNT}`;
  return undefined;
};

const currencyIssue = (currency: unknown): string | undefined => {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    return 'must be a three-letter upper-case ISO 4217 code such as EUR';
  }
  if (!ISO_4217_CODES.has(currency)) return `${currency} is not an ISO 4217 currency code`;
  return undefined;
};

export const Money = {
  /** Reports every offending field at once (`amount`, `currency`), prefixed by `field`. */
  parse(value: unknown, field = 'price'): Money {
    if (!isRecord(value)) throw ValidationError.of(field, 'must be an object with amount and currency');
    const issues: FieldIssue[] = [];
    const amount = amountIssue(value.amount);
    if (amount) issues.push({ field: `${field}.amount`, message: amount });
    const currency = currencyIssue(value.currency);
    if (currency) issues.push({ field: `${field}.currency`, message: currency });
    if (issues.length > 0) throw new ValidationError(issues);
    return { amount: value.amount as number, currency: value.currency as CurrencyCode };
  },
  equals(a: Money, b: Money): boolean {
    return a.amount === b.amount && a.currency === b.currency;
  },
};
