/** An X-Ray subsegment document (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html). */
export interface XRaySubsegment {
  readonly id: string;
  readonly name: string;
  readonly start_time: number;
  end_time: number;
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

const NAME_DISALLOWED = /[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu;
const NAME_ALLOWED = /^[\p{L}\p{N}\s_.:/%&#=+\\\-@]{1,200}$/u;

/** A name X-Ray accepts: at most 200 characters, others than its allowed ones replaced. */
export const subsegmentName = (name: string): string =>
  NAME_ALLOWED.test(name) ? name : name.replace(NAME_DISALLOWED, '_').slice(0, 200) || '_';
