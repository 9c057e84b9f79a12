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
  // Each error is built inside its test, so that the test exercises the class rather than a value made
  // while the file was collected.
  it.each([
    [
      () => new ValidationError([{ field: 'name', message: 'bad' }]),
      'VALIDATION_FAILED',
      'invariant_violated',
      'name: bad',
    ],
    [
      () => new InvalidCursorError(),
      'INVALID_CURSOR',
      'invariant_violated',
      'The cursor is malformed, tampered with or was not issued by this API',
    ],
    [() => new ProductNotFoundError('x'), 'PRODUCT_NOT_FOUND', 'not_found', 'Product x does not exist'],
    [
      () => new VersionConflictError('x', 3, 4),
      'VERSION_CONFLICT',
      'conflict',
      'Product x was changed concurrently (expected version 3, found version 4)',
    ],
    [() => new PreconditionFailedError('no'), 'PRECONDITION_FAILED', 'precondition_failed', 'no'],
    [
      () => new IdempotencyKeyInFlightError(),
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'conflict',
      'A request with this Idempotency-Key is still being processed; retry later',
    ],
    [
      () => new IdempotencyKeyReusedError(),
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'This Idempotency-Key was already used with a different request body',
    ],
    [() => new StoreUnavailableError('slow down'), 'STORE_UNAVAILABLE', 'unavailable', 'slow down'],
  ])('%#: has a stable code and kind, and says what happened', (make, code, kind, message) => {
    const error = make();
    expect(error).toBeInstanceOf(DomainError);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.name).toBe(error.constructor.name);
  });

  it('names the cursor as the field an InvalidCursorError is about', () => {
    expect(new InvalidCursorError().issues).toEqual([
      { field: 'cursor', message: 'is not a cursor issued by this API' },
    ]);
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
    const prefixed = error.prefixed('price');
    expect(prefixed.issues).toEqual([
      { field: 'price.amount', message: 'must not be negative' },
      { field: 'price.currency', message: 'must be ISO 4217' },
    ]);
    expect(prefixed.cause).toBe(error);
  });

  it('does not treat a plain Error as a domain error', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
  });
});
