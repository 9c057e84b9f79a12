import { EventBridgeClient, type EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';

export interface EventBridgeClientOptions {
  readonly region?: string;
  /** A local PutEvents endpoint; the SDK's regional endpoint when absent. */
  readonly endpoint?: string;
  /** Static credentials (local endpoints); the SDK's default provider chain when absent. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

// The publisher retries failed entries and failed calls itself (bounded, with backoff and jitter), because
// only it can resend just the failed entries of a partially failed call; SDK retries on top would multiply
// the attempts and the time a stream batch can take. Hence one SDK attempt per call.
// A PutEvents call takes tens of milliseconds: 1 s to connect and 3 s per call only cut off a dead
// connection, and keep-alive skips the TLS handshake on warm invocations.
export const EVENTBRIDGE_CONNECTION_TIMEOUT_MS = 1_000;
export const EVENTBRIDGE_REQUEST_TIMEOUT_MS = 3_000;

/**
 * An EventBridge client for EventBridgeProductEventPublisher: no SDK retries, short timeouts, and its
 * middleware stack resolved once per command rather than on every call (`cacheMiddleware`: middleware must
 * be added before the first call, as the bindings do).
 */
export const createEventBridgeClient = (options: EventBridgeClientOptions = {}): EventBridgeClient => {
  const config: EventBridgeClientConfig = {
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: EVENTBRIDGE_CONNECTION_TIMEOUT_MS,
      requestTimeout: EVENTBRIDGE_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      httpsAgent: { keepAlive: true, maxSockets: 50 },
      httpAgent: { keepAlive: true, maxSockets: 50 },
    },
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  };
  const client = new EventBridgeClient({ ...config, cacheMiddleware: true });
  // The SDK's logger middleware filters every input and output for sensitive fields to hand them to a
  // logger that, unconfigured, discards them: a measurable part of each PutEvents call.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
};
