import { expect } from 'vitest';
import type { ApiResponse } from './target';

/**
 * What API Gateway answers itself (and the local stack identically): a problem+json body of the status, with
 * the request id as X-Correlation-Id and as the body's correlationId.
 */
export const expectGatewayProblem = (response: ApiResponse, status: number, type: string): void => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const correlationId = response.headers.get('x-correlation-id');
  expect(correlationId).toMatch(/\S+/);
  const body = response.json();
  expect(body).toMatchObject({ type: `urn:catalog:problem:${type}`, status, correlationId });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
};
