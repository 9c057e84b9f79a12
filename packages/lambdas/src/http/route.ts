import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { HttpRequest } from './request';
import type { HttpResponse } from './response';

/** What a route knows about the invocation beyond the request itself. */
export interface RouteContext {
  readonly correlationId: string;
  /** The caller as the authorizer identified it (`callerPrincipalOf`); absent for an anonymous caller. */
  readonly principal?: string;
  /** How long the invocation may still run, in milliseconds. */
  readonly remainingTimeMs: () => number;
  /** Carries request id, function name, cold start and correlation id on every line. */
  readonly log: Logger;
  readonly metrics: Metrics;
}

/**
 * One operation of the HTTP API: reads the request, runs its use case, shapes the response. Routes throw
 * for every failure; the edge turns errors into problem responses, so no route decides an error status.
 */
export interface Route {
  readonly name: string;
  handle(request: HttpRequest, context: RouteContext): Promise<HttpResponse>;
}
export const Route = Symbol.for('catalog.http.Route');
