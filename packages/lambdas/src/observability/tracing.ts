const environmentHeader = (): string | undefined => process.env._X_AMZN_TRACE_ID || undefined;

// The header read when the latest open invocation started, while any is open. A process.env read costs a
// few hundred nanoseconds (a getter into the C++ environment) and was made by every trace() and every
// invocation's log fields; Lambda sets the variable once per invocation, before the handler runs.
let pinnedHeader: string | undefined;
let openInvocations = 0;

/**
 * The X-Ray trace header of the current invocation (Lambda sets `_X_AMZN_TRACE_ID` per invocation, with
 * `Sampled=1` on the requests its sampling rule traces); adapters that propagate traces take a function,
 * never the environment. Inside `withInvocationTraceHeader` it is the value read when the invocation began.
 */
export const currentTraceHeader = (): string | undefined =>
  openInvocations > 0 ? pinnedHeader : environmentHeader();

/**
 * Runs an invocation's `work` with its trace header read once, at the start, instead of at every use. Lambda
 * runs one invocation at a time per environment; where several overlap in one process (the local stack),
 * each start reads the variable afresh, as a read at that moment would have.
 */
export const withInvocationTraceHeader = async <T>(work: () => Promise<T>): Promise<T> => {
  pinnedHeader = environmentHeader();
  openInvocations++;
  try {
    return await work();
  } finally {
    if (--openInvocations === 0) pinnedHeader = undefined;
  }
};

// `Root=` up to the next `;` or `=`, in a `;`-separated part of its own (names and values may be padded).
const ROOT_PART = /(?:^|;)\s*Root\s*=([^;=]+)/;

/** The `Root=` trace id of an X-Ray trace header (`Root=1-...;Parent=...;Sampled=1`), for log lines. */
export const traceIdOf = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined;
  return ROOT_PART.exec(header)?.[1]?.trim();
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
