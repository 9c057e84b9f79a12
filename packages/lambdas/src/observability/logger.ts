import winston from 'winston';
import type { LogLevel } from '../config/env';

export type Logger = winston.Logger;
export const Logger = Symbol.for('catalog.Logger');

/** One JSON object per line, with the service name on every line; per-invocation fields come from `child`. */
export const createLogger = (options: {
  readonly serviceName: string;
  readonly level: LogLevel;
  readonly stream?: NodeJS.WritableStream;
}): Logger =>
  winston.createLogger({
    level: options.level,
    defaultMeta: { service: options.serviceName },
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [
      options.stream === undefined
        ? new winston.transports.Console()
        : new winston.transports.Stream({ stream: options.stream }),
    ],
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
