import type { APIGatewayProxyEvent } from 'aws-lambda';

type Values = ReadonlyMap<string, readonly string[]>;

/**
 * The parts of an API Gateway REST proxy event the routes read, normalised once: header names in lower
 * case, single- and multi-value maps merged, the body decoded from base64 when API Gateway encoded it.
 */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /**
   * The path the client asked for, as API Gateway saw it: with the stage on an invoke URL
   * (`/dev/api/products`), with the base path on a custom domain (`/shop/api/products`). Locations are
   * built from it, so they work where the client is.
   */
  readonly requestPath: string;
  /** The API Gateway resource template, e.g. `/api/products/{id}`. */
  readonly resource: string;
  readonly headers: Values;
  readonly query: Values;
  readonly pathParameters: Readonly<Record<string, string>>;
  /**
   * The body as API Gateway passed it: text, or bytes when it was base64-encoded (binary media types);
   * undefined when the request has none.
   */
  readonly body: string | Buffer | undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Both maps may be null (no headers at all) and either may miss names the other has. Runs on every request,
 * so it reuses API Gateway's arrays instead of copying them.
 */
const merge = (
  single: Readonly<Record<string, string | undefined>> | null | undefined,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null | undefined,
  lowerCase: boolean,
): Values => {
  const merged = new Map<string, readonly string[]>();
  // The multi-value map carries every occurrence; the single-value map only the last one.
  if (multi) addMultiValues(merged, multi, lowerCase);
  if (single) addSingleValues(merged, single, lowerCase);
  return merged;
};

const addMultiValues = (
  merged: Map<string, readonly string[]>,
  multi: Readonly<Record<string, readonly string[] | undefined>>,
  lowerCase: boolean,
): void => {
  for (const name of Object.keys(multi)) {
    const values: unknown = multi[name];
    if (!Array.isArray(values)) continue;
    const strings = values.every(isString) ? (values as readonly string[]) : values.filter(isString);
    if (strings.length === 0) continue;
    const key = lowerCase ? name.toLowerCase() : name;
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? strings : [...existing, ...strings]);
  }
};

const addSingleValues = (
  merged: Map<string, readonly string[]>,
  single: Readonly<Record<string, string | undefined>>,
  lowerCase: boolean,
): void => {
  for (const name of Object.keys(single)) {
    const value = single[name];
    const key = lowerCase ? name.toLowerCase() : name;
    if (isString(value) && !merged.has(key)) merged.set(key, [value]);
  }
};

const decodeBody = (event: APIGatewayProxyEvent): string | Buffer | undefined => {
  const { body } = event;
  if (typeof body !== 'string' || body.length === 0) return undefined;
  return event.isBase64Encoded ? Buffer.from(body, 'base64') : body;
};

// Echoed in Location: only a path of visible ASCII characters is used, else the resource path.
const HEADER_SAFE_PATH = /^\/[\x21-\x7e]*$/;

const requestPathOf = (event: APIGatewayProxyEvent, path: string): string => {
  const given: unknown = (event.requestContext as { path?: unknown } | null | undefined)?.path;
  return typeof given === 'string' && HEADER_SAFE_PATH.test(given) ? given : path;
};

export const toHttpRequest = (event: APIGatewayProxyEvent): HttpRequest => {
  const pathParameters: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (typeof value === 'string') pathParameters[name] = value;
  }
  const path = typeof event.path === 'string' ? event.path : '';
  return {
    method: typeof event.httpMethod === 'string' ? event.httpMethod : '',
    path,
    requestPath: requestPathOf(event, path),
    resource: typeof event.resource === 'string' ? event.resource : '',
    headers: merge(event.headers, event.multiValueHeaders, true),
    query: merge(event.queryStringParameters, event.multiValueQueryStringParameters, false),
    pathParameters,
    body: decodeBody(event),
  };
};

/** A header's value; repeated headers are joined with ", " as HTTP allows for list-valued fields. */
export const headerOf = (request: HttpRequest, name: string): string | undefined =>
  request.headers.get(name.toLowerCase())?.join(', ');
