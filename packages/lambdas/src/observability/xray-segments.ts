import type { Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

// Span attributes by which OpenTelemetryTracer says what becomes which part of an X-Ray subsegment.
export const ANNOTATION = 'annotation.';
export const METADATA = 'metadata.';
export const AWS = 'aws.';
export const NAMESPACE = 'xray.namespace';
export const HTTP_STATUS = 'http.status';
export const ERROR = 'xray.error';
export const FAULT = 'xray.fault';
export const THROTTLE = 'xray.throttle';
export const CAUSE_TYPE = 'xray.cause.type';
export const CAUSE_MESSAGE = 'xray.cause.message';

/** An X-Ray subsegment document (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html). */
export interface XRaySubsegment {
  readonly id: string;
  readonly name: string;
  readonly start_time: number;
  readonly end_time: number;
  // Top-level documents only: where the subsegment belongs.
  trace_id?: string;
  parent_id?: string;
  type?: 'subsegment';
  namespace?: string;
  annotations?: Record<string, string | number | boolean>;
  metadata?: { default: Record<string, unknown> };
  aws?: Record<string, unknown>;
  http?: { response: { status: number } };
  error?: true;
  fault?: true;
  throttle?: true;
  cause?: { exceptions: { id: string; type: string; message: string }[] };
  subsegments?: XRaySubsegment[];
}

/** Where finished top-level subsegments go: the X-Ray daemon, or a log line. */
export type SegmentSink = (subsegment: XRaySubsegment) => void;

/** X-Ray's `1-<8 hex epoch>-<24 hex>` form of a 32-hex OpenTelemetry trace id. */
export const xrayTraceId = (traceId: string): string => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;

const seconds = ([s, ns]: HrTime): number => s + ns / 1e9;

const NAME_DISALLOWED = /[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu;

const fill = (document: XRaySubsegment, attributes: Attributes): void => {
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (key.startsWith(ANNOTATION)) {
      if (typeof value === 'object') continue;
      (document.annotations ??= {})[key.slice(ANNOTATION.length)] = value;
    } else if (key.startsWith(METADATA)) {
      (document.metadata ??= { default: {} }).default[key.slice(METADATA.length)] = value;
    } else if (key.startsWith(AWS)) {
      (document.aws ??= {})[key.slice(AWS.length)] = value;
    } else if (key === NAMESPACE) document.namespace = String(value);
    else if (key === HTTP_STATUS) document.http = { response: { status: Number(value) } };
    else if (key === ERROR && value === true) document.error = true;
    else if (key === FAULT && value === true) document.fault = true;
    else if (key === THROTTLE && value === true) document.throttle = true;
  }
};

/** The X-Ray document of a finished span, with its finished children nested. */
export const subsegmentOf = (span: ReadableSpan, children: XRaySubsegment[] = []): XRaySubsegment => {
  const { spanId } = span.spanContext();
  const document: XRaySubsegment = {
    id: spanId,
    name: span.name.replace(NAME_DISALLOWED, '_').slice(0, 200),
    start_time: seconds(span.startTime),
    end_time: seconds(span.endTime),
  };
  fill(document, span.attributes);
  const type = span.attributes[CAUSE_TYPE];
  if (type !== undefined) {
    const message = String(span.attributes[CAUSE_MESSAGE] ?? '');
    document.cause = { exceptions: [{ id: spanId, type: String(type), message }] };
  }
  if (children.length > 0) document.subsegments = children;
  return document;
};

/**
 * Turns finished spans into X-Ray subsegments: a span's children are nested in its document, so an
 * invocation's work reaches the sink as one document (one daemon datagram) when its outermost span ends.
 * A span whose parent is remote (the Lambda segment) or already finished is sent on its own.
 */
export class XRaySegmentProcessor implements SpanProcessor {
  private readonly open = new Set<string>();
  private readonly children = new Map<string, XRaySubsegment[]>();

  constructor(private readonly sink: SegmentSink) {}

  onStart(span: Span): void {
    this.open.add(span.spanContext().spanId);
  }

  onEnd(span: ReadableSpan): void {
    const { spanId, traceId } = span.spanContext();
    this.open.delete(spanId);
    const children = this.children.get(spanId);
    this.children.delete(spanId);
    const document = subsegmentOf(span, children);
    const parent = span.parentSpanContext;
    if (parent !== undefined && !parent.isRemote && this.open.has(parent.spanId)) {
      const siblings = this.children.get(parent.spanId);
      if (siblings === undefined) this.children.set(parent.spanId, [document]);
      else siblings.push(document);
      return;
    }
    document.trace_id = xrayTraceId(traceId);
    if (parent !== undefined) document.parent_id = parent.spanId;
    document.type = 'subsegment';
    try {
      this.sink(document);
    } catch {
      // Tracing never fails the work it observes.
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
