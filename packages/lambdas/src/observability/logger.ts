import type { LogLevel } from '../config/env';

/** Structured logging: one JSON object per line, with the fields of `child` loggers on every line. */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** A logger that adds `fields` to every line (after the parent's own). */
  child(fields: Readonly<Record<string, unknown>>): Logger;
}
export const Logger = Symbol.for('catalog.Logger');

const SEVERITY: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Writes JSON lines to a stream (stdout by default, which Lambda ships to CloudWatch as they are), each line
 * written before the call returns. It replaced winston (docs/decisions/0017-store-calls-cold-start-and-hot-path.md):
 * winston's module graph cost ~13 ms of CPU at every cold start for what is, here, a level filter, a
 * merge of fields and one JSON.stringify. A field that does not serialise makes the line say so instead
 * of failing the request.
 */
class JsonLinesLogger implements Logger {
  constructor(
    private readonly threshold: number,
    private readonly stream: NodeJS.WritableStream,
    private readonly fields: Readonly<Record<string, unknown>>,
  ) {}

  debug(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.threshold <= 0) this.write('debug', message, fields);
  }

  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.threshold <= 1) this.write('info', message, fields);
  }

  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.threshold <= 2) this.write('warn', message, fields);
  }

  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write('error', message, fields);
  }

  child(fields: Readonly<Record<string, unknown>>): Logger {
    return new JsonLinesLogger(this.threshold, this.stream, { ...this.fields, ...fields });
  }

  private write(
    level: LogLevel,
    message: string,
    fields: Readonly<Record<string, unknown>> | undefined,
  ): void {
    const timestamp = new Date().toISOString();
    let line: string;
    try {
      line = JSON.stringify({ level, message, ...this.fields, ...fields, timestamp });
    } catch (error) {
      line = JSON.stringify({ level, message, timestamp, logError: String(error) });
    }
    this.stream.write(`${line}\n`);
  }
}

/** One JSON object per line, with the service name on every line; per-invocation fields come from `child`. */
export const createLogger = (options: {
  readonly serviceName: string;
  readonly level: LogLevel;
  readonly stream?: NodeJS.WritableStream;
}): Logger =>
  new JsonLinesLogger(SEVERITY[options.level], options.stream ?? process.stdout, {
    service: options.serviceName,
  });

/** Error details fit for logs (never for responses): name, message, code, stack and the cause chain. */
export const errorDetails = (error: unknown, depth = 0): Record<string, unknown> => {
  if (!(error instanceof Error)) return { message: String(error) };
  const details: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  const { code } = error as { code?: unknown };
  if (code !== undefined) details.code = code;
  if (error.cause !== undefined && depth < 5) details.cause = errorDetails(error.cause, depth + 1);
  return details;
};

let coldStart = true;

/** True for the first invocation in this execution environment, false afterwards. */
export const takeColdStart = (): boolean => {
  const value = coldStart;
  coldStart = false;
  return value;
};

/**
 * The logger of one invocation of a function that is not behind the HTTP edge: the request id, the
 * function name and whether this is the environment's first invocation on every line, then `fields`.
 */
export const invocationLogger = (
  logger: Logger,
  context: { readonly awsRequestId: string; readonly functionName: string },
  fields: Readonly<Record<string, unknown>> = {},
): Logger =>
  logger.child({
    requestId: context.awsRequestId,
    functionName: context.functionName,
    coldStart: takeColdStart(),
    ...fields,
  });
