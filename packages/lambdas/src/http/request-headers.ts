import { randomUUID } from 'node:crypto';
import { ValidationError } from '@catalog/domain';
import type { HttpRequest } from './request';

// Safe to echo in headers and logs: no spaces, quotes, separators or control characters.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `X-Correlation-Id` when it is well-formed, else a fresh UUID (never an error). */
export const correlationIdOf = (request: HttpRequest): string => {
  const values = request.headers.get('x-correlation-id');
  const given = values?.length === 1 ? values[0] : undefined;
  return given !== undefined && CORRELATION_ID.test(given) ? given : randomUUID();
};

// 1..255 visible ASCII characters (no spaces or control characters).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The optional `Idempotency-Key` of a POST; malformed or repeated -> 400. */
export const idempotencyKeyOf = (request: HttpRequest): string | undefined => {
  const values = request.headers.get('idempotency-key');
  if (values === undefined) return undefined;
  const key = values.length === 1 ? values[0] : undefined;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw ValidationError.of('Idempotency-Key', 'must be 1 to 255 visible ASCII characters, given once');
  }
  return key;
};
