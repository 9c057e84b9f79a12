/**
 * The error taxonomy. Every error the domain or application raises on purpose is a DomainError with a
 * stable `code` (for clients and logs) and a `kind` (for transport mapping: the HTTP edge maps kinds to
 * statuses in one table).
 */
export type ErrorKind =
  'invariant_violated' | 'not_found' | 'conflict' | 'precondition_failed' | 'unprocessable' | 'unavailable';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One or more values break an invariant; `issues` names each offending field. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'invariant_violated';

  constructor(
    readonly issues: readonly FieldIssue[],
    options?: ErrorOptions,
  ) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), options);
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }

  /** Re-roots every issue under `prefix` (e.g. `amount` -> `price.amount`). */
  prefixed(prefix: string): ValidationError {
    return new ValidationError(
      this.issues.map((issue) => ({ field: `${prefix}.${issue.field}`, message: issue.message })),
      { cause: this },
    );
  }
}

export class InvalidCursorError extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly kind = 'invariant_violated';
  readonly issues: readonly FieldIssue[] = [
    { field: 'cursor', message: 'is not a cursor issued by this API' },
  ];

  constructor(options?: ErrorOptions) {
    super('The cursor is malformed, tampered with or was not issued by this API', options);
  }
}

export class ProductNotFoundError extends DomainError {
  readonly code = 'PRODUCT_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(readonly productId: string) {
    super(`Product ${productId} does not exist`);
  }
}

/** What a conditional write required of an id: no live product, any live product, or one at this version. */
export type ExpectedVersion = number | 'absent' | 'any';

/** What the write found instead: no live product (never created, or deleted), or the live product's version. */
export type FoundVersion = number | 'absent';

const describeVersion = (version: ExpectedVersion | FoundVersion): string =>
  typeof version === 'number'
    ? `version ${version}`
    : version === 'any'
      ? 'a live product'
      : 'no live product';

/**
 * A conditional write lost: the id's stored state is not the one the writer based its change on. `expected`
 * and `found` tell the cases apart (a create that met a live product, a replace or delete that met none, or
 * one that met another version).
 */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  readonly kind = 'conflict';
  constructor(
    readonly productId: string,
    readonly expected: ExpectedVersion,
    readonly found: FoundVersion,
    options?: ErrorOptions,
  ) {
    super(
      `Product ${productId} was changed concurrently (expected ${describeVersion(expected)}, found ${describeVersion(found)})`,
      options,
    );
  }
}

/** The client's precondition (If-Match / If-None-Match) does not hold. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';
  readonly kind = 'precondition_failed';
}

export class IdempotencyKeyInFlightError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_IN_FLIGHT';
  readonly kind = 'conflict';

  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry later');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'unprocessable';

  constructor() {
    super('This Idempotency-Key was already used with a different request body');
  }
}

/** The store is throttling or briefly unavailable; the same request may succeed later. */
export class StoreUnavailableError extends DomainError {
  readonly code = 'STORE_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
