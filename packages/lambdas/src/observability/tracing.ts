/**
 * The X-Ray trace header of the current invocation (Lambda sets `_X_AMZN_TRACE_ID` per invocation when
 * active tracing is on); adapters that propagate traces take this function, not the environment.
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

/**
 * The hook through which a function's work is traced. Lambda's active tracing already records each
 * invocation; a Tracer adds named segments around a unit of work (e.g. Powertools Tracer or OpenTelemetry)
 * without the handlers knowing which one is bound.
 */
export interface Tracer {
  trace<T>(name: string, annotations: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T>;
}
export const Tracer = Symbol.for('catalog.Tracer');

/** Runs the work untraced: the default, as Lambda's own invocation segment is enough for now. */
export class PassThroughTracer implements Tracer {
  trace<T>(
    _name: string,
    _annotations: Readonly<Record<string, string>>,
    work: () => Promise<T>,
  ): Promise<T> {
    return work();
  }
}
