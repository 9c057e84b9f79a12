// Bundled by the stream benchmark with the Lambda build options: the publish-product-events handler built
// by its own composition root, with the EventBridge client stubbed (no network), and stream records of
// distinct products in the shape Lambda delivers.
import 'reflect-metadata';
import { Readable, Writable } from 'node:stream';
import { EventBridgeSdkClient } from '../../packages/adapter-eventbridge/src/index.ts';
import { deleteProduct, replaceProduct } from '../../packages/domain/src/index.ts';
import {
  createPublishProductEventsHandler,
  publishProductEventsPorts,
} from '../../packages/lambdas/src/stream/publish-product-events-root.ts';
import { streamRecord } from '../../packages/lambdas/src/stream/stream-records.test-support.ts';
import { aProduct } from '../../packages/testkit/src/index.ts';

// Answers made once per size, so that the stub costs the measurement as little as a stub can.
const answers = new Map();
const putEventsAnswer = (entries) => {
  if (!answers.has(entries)) {
    answers.set(entries, {
      FailedEntryCount: 0,
      Entries: Array.from({ length: entries }, (_, i) => ({ EventId: `bench-${i}` })),
    });
  }
  return answers.get(entries);
};

const STUB_METADATA = { httpStatusCode: 200, requestId: 'bench' };

/**
 * The bus stubbed at `send`: a terminating middleware right after our tracing middleware (`initialize`
 * step), so each PutEvents call is still one traced SDK-call subsegment and the command is built as in
 * Lambda, but the SDK's serialisation, endpoint resolution, signing, retry and response parsing are skipped.
 */
const stubAtSend = (client, stats) => {
  client.middlewareStack.add(
    () => (args) => {
      const entries = args.input.Entries.length;
      stats.calls++;
      stats.entries += entries;
      return Promise.resolve({
        output: { ...putEventsAnswer(entries), $metadata: STUB_METADATA },
        response: {},
      });
    },
    { step: 'initialize', priority: 'low', name: 'benchStubbedBus' },
  );
};

/**
 * The bus stubbed at the SDK's HTTP handler: every call runs the client's whole middleware stack (the
 * tracing subsegment, serialisation, endpoint, signing, retry) and parses a real PutEvents response; only
 * the network is left out.
 */
const stubAtHttpHandler = (client, stats) => {
  client.config.requestHandler = {
    handle: (request) => {
      const raw = request.body;
      const body =
        typeof raw === 'string'
          ? raw
          : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
      let entries = 0;
      for (let at = body.indexOf('"DetailType"'); at >= 0; at = body.indexOf('"DetailType"', at + 1))
        entries++;
      stats.calls++;
      stats.entries += entries;
      const answer = JSON.stringify(putEventsAnswer(entries));
      return Promise.resolve({
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench' },
          body: Readable.from([Buffer.from(answer)]),
        },
      });
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
};

/**
 * The function as deployed, but for the client's transport (`stub`: 'send' or 'http-handler'); logs and
 * metrics are formatted, then dropped.
 */
export const benchFunction = (stub) => {
  const discard = process.env.STREAM_BENCH_LOG
    ? process.stderr
    : new Writable({
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
  if (stub === 'send') stubAtSend(client, stats);
  else stubAtHttpHandler(client, stats);
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
