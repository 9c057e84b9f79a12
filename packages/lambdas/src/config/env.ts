import { readTracingConfig, type TracingConfig } from './tracing';

/** Thrown at init when the function's environment is incomplete or wrong; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Source = Readonly<Record<string, string | undefined>>;

/** Reads environment variables, gathering every problem so one failed cold start reports them all. */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly source: Source) {}

  string(name: string, fallback?: string): string {
    const value = this.source[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required but not set`);
    return '';
  }

  optionalString(name: string): string | undefined {
    return this.source[name]?.trim() || undefined;
  }

  /** An optional http(s) URL, e.g. an endpoint override for local development. */
  optionalUrl(name: string): string | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) return undefined;
    if (!/^https?:\/\/[^\s/]+/.test(raw) || !URL.canParse(raw)) {
      this.problems.push(`${name} must be an http(s) URL such as http://localhost:8000 (got "${raw}")`);
      return undefined;
    }
    return raw;
  }

  /** A required secret of at least `minBytes` UTF-8 bytes; `hint` says how to provide it. Never echoed. */
  secret(name: string, minBytes: number, hint: string): string {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      this.problems.push(`${name} is required but not set: ${hint}`);
      return '';
    }
    if (Buffer.byteLength(raw, 'utf8') < minBytes) {
      this.problems.push(`${name} must be at least ${minBytes} bytes long`);
      return '';
    }
    return raw;
  }

  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.source[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
      this.problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.source[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** Records a problem found by a reader that combines several variables. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws ConfigError if anything read so far was missing or malformed. */
  verify(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/** Reads and validates a configuration once; call it at init time, outside the handler. */
export const loadConfig = <T>(read: (env: EnvReader) => T, source: Source = process.env): T => {
  const reader = new EnvReader(source);
  const config = read(reader);
  reader.verify();
  return config;
};

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every function reads. */
export interface BaseConfig {
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  readonly metricsNamespace: string;
  /** Off when absent. */
  readonly tracing?: TracingConfig;
}

export const readBaseConfig = (env: EnvReader): BaseConfig => ({
  serviceName: env.string('SERVICE_NAME', 'catalog'),
  logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  metricsNamespace: env.string('METRICS_NAMESPACE', 'Catalog'),
  tracing: readTracingConfig(env),
});
