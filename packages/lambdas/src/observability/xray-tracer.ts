import { createContextKey, ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { awsCallMiddleware, TRACING_MIDDLEWARE, type AwsCallSpan, type AwsFields } from './aws-sdk-tracing';
import {
  type AnnotationValue,
  type InstrumentableAwsClient,
  type SubsegmentOptions,
  type Tracer,
  type TraceSpan,
  UNTRACED_SPAN,
} from './tracing';
import { TraceContexts } from './trace-contexts';
import { subsegmentName, xrayTraceId, type SegmentSink, type XRaySubsegment } from './xray-segments';

export interface XRayTracerOptions {
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

/** Where a subsegment belongs: the trace, and the subsegment (or Lambda's segment) it is nested in. */
interface Parent {
  readonly traceId: string;
  readonly id: string | undefined;
  /** The open subsegment of this process that the new one nests in; undefined for Lambda's segment. */
  readonly open: OpenSubsegment | undefined;
}

const ACTIVE = createContextKey('catalog.xray.subsegment');
const ids = new AWSXRayIdGenerator();
// Epoch seconds with microseconds, as X-Ray documents carry them.
const nowSeconds = (): number => (performance.timeOrigin + performance.now()) / 1000;

/** A subsegment being recorded: what work does with its span goes straight into its document. */
class OpenSubsegment implements AwsCallSpan {
  readonly document: XRaySubsegment;
  private statusSet = false;
  private ended = false;

  constructor(
    name: string,
    readonly parent: Parent,
    options: SubsegmentOptions,
  ) {
    this.document = {
      id: ids.generateSpanId(),
      name: subsegmentName(name),
      start_time: nowSeconds(),
      end_time: 0,
    };
    if (options.annotations !== undefined) this.document.annotations = { ...options.annotations };
    if (options.metadata !== undefined) this.document.metadata = { default: { ...options.metadata } };
    if (options.namespace !== undefined) this.document.namespace = options.namespace;
  }

  annotate(key: string, value: AnnotationValue): void {
    (this.document.annotations ??= {})[key] = value;
  }

  setAws(fields: AwsFields): void {
    this.document.namespace = 'aws';
    this.document.aws = { ...this.document.aws, ...fields };
  }

  markThrottled(): void {
    this.document.throttle = true;
  }

  setHttpStatus(status: number): void {
    this.statusSet = true;
    this.document.http = { response: { status } };
    if (status >= 500) this.document.fault = true;
    else if (status >= 400) this.document.error = true;
    if (status === 429) this.document.throttle = true;
  }

  recordError(error: unknown): void {
    const type = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    this.document.cause = { exceptions: [{ id: this.document.id, type, message }] };
    if (!this.statusSet) this.document.fault = true;
  }

  /** Ends it: nested in its parent while that is open, otherwise sent on its own (and its children with it). */
  end(sink: SegmentSink): void {
    this.ended = true;
    this.document.end_time = nowSeconds();
    const { open } = this.parent;
    if (open !== undefined && !open.ended) {
      (open.document.subsegments ??= []).push(this.document);
      return;
    }
    this.document.trace_id = this.parent.traceId;
    if (this.parent.id !== undefined) this.document.parent_id = this.parent.id;
    this.document.type = 'subsegment';
    try {
      sink(this.document);
    } catch {
      // Tracing never fails the work it observes.
    }
  }
}

/**
 * Records X-Ray subsegments of the invocation's trace: the OpenTelemetry API carries the active subsegment
 * (async hooks only while traced work runs: TraceContexts), the AWS X-Ray propagator reads Lambda's trace header and the X-Ray id
 * generator makes the ids. Spans are recorded straight into X-Ray documents (no SDK span pipeline), and an
 * invocation's subsegments reach the sink as one document. A request Lambda did not sample costs a header
 * comparison (docs/decisions/0016-tracing-library.md).
 */
export class XRayTracer implements Tracer {
  private readonly contexts = new TraceContexts();
  private readonly propagator = new AWSXRayPropagator();
  private lastHeader: string | undefined;
  private lastParent: Parent | undefined;

  constructor(private readonly options: XRayTracerOptions) {}

  trace<T>(name: string, work: (span: TraceSpan) => Promise<T>, options: SubsegmentOptions = {}): Promise<T> {
    const parent = this.parent();
    if (parent === undefined) return work(UNTRACED_SPAN);
    const subsegment = new OpenSubsegment(name, parent, options);
    const context = this.contexts.active().setValue(ACTIVE, subsegment);
    const traced = async () => {
      try {
        return await work(subsegment);
      } catch (error) {
        subsegment.recordError(error);
        throw error;
      } finally {
        subsegment.end(this.options.sink);
      }
    };
    // A subsegment of this process's own is nested; any other one starts traced work (async hooks on).
    return parent.open === undefined
      ? this.contexts.root(context, traced)
      : this.contexts.with(context, traced);
  }

  traceHeader(): string | undefined {
    const active = this.active();
    if (active === undefined) return this.options.invocationHeader();
    return `Root=${active.parent.traceId};Parent=${active.document.id};Sampled=1`;
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

  private active(): OpenSubsegment | undefined {
    return this.contexts.active().getValue(ACTIVE) as OpenSubsegment | undefined;
  }

  /** Where a new subsegment goes: under the active one, else under the sampled invocation, else nowhere. */
  private parent(): Parent | undefined {
    const active = this.active();
    if (active !== undefined) return { traceId: active.parent.traceId, id: active.document.id, open: active };
    const header = this.options.invocationHeader();
    if (header !== this.lastHeader) {
      this.lastHeader = header;
      this.lastParent = header === undefined ? undefined : this.sampledParent(header);
    }
    if (this.lastParent !== undefined) return this.lastParent;
    if (!this.options.traceUnsampled) return undefined;
    return { traceId: xrayTraceId(ids.generateTraceId()), id: undefined, open: undefined };
  }

  private sampledParent(header: string): Parent | undefined {
    // Most requests are not sampled (X-Ray's default rule: 5% after the first each second): they cost this.
    if (!header.includes('Sampled=1')) return undefined;
    const context: Context = this.propagator.extract(ROOT_CONTEXT, { header }, HEADER_GETTER);
    const parent = trace.getSpanContext(context);
    if (parent === undefined || (parent.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
    return { traceId: xrayTraceId(parent.traceId), id: parent.spanId, open: undefined };
  }
}
