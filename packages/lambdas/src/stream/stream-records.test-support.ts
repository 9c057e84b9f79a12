import { PassThrough } from 'node:stream';
import { productStreamImages } from '@catalog/adapter-dynamodb';
import type { Product, ProductChange } from '@catalog/domain';
import { ProductEventPublisher } from '@catalog/ports';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { Container } from 'inversify';
import { observabilityModule } from '../bindings/observability';
import { createPublishProductEventsHandler } from './publish-product-events-root';

// Stream records in the shape Lambda delivers them (AWS documentation's DynamoDB stream event example, and
// the records recorded from DynamoDB Local in @catalog/testkit/dynamodb), NEW_AND_OLD_IMAGES.

const STREAM_ARN =
  'arn:aws:dynamodb:eu-west-1:123456789012:table/catalog-dev-products/stream/2026-01-01T00:00:00.000';

let sequence = 4_200_000_000_000_000_000n;

/** A fresh, increasing stream sequence number. */
export const nextSequenceNumber = (): string => {
  sequence += 100n;
  return sequence.toString().padStart(21, '0');
};

export interface RecordOptions {
  /** The correlation id on the item the write produced (the new image). */
  readonly correlationId?: string;
  readonly sequenceNumber?: string;
  readonly eventID?: string;
  /** Epoch seconds. */
  readonly createdAt?: number;
}

/** The stream record DynamoDB writes for a change (the adapter's own images, so they always match). */
export const streamRecord = (change: ProductChange, options: RecordOptions = {}): DynamoDBRecord => {
  const sequenceNumber = options.sequenceNumber ?? nextSequenceNumber();
  const product = change.kind === 'removed' ? change.before : change.after;
  const { eventName, ...images } = productStreamImages(change, options.correlationId ?? '', 'corr-previous');
  return {
    eventID: options.eventID ?? `evt-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    dynamodb: {
      ApproximateCreationDateTime: options.createdAt ?? 1_777_000_000,
      Keys: { id: { S: product.id } },
      ...(images as { OldImage?: Record<string, AttributeValue>; NewImage: Record<string, AttributeValue> }),
      SequenceNumber: sequenceNumber,
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: STREAM_ARN,
  };
};

/** A record the parser must refuse: a MODIFY whose new image is not a product. */
export const corruptRecord = (product: Product): DynamoDBRecord => {
  const record = streamRecord({ kind: 'modified', before: product, after: product });
  return {
    ...record,
    dynamodb: { ...record.dynamodb, NewImage: { id: { S: product.id }, name: { N: '7' } } },
  };
};

export const lambdaContext = { awsRequestId: 'request-1', functionName: 'publish-product-events' };

/** The stream handler as its composition root builds it, on a given publisher, with logs and metrics kept. */
export const streamHandlerOn = (publisher: ProductEventPublisher) => {
  const logLines: string[] = [];
  const metricLines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(
      { serviceName: 'catalog-test', logLevel: 'info', metricsNamespace: 'Catalog' },
      { logStream, writeMetrics: (line) => metricLines.push(line) },
    ),
  );
  ports.bind(ProductEventPublisher).toConstantValue(publisher);
  return {
    handler: createPublishProductEventsHandler(ports),
    logs: () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>),
    /** The metric values of each flushed EMF document. */
    metrics: () =>
      metricLines.map((line) => {
        const { _aws: _, service: __, ...values } = JSON.parse(line) as Record<string, unknown>;
        return values;
      }),
  };
};
