import type { Tracer, TraceSpan } from './tracing';

export const TRACING_MIDDLEWARE = 'catalogTracing';

export type AwsFields = Readonly<Record<string, string | number>>;

/** A span that can also carry X-Ray's `aws` fields (operation, table name, request id, retries). */
export interface AwsCallSpan extends TraceSpan {
  setAws(fields: AwsFields): void;
  markThrottled(): void;
}

const isAwsCallSpan = (span: TraceSpan): span is AwsCallSpan => 'setAws' in span;

interface CallMetadata {
  readonly httpStatusCode?: number;
  readonly requestId?: string;
  readonly attempts?: number;
}

interface MiddlewareContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

type Next = (args: { readonly input: object }) => Promise<{ readonly output: { $metadata?: CallMetadata } }>;

const THROTTLING = /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|TooManyRequests/;

// X-Ray names AWS subsegments by service ("DynamoDB", "EventBridge", "SSM") and records the operation.
const serviceOf = (clientName: string | undefined): string => (clientName ?? 'AWS').replace(/Client$/, '');
const operationOf = (commandName: string | undefined): string =>
  (commandName ?? 'Unknown').replace(/Command$/, '');

const resourceFields = (input: object): AwsFields => {
  const { TableName } = input as { TableName?: unknown };
  return typeof TableName === 'string' ? { table_name: TableName } : {};
};

const record = (span: AwsCallSpan | undefined, metadata: CallMetadata | undefined): void => {
  if (span === undefined || metadata === undefined) return;
  const fields: Record<string, string | number> = {};
  if (metadata.requestId !== undefined) fields.request_id = metadata.requestId;
  if (metadata.attempts !== undefined) fields.retries = Math.max(0, metadata.attempts - 1);
  span.setAws(fields);
  if (metadata.httpStatusCode !== undefined) span.setHttpStatus(metadata.httpStatusCode);
};

/**
 * An `initialize`-step middleware (so once per call, around its retries): a subsegment per AWS SDK call,
 * nested in the subsegment active when the call was made. Failures keep their status: 4xx an error, 5xx
 * a fault, throttling also throttled.
 */
export const awsCallMiddleware =
  (tracer: Pick<Tracer, 'trace'>) =>
  (next: Next, context: MiddlewareContext) =>
  (args: { readonly input: object }) =>
    tracer.trace(serviceOf(context.clientName), async (span) => {
      const aws = isAwsCallSpan(span) ? span : undefined;
      aws?.setAws({ operation: operationOf(context.commandName), ...resourceFields(args.input) });
      try {
        const result = await next(args);
        record(aws, result.output.$metadata);
        return result;
      } catch (error) {
        const { $metadata, name } = error as { $metadata?: CallMetadata; name?: unknown };
        record(aws, $metadata);
        if (typeof name === 'string' && THROTTLING.test(name)) aws?.markThrottled();
        throw error;
      }
    });
