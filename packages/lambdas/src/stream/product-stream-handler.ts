import { PublishProductChanges, type ProductChangeRecord } from '@catalog/application';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { inject, injectable } from 'inversify';
import { errorDetails, invocationLogger, Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { currentTraceHeader, traceIdOf, Tracer, type TraceSpan } from '../observability/tracing';
import { sequenceNumberOf, StreamRecordParser, toChangeRecord } from './stream-records';

/** A DynamoDB stream handler with partial batch responses (ReportBatchItemFailures), as Lambda invokes it. */
export type DynamoDbStreamHandler = (
  event: DynamoDBStreamEvent,
  context: Pick<Context, 'awsRequestId' | 'functionName'>,
) => Promise<DynamoDBBatchResponse>;

interface ReadBatch {
  readonly changes: ProductChangeRecord[];
  /** The index of the first record that could not be read; processing stops there. */
  readonly unreadableAt?: number;
}

/**
 * Turns a batch of products-table stream records into product events. Records are read in order up to the
 * first unreadable one; the readable ones are published; the response names every record from the first
 * one not done on (unreadable or undelivered), so Lambda checkpoints before it and retries from it. An
 * unreadable record keeps failing alone once the event source mapping has bisected the batch around it,
 * and ends in the on-failure queue.
 */
@injectable()
export class ProductStreamHandler {
  constructor(
    @inject(PublishProductChanges) private readonly publishChanges: Pick<PublishProductChanges, 'execute'>,
    @inject(StreamRecordParser) private readonly parse: StreamRecordParser,
    @inject(Logger) private readonly logger: Logger,
    @inject(Metrics) private readonly metrics: Metrics,
    @inject(Tracer) private readonly tracer: Tracer,
  ) {}

  /** The batch is one subsegment (PutEvents calls nest in it), annotated with the record count. */
  readonly handle: DynamoDbStreamHandler = (event, context) =>
    this.tracer.trace('PublishProductChanges', (span) => this.process(event, context, span), {
      annotations: { route: 'publish-product-events', records: event.Records.length },
    });

  private async process(
    event: DynamoDBStreamEvent,
    context: Pick<Context, 'awsRequestId' | 'functionName'>,
    span: TraceSpan,
  ): Promise<DynamoDBBatchResponse> {
    const records = event.Records;
    const log = invocationLogger(this.logger, context, { xrayTraceId: traceIdOf(currentTraceHeader()) });
    try {
      this.metrics.add('RecordsIn', records.length);
      const { changes, unreadableAt } = this.read(records, log);
      const result = await this.publishChanges.execute(changes);
      // Events the bus refused after retries; events not attempted behind them are retried, not failed.
      this.metrics.add('EventsPublished', result.published);
      this.metrics.add('EventsFailed', result.failed);
      const undeliveredAt =
        result.firstFailedRecordId === undefined
          ? undefined
          : Math.max(
              0,
              changes.findIndex(({ recordId }) => recordId === result.firstFailedRecordId),
            );
      const failedFrom = Math.min(undeliveredAt ?? records.length, unreadableAt ?? records.length);
      const batchItemFailures = records
        .slice(failedFrom)
        .map((record) => ({ itemIdentifier: sequenceNumberOf(record) }));
      const summary = { records: records.length, ...result, retried: batchItemFailures.length };
      if (batchItemFailures.length > 0) span.annotate('retried', batchItemFailures.length);
      if (undeliveredAt !== undefined) {
        log.warn('events not delivered; retrying from the first undelivered record', {
          ...summary,
          firstFailedSequenceNumber: result.firstFailedRecordId,
        });
      } else {
        log.info('stream batch processed', summary);
      }
      return { batchItemFailures };
    } catch (error) {
      log.error('stream batch failed', { records: records.length, error: errorDetails(error) });
      throw error;
    } finally {
      this.metrics.flush();
    }
  }

  private read(records: readonly DynamoDBRecord[], log: Logger): ReadBatch {
    const changes: ProductChangeRecord[] = [];
    for (const [index, record] of records.entries()) {
      try {
        changes.push(toChangeRecord(this.parse(record)));
      } catch (error) {
        log.error('unreadable stream record; it and every later record are reported as failed', {
          sequenceNumber: sequenceNumberOf(record) || undefined,
          eventName: record.eventName,
          position: index,
          error: errorDetails(error),
        });
        return { changes, unreadableAt: index };
      }
    }
    return { changes };
  }
}
