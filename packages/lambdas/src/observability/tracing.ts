/**
 * The X-Ray trace header of the current invocation (Lambda sets `_X_AMZN_TRACE_ID` per invocation, with
 * `Sampled=1` on the requests its sampling rule traces); adapters that propagate traces take a function,
 * never the environment.
 */
export const currentTraceHeader = (): string | undefined => process.env._X_AMZN_TRACE_ID || undefined;

/** The `Root=` trace id of an X-Ray trace header (`Root=1-...;Parent=...;Sampled=1`), for log lines. */
export const traceIdOf = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, value] = part.split('=');
    if (name?.trim() === 'Root' && value) return value.trim();
  }
  return undefined;
};

export type AnnotationValue = string | number | boolean;

/** What traced work may add to its own subsegment. */
export interface TraceSpan {
  /** An indexed annotation: X-Ray filter expressions search by it (`annotation.productId = "..."`). */
  annotate(key: string, value: AnnotationValue): void;
  /** The HTTP outcome: 4xx marks the subsegment as an error (429 also as throttled), 5xx as a fault. */
  setHttpStatus(status: number): void;
  /** Records the error as the subsegment's cause; a fault unless an HTTP status said otherwise. */
  recordError(error: unknown): void;
}

export interface SubsegmentOptions {
  readonly annotations?: Readonly<Record<string, AnnotationValue>>;
  /** `remote` for calls to a service that is not AWS (e.g. a SQL database), as X-Ray groups them. */
  readonly namespace?: 'remote';
  /** Unindexed details (e.g. a sanitised SQL statement), shown with the subsegment. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** The part of an AWS SDK v3 client that instrumentation needs: its middleware stack. */
export interface InstrumentableAwsClient {
  readonly middlewareStack: {
    add(
      middleware: never,
      options: { step: 'initialize'; name: string; priority: 'high'; override: true },
    ): void;
  };
}

/**
 * Traces a function's work as X-Ray subsegments of the invocation's trace (which Lambda's active tracing
 * starts and samples). Handlers and bindings use it without knowing which implementation is bound: the
 * OpenTelemetry one in Lambda, a log line per segment locally, or none.
 */
export interface Tracer {
  /**
   * Runs `work` in a subsegment named `name`, nested in the subsegment active when called. A rejection
   * marks it as a fault and is rethrown. Work that is not traced (tracing off, request not sampled) runs as
   * it is, with a span that records nothing.
   */
  trace<T>(name: string, work: (span: TraceSpan) => Promise<T>, options?: SubsegmentOptions): Promise<T>;
  /** The X-Ray header for a call made now: the invocation's trace, with the active subsegment as parent. */
  traceHeader(): string | undefined;
  /** Adds a subsegment per call (operation, region, request id, retries, error/fault/throttle flags). */
  instrumentAwsClient<C extends InstrumentableAwsClient>(client: C): C;
}
export const Tracer = Symbol.for('catalog.Tracer');

/** A span that records nothing, for work that is not traced. */
export const UNTRACED_SPAN: TraceSpan = {
  annotate: () => undefined,
  setHttpStatus: () => undefined,
  recordError: () => undefined,
};

/** Traces nothing: the binding where tracing is off (tests, the local stack unless it asks for traces). */
export class NoTracer implements Tracer {
  trace<T>(_name: string, work: (span: TraceSpan) => Promise<T>): Promise<T> {
    return work(UNTRACED_SPAN);
  }

  traceHeader(): string | undefined {
    return currentTraceHeader();
  }

  instrumentAwsClient<C extends InstrumentableAwsClient>(client: C): C {
    return client;
  }
}
