// Bundled by the stream benchmark with the Lambda build options: the publish-product-events handler built
// by its own composition root, with the EventBridge client's `send` stubbed (no network), and stream
// records of distinct products in the shape Lambda delivers.
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { EventBridgeSdkClient } from '../../packages/adapter-eventbridge/src/index.ts';
import { deleteProduct, replaceProduct } from '../../packages/domain/src/index.ts';
import {
  createPublishProductEventsHandler,
  publishProductEventsPorts,
} from '../../packages/lambdas/src/stream/publish-product-events-root.ts';
import { streamRecord } from '../../packages/lambdas/src/stream/stream-records.test-support.ts';
import { aProduct } from '../../packages/testkit/src/index.ts';

/** The function as deployed, but for the client's transport; logs and metrics are formatted, then dropped. */
export const benchFunction = () => {
  const discard = new Writable({
    write: (_chunk, _encoding, done) => {
      done();
    },
  });
  const ports = publishProductEventsPorts(
    {
      EVENT_BUS_NAME: 'catalog-bench',
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'info',
      SERVICE_NAME: 'catalog-bench',
      ...(process.env.AWS_XRAY_DAEMON_ADDRESS === undefined
        ? {}
        : { AWS_XRAY_DAEMON_ADDRESS: process.env.AWS_XRAY_DAEMON_ADDRESS }),
    },
    { logStream: discard, writeMetrics: () => undefined },
  );
  const client = ports.get(EventBridgeSdkClient);
  const stats = { calls: 0, entries: 0 };
  // The bus is stubbed at the end of the SDK's initialize step, after the tracing middleware: every call
  // is still a traced subsegment, nothing is serialised or sent.
  client.middlewareStack.add(
    () => (args) => {
      const entries = args.input.Entries ?? [];
      stats.calls++;
      stats.entries += entries.length;
      return Promise.resolve({
        output: {
          FailedEntryCount: 0,
          Entries: entries.map((_, i) => ({ EventId: `bench-${i}` })),
          $metadata: { httpStatusCode: 200, requestId: 'bench', attempts: 1 },
        },
      });
    },
    { step: 'initialize', name: 'benchStubbedBus', priority: 'low' },
  );
  return { handler: createPublishProductEventsHandler(ports), stats };
};

/**
 * n records of n distinct products, each worth an event: 40% INSERT, 40% MODIFY (price), 20% deletions (the
 * MODIFY from the product to its tombstone).
 */
export const batchOf = (n) => ({
  Records: Array.from({ length: n }, (_, i) => {
    const product = aProduct();
    if (i % 5 < 2) return streamRecord({ kind: 'inserted', after: product }, { correlationId: `corr-${i}` });
    if (i % 5 === 4)
      return streamRecord(
        {
          kind: 'removed',
          before: product,
          deletion: deleteProduct(product, new Date('2026-06-01T00:00:00.000Z')),
        },
        { correlationId: `corr-${i}` },
      );
    const after = replaceProduct(
      product,
      { ...product, price: { ...product.price, amount: product.price.amount + 1 } },
      new Date('2026-06-01T00:00:00.000Z'),
    ).product;
    return streamRecord({ kind: 'modified', before: product, after }, { correlationId: `corr-${i}` });
  }),
});
