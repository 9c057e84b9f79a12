import { setTimeout as wait } from 'node:timers/promises';

/** How hard the publisher tries before it reports events as undelivered. */
export interface PutEventsRetrySettings {
  /** Calls per chunk, the first included; failed entries (or the whole chunk) are resent up to then. */
  readonly maxAttempts: number;
  /** The backoff before the n-th retry is drawn between half and all of min(max, base * 2^(n-1)). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1); replace it to make the jitter predictable. */
  readonly random: () => number;
}

export const DEFAULT_RETRY_SETTINGS: PutEventsRetrySettings = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  sleep: async (ms) => {
    await wait(ms);
  },
  random: Math.random,
};

/** Equal jitter: never less than half the exponential step, so a throttled bus always gets some air. */
export const backoffDelay = (settings: PutEventsRetrySettings, retry: number): number => {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (settings.random() * step) / 2);
};

// Entry error codes that the EventBridge API reference lists as not retryable: resending cannot help.
const PERMANENT_ENTRY_ERRORS = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'InvalidArgument',
  'MalformedDetail',
  'RedactionFailure',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export const isRetryableEntryError = (errorCode: string): boolean => !PERMANENT_ENTRY_ERRORS.has(errorCode);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);

/** The code a whole-call failure is reported with: the service's error name or the network error code. */
export const callErrorCode = (error: unknown): string => {
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
  if (typeof code === 'string' && code !== '') return code;
  return 'PutEventsFailed';
};

/**
 * Throttling, server faults and failures without an HTTP response (network, timeouts) are worth another
 * call; a client error (access denied, unknown bus, invalid request) is not.
 */
export const isRetryableCallError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return true;
  const shape = error as SdkErrorShape;
  if (shape.$retryable !== undefined && shape.$retryable !== false) return true;
  if (THROTTLING_ERRORS.has(callErrorCode(error))) return true;
  if (shape.$fault === 'server') return true;
  const status = shape.$metadata?.httpStatusCode;
  return typeof status !== 'number' || status >= 500;
};
