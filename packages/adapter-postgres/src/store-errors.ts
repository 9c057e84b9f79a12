import { StoreUnavailableError, ValidationError } from '@catalog/domain';

// SQLSTATE classes and codes after which the same request may succeed later (another connection, the
// lock released, the server back up): the caller gets StoreUnavailableError (503 + Retry-After).
const RETRYABLE_CLASSES = new Set(['08']); // connection exceptions
const RETRYABLE_CODES = new Set([
  '53000', // insufficient_resources
  '53300', // too_many_connections
  '57P01', // admin_shutdown (e.g. pg_terminate_backend, a failover)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '57014', // query_canceled: the statement timeout
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available: the lock timeout
]);
// What Node and node-postgres say when a connection cannot be made or breaks off.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|not queryable|Connection ended/i;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Whether the error means the connection itself is gone (so a fresh one may succeed at once). */
export const isConnectionLoss = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || RETRYABLE_CLASSES.has(code.slice(0, 2)))) return true;
  if (code === '57P01' || code === '57P02' || code === '57P03') return true;
  return error instanceof Error && code === undefined && CONNECTION_MESSAGES.test(error.message);
};

/** Whether a later attempt of the same request may succeed. */
export const isRetryable = (error: unknown): boolean => {
  const code = codeOf(error);
  return isConnectionLoss(error) || (code !== undefined && RETRYABLE_CODES.has(code));
};

// A lost connection is re-established at once; contention clears about as fast.
const RETRY_AFTER_SECONDS = 1;

/**
 * The domain's view of a failed PostgreSQL call: StoreUnavailableError when retrying later may help, a
 * ValidationError for a row the schema's checks refuse, `onUniqueViolation` (the caller's conflict error)
 * for a unique violation, and any other failure wrapped with its cause. Without `onUniqueViolation` a
 * unique violation counts as contention the caller may retry (the write paths lock the id's row first, so
 * none is expected there).
 */
export const translateStoreError = (
  error: unknown,
  operation: string,
  onUniqueViolation?: (cause: unknown) => Error,
): Error => {
  const code = codeOf(error);
  if (code === '23505' && onUniqueViolation !== undefined) return onUniqueViolation(error);
  if (isRetryable(error) || code === '23505') {
    return new StoreUnavailableError(
      `PostgreSQL could not complete ${operation} (${code ?? (error instanceof Error ? error.message : 'unknown')})`,
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  if (code === '23514' || code === '23502' || code === '22001') {
    const constraint = (error as { constraint?: unknown }).constraint;
    return new ValidationError(
      [
        {
          field: typeof constraint === 'string' ? constraint : 'product',
          message: 'is refused by the store',
        },
      ],
      { cause: error },
    );
  }
  return new Error(
    `PostgreSQL failed ${operation}: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
};
