import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Container } from 'inversify';
import { Tracer, type AnnotationValue } from '../observability/tracing';
import type { apiWorld } from './api-gateway.test-support';
import { HttpEdge } from './edge';
import type { Route } from './route';

/** What a route's subsegment received: its annotations, the HTTP statuses set and the errors recorded. */
export interface RecordedSpan {
  readonly name: string;
  readonly annotations: Record<string, AnnotationValue>;
  readonly statuses: number[];
  readonly errors: unknown[];
}

/** A Tracer that runs the work and keeps what each span was told, in order. */
export const recordingTracer = () => {
  const spans: RecordedSpan[] = [];
  const tracer: Tracer = {
    traceHeader: () => undefined,
    instrumentAwsClient: (client) => client,
    trace: (name, work, options) => {
      const span: RecordedSpan = { name, annotations: { ...options?.annotations }, statuses: [], errors: [] };
      spans.push(span);
      return work({
        annotate: (key, value) => {
          span.annotations[key] = value;
        },
        setHttpStatus: (status) => span.statuses.push(status),
        recordError: (error) => span.errors.push(error),
      });
    },
  };
  return { tracer, spans };
};

/** Binds `tracer` in the world's ports: handlers built afterwards trace with it. */
export const traceWith = (world: ReturnType<typeof apiWorld>, tracer: Tracer): void => {
  world.ports.rebind<Tracer>(Tracer).toConstantValue(tracer);
};

/** The edge around a route of the test's own, on the world's observability ports. */
export const edgeHandler =
  (world: ReturnType<typeof apiWorld>, route: Route) =>
  (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const container = new Container({ parent: world.ports });
    container.bind(HttpEdge).toSelf();
    return container.get(HttpEdge).handlerFor(route)(event, {
      awsRequestId: 'lambda-request-1',
      functionName: route.name,
    });
  };
