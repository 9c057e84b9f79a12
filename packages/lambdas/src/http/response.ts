import type { Product } from '@catalog/domain';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { etagOf } from './conditional';

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON; absent for 204 and 304. */
  readonly body?: unknown;
}

/** The public JSON form of a product (the brief's `Product` resource). */
export const productJson = (product: Product): Record<string, unknown> => ({
  id: product.id,
  name: product.name,
  ...(product.description === undefined ? {} : { description: product.description }),
  price: { amount: product.price.amount, currency: product.price.currency },
  version: product.version,
  createdAt: product.createdAt,
  updatedAt: product.updatedAt,
});

/** Where a product created through `collectionPath` (the path the client posted to) can be read. */
export const memberLocation = (collectionPath: string, product: Product): string =>
  `${collectionPath.replace(/\/+$/, '')}/${product.id}`;

/** A product with its ETag; `extra` adds headers such as Location. */
export const productResponse = (
  status: number,
  product: Product,
  extra: Readonly<Record<string, string>> = {},
): HttpResponse => ({
  status,
  headers: { ETag: etagOf(product.version), ...extra },
  body: productJson(product),
});

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** The API Gateway proxy result; every response carries the correlation id. */
export const toProxyResult = (response: HttpResponse, correlationId: string): APIGatewayProxyResult => {
  const headers: Record<string, string> = { ...response.headers, 'X-Correlation-Id': correlationId };
  if (response.body === undefined) return { statusCode: response.status, headers, body: '' };
  headers['Content-Type'] = response.status >= 400 ? PROBLEM_TYPE : JSON_TYPE;
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
};
