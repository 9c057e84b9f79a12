export type MetricUnit = 'Count' | 'Milliseconds';

export type MetricName =
  | 'ProductsCreated'
  | 'ProductsUpdated'
  | 'ProductsDeleted'
  | 'ValidationFailures'
  | 'RecordsIn'
  | 'EventsPublished'
  | 'EventsFailed'
  | 'OutboxBacklog'
  | 'OutboxOldestAge'
  | 'OutboxParked'
  | 'OutboxRowsParked';

/**
 * Business metrics in CloudWatch Embedded Metric Format: values accumulate during an invocation and
 * `flush` writes them as one EMF line to stdout (CloudWatch extracts the metrics from the log).
 */
export class Metrics {
  private readonly values = new Map<MetricName, { unit: MetricUnit; value: number }>();
  // JSON-encoded once: each flush builds its line from these and the metric names (plain identifiers).
  private readonly namespace: string;
  private readonly service: string;

  constructor(
    private readonly options: {
      readonly namespace: string;
      readonly serviceName: string;
      readonly write?: (line: string) => void;
      readonly now?: () => number;
    },
  ) {
    this.namespace = JSON.stringify(options.namespace);
    this.service = JSON.stringify(options.serviceName);
  }

  add(name: MetricName, value = 1, unit: MetricUnit = 'Count'): void {
    const current = this.values.get(name);
    this.values.set(name, { unit, value: (current?.value ?? 0) + value });
  }

  /** Writes the accumulated metrics (if any) and starts over. */
  flush(): void {
    if (this.values.size === 0) return;
    let definitions = '';
    let values = '';
    for (const [name, { unit, value }] of this.values) {
      definitions += `${definitions === '' ? '' : ','}{"Name":"${name}","Unit":"${unit}"}`;
      values += `,"${name}":${value}`;
    }
    this.values.clear();
    const line = `{"_aws":{"Timestamp":${(this.options.now ?? Date.now)()},"CloudWatchMetrics":[{"Namespace":${this.namespace},"Dimensions":[["service"]],"Metrics":[${definitions}]}]},"service":${this.service}${values}}`;
    if (this.options.write) this.options.write(line);
    else process.stdout.write(`${line}\n`);
  }
}
