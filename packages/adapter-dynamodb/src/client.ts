import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbClientOptions {
  readonly region?: string;
  /** DynamoDB Local or another endpoint; the SDK's regional endpoint when absent. */
  readonly endpoint?: string;
  /** Total tries per call, the first included; DYNAMODB_MAX_ATTEMPTS when absent. */
  readonly maxAttempts?: number;
  /** Static credentials (DynamoDB Local); the SDK's default provider chain when absent. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

// Retries and timeouts, chosen for an API behind API Gateway (29 s integration limit) and a stream processor
// whose batch is retried as a whole anyway:
// - 'standard' mode: exponential backoff with full jitter (100 ms base for transient errors, 500 ms for
//   throttling), and a retry token bucket that stops retrying when most calls fail, so a throttled table is
//   not hammered by every warm container at once. 'adaptive' adds a client-side rate limiter, which helps
//   long-lived processes but not short-lived Lambda containers that each start with a fresh limiter.
// - 3 attempts: single-item calls take single-digit milliseconds, so two retries ride out a short burst of
//   throttling or a 5xx; beyond that the adapter reports StoreUnavailableError and the client gets 503 with
//   Retry-After, which spreads the load better than holding the request open.
// - 1 s to connect and 2 s per attempt: a healthy call is ~100x faster, so this only cuts off a dead
//   connection; worst case 3 x 3 s plus backoff stays far below the function and API Gateway timeouts.
export const DYNAMODB_MAX_ATTEMPTS = 3;
export const DYNAMODB_CONNECTION_TIMEOUT_MS = 1_000;
export const DYNAMODB_REQUEST_TIMEOUT_MS = 2_000;

/** A document client configured for this package's adapters: deliberate retries, short timeouts. */
export const createDynamoDbDocumentClient = (options: DynamoDbClientOptions = {}): DynamoDBDocumentClient => {
  const config: DynamoDBClientConfig = {
    maxAttempts: options.maxAttempts ?? DYNAMODB_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: DYNAMODB_CONNECTION_TIMEOUT_MS,
      requestTimeout: DYNAMODB_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      // Reused connections skip the TLS handshake on every warm invocation.
      httpsAgent: { keepAlive: true, maxSockets: 50 },
      httpAgent: { keepAlive: true, maxSockets: 50 },
    },
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  };
  // Without the logger middleware, which filters every input and output for an unconfigured logger. (The
  // document client refuses the SDK's cacheMiddleware option.)
  const client = new DynamoDBClient(config);
  client.middlewareStack.remove('loggerMiddleware');
  return DynamoDBDocumentClient.from(client, {
    // The mappers write every attribute explicitly; an undefined that slips through is dropped, not an error.
    marshallOptions: { removeUndefinedValues: true },
  });
};
