import { ContainerModule } from 'inversify';
import type { BaseConfig } from '../config/env';
import { createLogger, Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { PassThroughTracer, Tracer } from '../observability/tracing';

export interface ObservabilityOptions {
  /** Where log lines go (default: stdout through the console transport). */
  readonly logStream?: NodeJS.WritableStream;
  /** Where EMF metric lines go (default: stdout, where CloudWatch picks them up). */
  readonly writeMetrics?: (line: string) => void;
  readonly tracer?: Tracer;
}

/** Logger, metrics and tracing, configured from the base configuration every function reads. */
export const observabilityModule = (
  config: BaseConfig,
  options: ObservabilityOptions = {},
): ContainerModule =>
  new ContainerModule(({ bind }) => {
    const { serviceName } = config;
    bind(Logger).toConstantValue(
      createLogger({
        serviceName,
        level: config.logLevel,
        ...(options.logStream === undefined ? {} : { stream: options.logStream }),
      }),
    );
    bind(Metrics).toConstantValue(
      new Metrics({
        namespace: config.metricsNamespace,
        serviceName,
        ...(options.writeMetrics === undefined ? {} : { write: options.writeMetrics }),
      }),
    );
    bind(Tracer).toConstantValue(options.tracer ?? new PassThroughTracer());
  });
