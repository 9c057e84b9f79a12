import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refused request to a local-only endpoint: a clear 4xx with what to fix. */
export class LocalRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'LocalRequestError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
};

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (/^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address) || address === '::1');

export const sendJson = (response: ServerResponse, status: number, body: unknown, headers = {}): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Correlation-Id': randomUUID(),
    ...headers,
  });
  response.end(text);
};

export const sendProblem = (response: ServerResponse, error: LocalRequestError, allow?: string): void => {
  const correlationId = randomUUID();
  const text = JSON.stringify({
    type: `urn:catalog:problem:local-${error.status}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    correlationId,
  });
  response.writeHead(error.status, {
    'Content-Type': 'application/problem+json',
    'Content-Length': Buffer.byteLength(text),
    'X-Correlation-Id': correlationId,
    ...(allow === undefined ? {} : { Allow: allow }),
  });
  response.end(text);
};

const MAX_LOCAL_BODY_BYTES = 4096;

/** A small JSON object body (empty means `{}`), or a LocalRequestError saying what is wrong with it. */
export const readJsonObject = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_LOCAL_BODY_BYTES) {
      request.resume();
      throw new LocalRequestError(413, `The body must be at most ${MAX_LOCAL_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new LocalRequestError(415, 'Send the body as application/json (or no body at all)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LocalRequestError(400, 'The body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new LocalRequestError(400, 'The body must be a JSON object');
  return parsed as Record<string, unknown>;
};
