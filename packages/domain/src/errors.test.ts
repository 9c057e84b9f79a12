import { describe, expect, it } from 'vitest';
import {
  DomainError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  isDomainError,
  PreconditionFailedError,
  ProductNotFoundError,
  StoreUnavailableError,
  ValidationError,
  VersionConflictError,
} from './errors';

describe('the error taxonomy', () => {
  it.each([
    [new ValidationError([{ field: 'name', message: 'bad' }]), 'VALIDATION_FAILED', 'invariant_violated'],
    [new InvalidCursorError(), 'INVALID_CURSOR', 'invariant_violated'],
    [new ProductNotFoundError('x'), 'PRODUCT_NOT_FOUND', 'not_found'],
    [new VersionConflictError('x', 3, 4), 'VERSION_CONFLICT', 'conflict'],
    [new PreconditionFailedError('no'), 'PRECONDITION_FAILED', 'precondition_failed'],
    [new IdempotencyKeyInFlightError(), 'IDEMPOTENCY_KEY_IN_FLIGHT', 'conflict'],
    [new IdempotencyKeyReusedError(), 'IDEMPOTENCY_KEY_REUSED', 'unprocessable'],
    [new StoreUnavailableError('slow down'), 'STORE_UNAVAILABLE', 'unavailable'],
  ])('%s has a stable code and kind', (error, code, kind) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(error.constructor.name);
  });

  it('keeps the cause', () => {
    const cause = new Error('ConditionalCheckFailedException');
    expect(new VersionConflictError('x', 1, 2, { cause }).cause).toBe(cause);
  });

  it('says what a lost conditional write expected and what it found', () => {
    expect(new VersionConflictError('p', 3, 4).message).toBe(
      'Product p was changed concurrently (expected version 3, found version 4)',
    );
    expect(new VersionConflictError('p', 'absent', 2)).toMatchObject({ expected: 'absent', found: 2 });
    expect(new VersionConflictError('p', 'any', 'absent').message).toContain(
      'expected a live product, found no live product',
    );
  });

  it('joins validation issues into a readable message and re-roots them under a prefix', () => {
    const error = new ValidationError([
      { field: 'amount', message: 'must not be negative' },
      { field: 'currency', message: 'must be ISO 4217' },
    ]);
    expect(error.message).toBe('amount: must not be negative; currency: must be ISO 4217');
    expect(error.prefixed('price').issues.map((issue) => issue.field)).toEqual([
      'price.amount',
      'price.currency',
    ]);
  });

  it('does not treat a plain Error as a domain error', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
  });
});
