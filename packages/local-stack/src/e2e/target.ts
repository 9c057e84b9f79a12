import { ApiContract } from '@catalog/testkit/openapi';
import { inject } from 'vitest';
import { LocalEventObserver, QueueEventObserver, type EventObserver } from './observed-events';

declare module 'vitest' {
  export interface ProvidedContext {
    localStack?: { apiUrl: string; origin: string; eventsUrl: string; token: string };
  }
}

export interface E2eTarget {
  /** The stage's base URL (a deployed invoke URL, or `<origin>/<stage>` of the local stack). */
  readonly baseUrl: string;
  /** The local stack's origin (token issuance, /_local endpoints); undefined against a deployed stage. */
  readonly localOrigin: string | undefined;
  /** The bearer token every request carries, when there is one. */
  readonly token: string | undefined;
  /** Undefined when a deployed API is targeted without an interceptor queue: event tests are then refused. */
  readonly events: EventObserver | undefined;
  readonly headers: Record<string, string>;
}

/**
 * The API under test: a deployed stage when `E2E_BASE_URL` is set (with `E2E_EVENTS_QUEUE_URL` for events
 * and `E2E_AUTH_TOKEN` for the authorizer), else the local stack the global setup started.
 */
export const e2eTarget = (): E2eTarget => {
  const deployed = process.env.E2E_BASE_URL;
  if (deployed) {
    const queueUrl = process.env.E2E_EVENTS_QUEUE_URL;
    const token = process.env.E2E_AUTH_TOKEN;
    const raw = token?.replace(/^Bearer\s+/i, '');
    return {
      baseUrl: deployed.replace(/\/$/, ''),
      localOrigin: undefined,
      token: raw,
      events: queueUrl ? new QueueEventObserver(queueUrl) : undefined,
      headers: raw ? { authorization: `Bearer ${raw}` } : {},
    };
  }
  const local = inject('localStack');
  if (!local)
    throw new Error('No E2E target: set E2E_BASE_URL or let the global setup start the local stack');
  return {
    baseUrl: local.apiUrl,
    localOrigin: local.origin,
    token: local.token,
    events: new LocalEventObserver(local.eventsUrl),
    headers: { authorization: `Bearer ${local.token}` },
  };
};

// Every answer of an operation the spec describes is checked against docs/api/openapi.yaml (status,
// headers, body); transport headers (Date, Connection, x-amzn-*, ...) are allowed besides.
const contract = await ApiContract.load();

const COLLECTION = /^\/api\/products\/?$/;
const ITEM = /^\/api\/products\/[^/]+$/;
const OPERATIONS: Readonly<Record<string, readonly [RegExp, string][]>> = {
  POST: [[COLLECTION, 'createProduct']],
  GET: [
    [COLLECTION, 'listProducts'],
    [ITEM, 'getProduct'],
  ],
  PUT: [[ITEM, 'putProduct']],
  DELETE: [[ITEM, 'deleteProduct']],
};

/** The spec's operation for a request, or undefined for a route the API does not have. */
export const operationOf = (method: string, path: string): string | undefined => {
  const pathname = path.split('?')[0] ?? '';
  return OPERATIONS[method.toUpperCase()]?.find(([pattern]) => pattern.test(pathname))?.[1];
};

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: () => Record<string, unknown>;
}

export const apiClient =
  (target: E2eTarget) =>
  async (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; anonymous?: boolean } = {},
  ): Promise<ApiResponse> => {
    // Strings and bytes are sent as they are (bytes need not be UTF-8), anything else as JSON.
    const raw =
      init.body === undefined || typeof init.body === 'string' || init.body instanceof Uint8Array
        ? init.body
        : JSON.stringify(init.body);
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: {
        ...(init.anonymous ? {} : target.headers),
        ...(raw === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(raw === undefined ? {} : { body: raw }),
    });
    const text = await response.text();
    const operationId = operationOf(method, path);
    if (operationId !== undefined) {
      contract.assert(
        { operationId, status: response.status, headers: Object.fromEntries(response.headers), body: text },
        'http',
      );
    }
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: () => JSON.parse(text) as Record<string, unknown>,
    };
  };
