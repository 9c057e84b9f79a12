import type { IncomingMessage } from 'node:http';

/** API Gateway's own payload limit (the functions enforce the API's much smaller one). */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
// An oversized body is read and dropped up to this much more, so the 413 reaches the client instead of a
// connection reset; beyond it (or after DRAIN_MS) the connection is cut.
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 10_000;

export type RequestBody =
  { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly drained: boolean };

export const declaredTooLarge = (request: IncomingMessage, limit = MAX_PAYLOAD_BYTES): boolean =>
  Number(request.headers['content-length'] ?? 0) > limit;

/** Reads the body; one over `limit` is drained and dropped (`drained: false` when even that was too much). */
export const readRequestBody = async (
  request: IncomingMessage,
  limit = MAX_PAYLOAD_BYTES,
): Promise<RequestBody> => {
  const chunks: Buffer[] = [];
  let size = 0;
  const deadline = Date.now() + DRAIN_MS;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
    else if (size > limit + DRAIN_LIMIT_BYTES || Date.now() > deadline) return { ok: false, drained: false };
  }
  return size > limit ? { ok: false, drained: true } : { ok: true, body: Buffer.concat(chunks) };
};
