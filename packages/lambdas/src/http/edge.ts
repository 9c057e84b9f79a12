import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { inject, injectable } from 'inversify';
import { errorDetails, Logger, takeColdStart } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import {
  currentTraceHeader,
  traceIdOf,
  Tracer,
  withInvocationTraceHeader,
  type TraceSpan,
} from '../observability/tracing';
import { callerPrincipalOf } from './caller';
import { problemFor } from './problem';
import { toHttpRequest } from './request';
import { correlationIdOf } from './request-headers';
import { toProxyResult, type HttpResponse } from './response';
import type { Route, RouteContext } from './route';

/** The product a request is about: the path's id, or the id of the product a POST created. */
const productIdOf = (event: APIGatewayProxyEvent, response: HttpResponse): string | undefined => {
  // An annotation is indexed; a malformed id from the path is kept only when it is id-sized.
  const fromPath = event.pathParameters?.id;
  if (typeof fromPath === 'string' && fromPath !== '' && fromPath.length <= 64) return fromPath;
  const fromBody = (response.body as { id?: unknown } | undefined)?.id;
  return typeof fromBody === 'string' ? fromBody : undefined;
};

/** The part of the Lambda context the edge reads (the local stack may pass just the first two). */
export type InvocationContext = Pick<Context, 'awsRequestId' | 'functionName'> &
  Partial<Pick<Context, 'getRemainingTimeInMillis'>>;

// Without the Lambda context's own figure, a request may run as long as API Gateway waits for it.
export const API_GATEWAY_TIMEOUT_MS = 29_000;

/** An API Gateway REST proxy handler, as Lambda invokes it. */
export type ApiHandler = (
  event: APIGatewayProxyEvent,
  context: InvocationContext,
) => Promise<APIGatewayProxyResult>;

/**
 * Everything every route shares: request normalisation, correlation id, per-invocation logger, tracing,
 * the error -> problem mapping, the access log line and the metrics flush. It never throws.
 */
@injectable()
export class HttpEdge {
  constructor(
    @inject(Logger) private readonly logger: Logger,
    @inject(Metrics) private readonly metrics: Metrics,
    @inject(Tracer) private readonly tracer: Tracer,
  ) {}

  handlerFor(route: Route): ApiHandler {
    return (event, context) => this.serve(route, event, context);
  }

  /**
   * The whole invocation is the route's subsegment, annotated with route, correlation id and product id; the
   * trace header is read once for all of it (the tracer, the log fields, the AWS calls' subsegments).
   */
  private serve(
    route: Route,
    event: APIGatewayProxyEvent,
    context: InvocationContext,
  ): Promise<APIGatewayProxyResult> {
    return withInvocationTraceHeader(() =>
      this.tracer.trace(route.name, (span) => this.respond(route, event, context, span), {
        annotations: { route: route.name },
      }),
    );
  }

  private async respond(
    route: Route,
    event: APIGatewayProxyEvent,
    context: InvocationContext,
    span: TraceSpan,
  ): Promise<APIGatewayProxyResult> {
    const started = performance.now();
    const coldStart = takeColdStart();
    const fields = this.invocationFields(event, context, coldStart);
    let correlationId: string | undefined;
    let response: HttpResponse;
    try {
      const request = toHttpRequest(event);
      correlationId = correlationIdOf(request);
      fields.correlationId = correlationId;
      response = await route.handle(request, this.routeContext(correlationId, fields, event, context));
      this.logger.info('request completed', {
        ...fields,
        ...this.accessFields(route, event, response.status, started),
      });
    } catch (error) {
      correlationId ??= randomUUID();
      const outcome = problemFor(error, correlationId);
      const { status } = outcome.problem;
      const retryAfter = outcome.retryAfterSeconds;
      response = {
        status,
        body: outcome.problem,
        ...(retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } }),
      };
      const line = {
        ...fields,
        correlationId,
        ...this.accessFields(route, event, status, started),
        code: outcome.problem.type,
      };
      if (outcome.unexpected) span.recordError(error);
      if (outcome.unexpected) this.logger.error('request failed', { ...line, error: errorDetails(error) });
      else this.logger.info('request refused', line);
      if (status === 400) this.metrics.add('ValidationFailures');
    }
    span.annotate('correlationId', correlationId);
    span.setHttpStatus(response.status);
    const productId = productIdOf(event, response);
    if (productId !== undefined) span.annotate('productId', productId);
    this.metrics.flush();
    return toProxyResult(response, correlationId);
  }

  /** On every line of the invocation: who ran it, where, and for which request. */
  private invocationFields(
    event: APIGatewayProxyEvent,
    context: InvocationContext,
    coldStart: boolean,
  ): Record<string, unknown> {
    return {
      requestId: context.awsRequestId,
      functionName: context.functionName,
      coldStart,
      correlationId: undefined,
      xrayTraceId: traceIdOf(currentTraceHeader()),
      apiRequestId: event.requestContext?.requestId, // eslint-disable-line @typescript-eslint/no-unnecessary-condition
    };
  }

  /** Routes that log get a child logger carrying the invocation fields, made only when first asked for. */
  private routeContext(
    correlationId: string,
    fields: Record<string, unknown>,
    event: APIGatewayProxyEvent,
    context: InvocationContext,
  ): RouteContext {
    const { logger, metrics } = this;
    let log: Logger | undefined;
    const principal = callerPrincipalOf(event);
    return {
      correlationId,
      ...(principal === undefined ? {} : { principal }),
      remainingTimeMs: () => context.getRemainingTimeInMillis?.() ?? API_GATEWAY_TIMEOUT_MS,
      metrics,
      get log() {
        return (log ??= logger.child(fields));
      },
    };
  }

  private accessFields(route: Route, event: APIGatewayProxyEvent, status: number, started: number) {
    return {
      route: route.name,
      method: event.httpMethod,
      path: event.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }
}
