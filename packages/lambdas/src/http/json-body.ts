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

// Node 22 has String.prototype.isWellFormed; the ES2023 lib does not declare it yet.
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

// U+FFFD in the body text is what a decoder leaves where bytes were not UTF-8: API Gateway hands a text body
// to the function already decoded, so that is all that is left of them. Refusing it makes a deployed API
// answer broken bytes as the handler answers them in a base64 body (docs/decisions/0009-edge-contract-and-cursor-secret.md).
const REPLACEMENT_CHARACTER = '\uFFFD';

const notUtf8 = () =>
  new HttpEdgeError(
    400,
    'MALFORMED_JSON',
    'The body is not valid UTF-8 (a literal U+FFFD counts as a decoding error: send it as \\ufffd).',
  );

/** The body's text: bytes must be UTF-8 (no overlong forms, no encoded surrogates), text well formed. */
const bodyText = (body: string | Buffer): string => {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      text = utf8.decode(body);
    } catch {
      throw notUtf8();
    }
  }
  if (!isWellFormed(text) || text.includes(REPLACEMENT_CHARACTER)) throw notUtf8();
  return text;
};

/** Whether any string in a parsed JSON value, keys included, holds a lone surrogate (`"\ud800"`). */
const hasLoneSurrogate = (value: unknown): boolean => {
  if (typeof value === 'string') return !isWellFormed(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  return Object.entries(value).some(([key, item]) => !isWellFormed(key) || hasLoneSurrogate(item));
};

/**
 * The request body as parsed JSON. Refuses, in this order: no body (400), a body over 16 KiB (413),
 * anything not declared as UTF-8 JSON (415), bytes that are not UTF-8 or not JSON, and strings (keys
 * included) with a lone surrogate escape (400 malformed-json).
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
  const text = bodyText(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new HttpEdgeError(400, 'MALFORMED_JSON', 'The body is not valid JSON.');
  }
  // The text is well formed, so a lone surrogate can only come from a `\u` escape: without one, no walk.
  if (text.includes('\\u') && hasLoneSurrogate(parsed)) {
    throw new HttpEdgeError(
      400,
      'MALFORMED_JSON',
      'The body holds a string with a lone surrogate (such as \\ud800 without its pair); it is not valid Unicode.',
    );
  }
  return parsed;
};
