import {
  ROOT_CONTEXT,
  SpanStatusCode,
  TraceFlags,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer as OtelTracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { awsCallMiddleware, TRACING_MIDDLEWARE, type AwsCallSpan, type AwsFields } from './aws-sdk-tracing';
import {
  type AnnotationValue,
  type InstrumentableAwsClient,
  type SubsegmentOptions,
  type Tracer,
  type TraceSpan,
  UNTRACED_SPAN,
} from './tracing';
import {
  ANNOTATION,
  AWS,
  CAUSE_MESSAGE,
  CAUSE_TYPE,
  ERROR,
  FAULT,
  HTTP_STATUS,
  METADATA,
  NAMESPACE,
  THROTTLE,
  XRaySegmentProcessor,
  xrayTraceId,
  type SegmentSink,
} from './xray-segments';

export interface OpenTelemetryTracerOptions {
  /** Where finished subsegments go (the X-Ray daemon in Lambda, a log line locally). */
  readonly sink: SegmentSink;
  /** The invocation's X-Ray trace header (`_X_AMZN_TRACE_ID` in Lambda). */
  readonly invocationHeader: () => string | undefined;
  /**
   * Trace work that belongs to no sampled invocation as a trace of its own (local development, where no
   * trace header exists). In Lambda this stays off: the service's sampling decision is respected.
   */
  readonly traceUnsampled?: boolean;
}

const HEADER_GETTER = {
  get: (carrier: { header: string }, key: string) => (key === 'x-amzn-trace-id' ? carrier.header : undefined),
  keys: () => ['x-amzn-trace-id'],
};

/** What work does with its span, written as span attributes that XRaySegmentProcessor reads. */
class RecordingSpan implements AwsCallSpan {
  private statusSet = false;

  constructor(readonly span: Span) {}

  annotate(key: string, value: AnnotationValue): void {
    this.span.setAttribute(ANNOTATION + key, value);
  }

  setAws(fields: AwsFields): void {
    this.span.setAttribute(NAMESPACE, 'aws');
    for (const [key, value] of Object.entries(fields)) this.span.setAttribute(AWS + key, value);
  }

  markThrottled(): void {
    this.span.setAttribute(THROTTLE, true);
  }

  setHttpStatus(status: number): void {
    this.statusSet = true;
    this.span.setAttribute(HTTP_STATUS, status);
    if (status >= 500) this.span.setAttribute(FAULT, true);
    else if (status >= 400) this.span.setAttribute(ERROR, true);
    if (status === 429) this.span.setAttribute(THROTTLE, true);
  }

  recordError(error: unknown): void {
    const type = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    this.span.setAttributes({ [CAUSE_TYPE]: type, [CAUSE_MESSAGE]: message });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    if (!this.statusSet) this.span.setAttribute(FAULT, true);
  }
}

/**
 * Tracer on OpenTelemetry (API, SDK, the AWS X-Ray id generator and propagator): spans are children of
 * the invocation's X-Ray trace and become X-Ray subsegments through XRaySegmentProcessor. The active span
 * travels in AsyncLocalStorage, so an SDK call made inside `trace` nests under it. Requests that Lambda did
 * not sample cost one header comparison.
 */
export class OpenTelemetryTracer implements Tracer {
  private readonly tracer: OtelTracer;
  private readonly contexts = new AsyncLocalStorageContextManager();
  private readonly propagator = new AWSXRayPropagator();
  private lastHeader: string | undefined;
  private lastParent: Context | undefined;

  constructor(private readonly options: OpenTelemetryTracerOptions) {
    const provider = new BasicTracerProvider({
      idGenerator: new AWSXRayIdGenerator(),
      spanProcessors: [new XRaySegmentProcessor(options.sink)],
    });
    this.tracer = provider.getTracer('catalog');
    this.contexts.enable();
  }

  trace<T>(name: string, work: (span: TraceSpan) => Promise<T>, options: SubsegmentOptions = {}): Promise<T> {
    const parent = this.parentContext();
    if (parent === undefined) return work(UNTRACED_SPAN);
    const span = this.tracer.startSpan(name, { attributes: attributesOf(options) }, parent);
    const recording = new RecordingSpan(span);
    return this.contexts.with(trace.setSpan(parent, span), async () => {
      try {
        return await work(recording);
      } catch (error) {
        recording.recordError(error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  traceHeader(): string | undefined {
    const active = trace.getSpan(this.contexts.active())?.spanContext();
    if (active === undefined) return this.options.invocationHeader();
    return `Root=${xrayTraceId(active.traceId)};Parent=${active.spanId};Sampled=1`;
  }

  instrumentAwsClient<C extends InstrumentableAwsClient>(client: C): C {
    client.middlewareStack.add(awsCallMiddleware(this) as never, {
      step: 'initialize',
      name: TRACING_MIDDLEWARE,
      priority: 'high',
      override: true,
    });
    return client;
  }

  /** The context a new span starts in: the active span's, else the sampled invocation's, else none. */
  private parentContext(): Context | undefined {
    const active = this.contexts.active();
    if (trace.getSpan(active) !== undefined) return active;
    const header = this.options.invocationHeader();
    if (header !== this.lastHeader) {
      this.lastHeader = header;
      this.lastParent = header === undefined ? undefined : this.sampledParent(header);
    }
    return this.lastParent ?? (this.options.traceUnsampled ? ROOT_CONTEXT : undefined);
  }

  private sampledParent(header: string): Context | undefined {
    const context = this.propagator.extract(ROOT_CONTEXT, { header }, HEADER_GETTER);
    const parent = trace.getSpanContext(context);
    return parent !== undefined && (parent.traceFlags & TraceFlags.SAMPLED) !== 0 ? context : undefined;
  }
}

const attributesOf = (options: SubsegmentOptions): Attributes => {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(options.annotations ?? {})) attributes[ANNOTATION + key] = value;
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    attributes[METADATA + key] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : JSON.stringify(value);
  }
  if (options.namespace !== undefined) attributes[NAMESPACE] = options.namespace;
  return attributes;
};
