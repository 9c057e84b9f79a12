import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { XRayTracer } from './xray-tracer';
import type { XRaySubsegment } from './xray-segments';

const TRACE = '1-6751f0a2-3b2c1d4e5f60718293a4b5c6';
const sampled = `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=1`;

const world = (header: string | undefined, traceUnsampled = false) => {
  const sent: XRaySubsegment[] = [];
  const tracer = new XRayTracer({
    sink: (document) => sent.push(document),
    invocationHeader: () => header,
    traceUnsampled,
  });
  return { sent, tracer };
};

/** A DynamoDB client whose transport answers every call with `status` and `body`; nothing leaves the process. */
const dynamoDb = (status: number, body: object, headers: Record<string, string> = {}) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: {
        handle: () =>
          Promise.resolve({
            response: {
              statusCode: status,
              headers: {
                'x-amzn-requestid': 'REQ-1',
                'content-type': 'application/x-amz-json-1.0',
                ...headers,
              },
              body: Readable.from([Buffer.from(JSON.stringify(body))]),
            },
          }),
      },
    }),
  );

describe(XRayTracer, () => {
  it('sends the work as one subsegment of the invocation trace, SDK calls nested, annotations kept', async () => {
    const { sent, tracer } = world(sampled);
    const client = tracer.instrumentAwsClient(dynamoDb(200, { Item: { id: { S: 'p-1' } } }));
    const item = await tracer.trace(
      'get-product',
      async (span) => {
        span.annotate('productId', 'p-1');
        const { Item } = await client.send(new GetCommand({ TableName: 'products', Key: { id: 'p-1' } }));
        span.setHttpStatus(200);
        return Item;
      },
      { annotations: { route: 'get-product' } },
    );
    expect(item).toEqual({ id: 'p-1' });
    expect(sent).toHaveLength(1);
    const [document] = sent;
    expect(document).toMatchObject({
      name: 'get-product',
      trace_id: TRACE,
      parent_id: '53995c3f42cd8ad8',
      type: 'subsegment',
      annotations: { route: 'get-product', productId: 'p-1' },
      http: { response: { status: 200 } },
    });
    expect(document?.end_time).toBeGreaterThanOrEqual(document!.start_time);
    expect(document?.fault).toBeUndefined();
    expect(document?.subsegments).toEqual([
      expect.objectContaining({
        name: 'DynamoDB',
        namespace: 'aws',
        aws: { operation: 'GetItem', table_name: 'products', request_id: 'REQ-1', retries: 0 },
        http: { response: { status: 200 } },
      }),
    ]);
  });

  it('flags a refused SDK call as an error, throttling also as throttled, and a failed work as a fault', async () => {
    const { sent, tracer } = world(sampled);
    const refused = tracer.instrumentAwsClient(
      dynamoDb(400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException' }),
    );
    const throttled = tracer.instrumentAwsClient(
      dynamoDb(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException' }),
    );
    const put = new PutCommand({ TableName: 'products', Item: { id: 'p-1' } });
    await expect(
      tracer.trace('put-product', async () => {
        await refused.send(put).catch(() => undefined);
        await throttled.send(put);
      }),
    ).rejects.toThrow(/ProvisionedThroughputExceeded|Unknown|exceeded/i);
    const [document] = sent;
    expect(document).toMatchObject({ name: 'put-product', fault: true });
    expect(document?.cause?.exceptions[0]).toMatchObject({ type: 'ProvisionedThroughputExceededException' });
    const [first, second] = document?.subsegments ?? [];
    expect(first).toMatchObject({ error: true, http: { response: { status: 400 } } });
    expect(first?.fault).toBeUndefined();
    expect(first?.throttle).toBeUndefined();
    expect(second).toMatchObject({ error: true, throttle: true });
  });

  it('marks a 4xx outcome as an error and a 5xx outcome as a fault', async () => {
    const { sent, tracer } = world(sampled);
    await tracer.trace('a', (span) => {
      span.setHttpStatus(404);
      return Promise.resolve();
    });
    await tracer.trace('b', (span) => {
      span.setHttpStatus(429);
      return Promise.resolve();
    });
    await tracer.trace('c', (span) => {
      span.setHttpStatus(500);
      span.recordError(new TypeError('boom'));
      return Promise.resolve();
    });
    expect(sent.map(({ error, fault, throttle }) => ({ error, fault, throttle }))).toEqual([
      { error: true, fault: undefined, throttle: undefined },
      { error: true, fault: undefined, throttle: true },
      { error: undefined, fault: true, throttle: undefined },
    ]);
    expect(sent[2]?.cause?.exceptions[0]).toMatchObject({ type: 'TypeError', message: 'boom' });
  });

  it('gives calls made inside a subsegment a trace header with that subsegment as parent', async () => {
    const { sent, tracer } = world(sampled);
    const header = await tracer.trace('publish', () => Promise.resolve(tracer.traceHeader()));
    expect(header).toBe(`Root=${TRACE};Parent=${sent[0]?.id};Sampled=1`);
    expect(tracer.traceHeader()).toBe(sampled);
  });

  it('records nothing for a request Lambda did not sample, or outside any invocation', async () => {
    for (const header of [`Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=0`, undefined]) {
      const { sent, tracer } = world(header);
      const client = tracer.instrumentAwsClient(dynamoDb(200, {}));
      const result = await tracer.trace('get-product', async (span) => {
        span.annotate('productId', 'p-1');
        await client.send(new GetCommand({ TableName: 'products', Key: { id: 'p-1' } }));
        return 'done';
      });
      expect(result).toBe('done');
      expect(sent).toEqual([]);
      expect(tracer.traceHeader()).toBe(header);
    }
  });

  it('starts traces of its own when asked to (local development), with X-Ray trace ids', async () => {
    const { sent, tracer } = world(undefined, true);
    await tracer.trace('get-product', () => Promise.resolve());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(sent[0]?.parent_id).toBeUndefined();
  });

  it('sends a child that outlives its parent on its own, under the parent', async () => {
    const { sent, tracer } = world(sampled);
    let release!: () => void;
    let late!: Promise<void>;
    await tracer.trace('outer', () => {
      late = tracer.trace('late', () => new Promise<void>((resolve) => (release = resolve)));
      return Promise.resolve();
    });
    release();
    await late;
    expect(sent.map(({ name, parent_id }) => ({ name, parent_id }))).toEqual([
      { name: 'outer', parent_id: '53995c3f42cd8ad8' },
      { name: 'late', parent_id: sent[0]?.id },
    ]);
  });

  it('instruments a client once however often it is asked to', async () => {
    const { sent, tracer } = world(sampled);
    const client = tracer.instrumentAwsClient(tracer.instrumentAwsClient(dynamoDb(200, {})));
    await tracer.trace('get', () => client.send(new GetCommand({ TableName: 't', Key: { id: 'x' } })));
    expect(sent[0]?.subsegments).toHaveLength(1);
  });
});
