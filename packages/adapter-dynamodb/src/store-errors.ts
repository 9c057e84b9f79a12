import { StoreUnavailableError } from '@catalog/domain';

// Errors the SDK has already retried (see client.ts) and that a later request may not meet: the caller gets
// a retryable StoreUnavailableError (503 + Retry-After at the HTTP edge) instead of a 500.
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);
// Server faults and timeouts: the SDK's TimeoutError covers its connect and socket timeouts (and the
// ECONNRESET / EPIPE / ETIMEDOUT it renames so); RequestTimeout(Exception) is the service's own.
const UNAVAILABLE = new Set([
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
// The store cannot be reached at all: refused, unresolvable, reset, timed out or unroutable. Node puts the
// code on the error (on an AggregateError too, when every address of a host failed).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

// Throttling outlasts the SDK's own backoff (about a second), so clients wait a little longer than for a
// transient server error or an unreachable store.
const THROTTLED_RETRY_AFTER_SECONDS = 2;
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

const nameOf = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

const isServerFault = (error: unknown): boolean => {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
};

const isUnreachable = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some((inner) => isUnreachable(inner, depth + 1));
  return isUnreachable(error.cause, depth + 1);
};

export const isConditionalCheckFailed = (error: unknown): error is Error & { Item?: unknown } =>
  nameOf(error) === 'ConditionalCheckFailedException';

/** The domain's view of a failed DynamoDB call: StoreUnavailableError when retrying later may help. */
export const translateStoreError = (error: unknown, operation: string): unknown => {
  const name = nameOf(error);
  if (name === undefined) return error;
  if (THROTTLING.has(name)) {
    return new StoreUnavailableError(
      `DynamoDB throttled ${operation} (${name})`,
      THROTTLED_RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  if (UNAVAILABLE.has(name) || isServerFault(error) || isUnreachable(error)) {
    const code = (error as { code?: unknown }).code;
    return new StoreUnavailableError(
      `DynamoDB could not complete ${operation} (${typeof code === 'string' ? code : name})`,
      UNAVAILABLE_RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  return error;
};

/** Runs one DynamoDB call, translating the errors a later retry may cure. */
export const storeCall = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw translateStoreError(error, operation);
  }
};
