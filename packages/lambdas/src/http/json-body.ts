import { HttpEdgeError } from './problem';
import { headerOf, type HttpRequest } from './request';

export const MAX_BODY_BYTES = 16 * 1024;

// application/json and structured-syntax variants such as application/merge-patch+json.
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// The common case, answered without splitting the header apart.
const PLAIN_JSON = /^application\/json(?:; ?charset=utf-8)?$/i;

const isJsonContentType = (header: string | undefined): boolean => {
  if (header === undefined) return false;
  if (PLAIN_JSON.test(header)) return true;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (!JSON_MEDIA_TYPE.test(mediaType)) return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"' || value === 'utf8';
  });
};

/**
 * The request body as parsed JSON. Refuses, in this order: no body (400), a body over 16 KiB (413),
 * anything not declared as UTF-8 JSON (415), bytes that are not UTF-8 or not JSON (400).
 */
export const readJsonBody = (request: HttpRequest): unknown => {
  const { body } = request;
  if (body === undefined) {
    throw new HttpEdgeError(400, 'BODY_REQUIRED', 'This request needs a JSON body.');
  }
  const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (bytes > MAX_BODY_BYTES) {
    throw new HttpEdgeError(
      413,
      'BODY_TOO_LARGE',
      `The body has ${bytes} bytes; at most ${MAX_BODY_BYTES} are accepted.`,
    );
  }
  if (!isJsonContentType(headerOf(request, 'content-type'))) {
    throw new HttpEdgeError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The body must be JSON, sent with Content-Type: application/json (UTF-8).',
    );
  }
  let text = body;
  if (typeof text !== 'string') {
    try {
      text = utf8.decode(text);
    } catch {
      throw new HttpEdgeError(400, 'MALFORMED_JSON', 'The body is not valid UTF-8.');
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpEdgeError(400, 'MALFORMED_JSON', 'The body is not valid JSON.');
  }
};
