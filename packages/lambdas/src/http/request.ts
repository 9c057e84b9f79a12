import type { APIGatewayProxyEvent } from 'aws-lambda';

type Values = Readonly<Record<string, readonly string[]>>;

/**
 * The parts of an API Gateway REST proxy event the routes read, normalised once: header names in lower
 * case, single- and multi-value maps merged, the body decoded from base64 when API Gateway encoded it.
 */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** The API Gateway resource template, e.g. `/api/products/{id}`. */
  readonly resource: string;
  readonly headers: Values;
  readonly query: Values;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The raw body bytes, or undefined when the request has none. */
  readonly body: Buffer | undefined;
}

/** Both maps may be null (no headers at all) and either may miss names the other has. */
const merge = (
  single: Readonly<Record<string, string | undefined>> | null | undefined,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null | undefined,
  lowerCase: boolean,
): Values => {
  const merged: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (rawName: string, values: readonly unknown[], replace: boolean): void => {
    const name = lowerCase ? rawName.toLowerCase() : rawName;
    const strings = values.filter((value): value is string => typeof value === 'string');
    if (strings.length === 0) return;
    const existing = merged[name];
    if (existing === undefined || replace) merged[name] = [...strings];
    else existing.push(...strings);
  };
  // The multi-value map carries every occurrence; the single-value map only the last one.
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (Array.isArray(values)) add(name, values, false);
  }
  for (const [name, value] of Object.entries(single ?? {})) {
    const key = lowerCase ? name.toLowerCase() : name;
    if (merged[key] === undefined) add(name, [value], false);
  }
  return merged;
};

const decodeBody = (event: APIGatewayProxyEvent): Buffer | undefined => {
  const { body } = event;
  if (typeof body !== 'string' || body.length === 0) return undefined;
  return Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
};

export const toHttpRequest = (event: APIGatewayProxyEvent): HttpRequest => {
  const pathParameters: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (typeof value === 'string') pathParameters[name] = value;
  }
  return {
    method: typeof event.httpMethod === 'string' ? event.httpMethod : '',
    path: typeof event.path === 'string' ? event.path : '',
    resource: typeof event.resource === 'string' ? event.resource : '',
    headers: merge(event.headers, event.multiValueHeaders, true),
    query: merge(event.queryStringParameters, event.multiValueQueryStringParameters, false),
    pathParameters,
    body: decodeBody(event),
  };
};

/** A header's value; repeated headers are joined with ", " as HTTP allows for list-valued fields. */
export const headerOf = (request: HttpRequest, name: string): string | undefined =>
  request.headers[name.toLowerCase()]?.join(', ');
