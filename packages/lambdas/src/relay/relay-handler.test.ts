import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import type { RelayPassResult } from './outbox-relay';
import { OutboxRelayHandler } from './relay-handler';

const handlerOver = (passes: (() => Promise<RelayPassResult>)[], clock: { remaining: number }) => {
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  let calls = 0;
  const handler = new OutboxRelayHandler(
    {
      housekeeping: () => Promise.resolve(),
      pass: () => {
        const next = passes[Math.min(calls++, passes.length - 1)]!;
        clock.remaining -= 1_000;
        return next();
      },
    },
    { pollIntervalMs: 1, stopBeforeEndMs: 5_000 },
    createLogger({ serviceName: 'test', level: 'debug', stream }),
    new Metrics({ namespace: 'Test', serviceName: 'test', write: () => undefined }),
  );
  const context = {
    awsRequestId: 'r',
    functionName: 'relay-product-outbox',
    getRemainingTimeInMillis: () => clock.remaining,
  };
  return {
    run: () => handler.handle({}, context),
    logs: () => logs.map((l) => JSON.parse(l) as Record<string, unknown>),
    calls: () => calls,
  };
};

const full = (published: number) => () => Promise.resolve({ claimed: published, published, refused: false });
const empty = () => Promise.resolve({ claimed: 0, published: 0, refused: false });

describe(OutboxRelayHandler, () => {
  it('runs passes until the invocation is about to end, and sums them up', async () => {
    const clock = { remaining: 10_500 };
    const { run, calls } = handlerOver([full(500), full(20), empty], clock);
    expect(await run()).toEqual({ passes: 6, published: 520, refused: 0 });
    expect(calls()).toBe(6);
    expect(clock.remaining).toBeLessThanOrEqual(5_000);
  });

  it('goes on after a pass that failed (the database away), logging it', async () => {
    const clock = { remaining: 7_500 };
    const { run, logs } = handlerOver(
      [() => Promise.reject(new Error('connection refused')), full(3), empty],
      clock,
    );
    expect(await run()).toMatchObject({ published: 3 });
    expect(logs().find((line) => line.level === 'error')).toMatchObject({
      message: expect.stringContaining('retrying after the poll interval'),
      error: expect.objectContaining({ message: 'connection refused' }),
    });
  });

  it('counts passes whose head the bus refused', async () => {
    const clock = { remaining: 7_500 };
    const { run } = handlerOver([() => Promise.resolve({ claimed: 3, published: 1, refused: true })], clock);
    expect(await run()).toEqual({ passes: 3, published: 3, refused: 3 });
  });
});
