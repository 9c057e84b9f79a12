import { ContainerModule } from 'inversify';
import type { BaseConfig } from '../config/env';
import type { TracingConfig } from '../config/tracing';
import { createLogger, Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { XRayTracer } from '../observability/xray-tracer';
import { currentTraceHeader, NoTracer, Tracer } from '../observability/tracing';
import { logLineSink, xrayDaemonSink } from '../observability/xray-daemon';

export interface ObservabilityOptions {
  /** Where log lines go (default: stdout through the console transport). */
  readonly logStream?: NodeJS.WritableStream;
  /** Where EMF metric lines go (default: stdout, where CloudWatch picks them up). */
  readonly writeMetrics?: (line: string) => void;
  /** A tracer to use instead of the one the configuration asks for (tests, benchmarks). */
  readonly tracer?: Tracer;
}

/** The configured tracer: subsegments to the X-Ray daemon, one log line per segment, or none. */
export const tracerFor = (config: TracingConfig, logger: Logger): Tracer => {
  switch (config.mode) {
    case 'xray':
      return new XRayTracer({
        sink: xrayDaemonSink(config.daemon),
        invocationHeader: currentTraceHeader,
      });
    case 'log':
      return new XRayTracer({
        sink: logLineSink((message, fields) => logger.info(message, fields)),
        invocationHeader: currentTraceHeader,
        traceUnsampled: true,
      });
    case 'off':
      return new NoTracer();
  }
};

/** Logger, metrics and tracing, configured from the base configuration every function reads. */
export const observabilityModule = (
  config: BaseConfig,
  options: ObservabilityOptions = {},
): ContainerModule =>
  new ContainerModule(({ bind }) => {
    const { serviceName } = config;
    const logger = createLogger({
      serviceName,
      level: config.logLevel,
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
    });
    bind(Logger).toConstantValue(logger);
    bind(Metrics).toConstantValue(
      new Metrics({
        namespace: config.metricsNamespace,
        serviceName,
        ...(options.writeMetrics === undefined ? {} : { write: options.writeMetrics }),
      }),
    );
    bind(Tracer).toConstantValue(options.tracer ?? tracerFor(config.tracing ?? { mode: 'off' }, logger));
  });
