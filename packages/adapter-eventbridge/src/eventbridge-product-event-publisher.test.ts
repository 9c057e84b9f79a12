import { ThrottlingException } from '@aws-sdk/client-eventbridge';
import type { Description, Product, ProductEvent } from '@catalog/domain';
import { aProduct, aProductEvent } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { EventBridgeProductEventPublisher } from './eventbridge-product-event-publisher';
import { eventIdOf, instantPublisher, mockedBus, productEventOf } from './mocked-bus.test-support';
import { entrySize, MAX_CALL_BYTES } from './put-events-entry';

const distinctEvents = (count: number): ProductEvent[] =>
  Array.from({ length: count }, () => aProductEvent());
const ids = (events: readonly ProductEvent[]) => events.map((event) => event.metadata.eventId);
const withDescriptionOf = (bytes: number): Product =>
  aProduct({ description: 'd'.repeat(bytes) as Description });
const throttled = () =>
  new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

describe(EventBridgeProductEventPublisher, () => {
  it('sends each event as an entry on the configured bus and source, with the trace header', async () => {
    const bus = mockedBus();
    const { publisher } = instantPublisher(bus.client, {
      traceHeader: () => 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      settings: { eventBusName: 'catalog-dev', source: 'acme.catalog' },
    });
    const events = [aProductEvent('ProductCreated'), aProductEvent('ProductDeleted')];

    expect(await publisher.publish(events)).toEqual({ failed: [] });
    const [entries] = bus.calls();
    expect(entries).toHaveLength(2);
    for (const [index, entry] of entries!.entries()) {
      expect(entry).toMatchObject({
        Source: 'acme.catalog',
        EventBusName: 'catalog-dev',
        DetailType: events[index]!.type,
        Time: new Date(events[index]!.metadata.occurredAt),
        TraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      });
      expect(productEventOf(entry)).toEqual(events[index]);
    }
  });

  it('makes no call for no events', async () => {
    const bus = mockedBus();
    expect(await instantPublisher(bus.client).publisher.publish([])).toEqual({ failed: [] });
    expect(bus.calls()).toHaveLength(0);
  });

  it.each([1, 9, 10, 11, 25, 100])('sends %i events of distinct products in ceil(n/10) calls', async (n) => {
    const bus = mockedBus();
    const events = distinctEvents(n);
    await instantPublisher(bus.client).publisher.publish(events);
    expect(bus.calls()).toHaveLength(Math.ceil(n / 10));
    expect(bus.accepted.map(eventIdOf)).toEqual(ids(events));
  });

  it('never puts two events of one product in a call, so a later one waits for the next call', async () => {
    const bus = mockedBus();
    const [a, b, c] = [aProduct(), aProduct(), aProduct()];
    const events = [
      aProductEvent('ProductCreated', a),
      aProductEvent('ProductCreated', b),
      aProductEvent('ProductUpdated', { ...a, version: 2 }),
      aProductEvent('ProductCreated', c),
      aProductEvent('ProductDeleted', { ...a, version: 2 }),
    ];
    await instantPublisher(bus.client).publisher.publish(events);
    expect(bus.calls().map((entries) => entries.map(eventIdOf))).toEqual([
      ids(events.slice(0, 2)),
      ids(events.slice(2, 4)),
      ids(events.slice(4)),
    ]);
  });

  it('splits by bytes when ten entries would pass 256 KB', async () => {
    const bus = mockedBus();
    const events = Array.from({ length: 10 }, () =>
      aProductEvent('ProductCreated', withDescriptionOf(60_000)),
    );
    expect(await instantPublisher(bus.client).publisher.publish(events)).toEqual({ failed: [] });
    const calls = bus.calls();
    expect(calls.map((entries) => entries.length)).toEqual([4, 4, 2]);
    for (const entries of calls) {
      expect(entries.reduce((total, entry) => total + entrySize(entry), 0)).toBeLessThanOrEqual(
        MAX_CALL_BYTES,
      );
    }
    expect(bus.accepted.map(eventIdOf)).toEqual(ids(events));
  });

  it('reports an entry over 256 KB as EntryTooLarge and attempts nothing after it', async () => {
    const bus = mockedBus();
    const events = [
      aProductEvent(),
      aProductEvent('ProductCreated', withDescriptionOf(300_000)),
      aProductEvent(),
    ];
    const { failed } = await instantPublisher(bus.client).publisher.publish(events);
    expect(failed).toEqual([
      { eventId: events[1]!.metadata.eventId, errorCode: 'EntryTooLarge', errorMessage: expect.any(String) },
      { eventId: events[2]!.metadata.eventId, errorCode: 'NotAttempted', errorMessage: expect.any(String) },
    ]);
    expect(bus.accepted.map(eventIdOf)).toEqual(ids(events.slice(0, 1)));
  });

  describe('when some entries of a call fail', () => {
    it('resends only the failed entries and reports nothing once they are delivered', async () => {
      const bus = mockedBus();
      const events = distinctEvents(10);
      const failing = new Set(ids([events[2]!, events[5]!, events[7]!]));
      const attempts = new Map<string, number>();
      bus.refuseWhen((entry) => {
        const id = eventIdOf(entry);
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        return failing.has(id) && attempts.get(id) === 1 ? 'ThrottlingException' : undefined;
      });
      const { publisher, sleeps } = instantPublisher(bus.client);

      expect(await publisher.publish(events)).toEqual({ failed: [] });
      expect(bus.calls().map((entries) => entries.map(eventIdOf))).toEqual([ids(events), [...failing]]);
      expect(sleeps).toHaveLength(1);
      expect(bus.accepted).toHaveLength(10);
    });

    it('reports exactly the entries still failing after the last attempt, and the rest as NotAttempted', async () => {
      const bus = mockedBus();
      const events = distinctEvents(15);
      const refused = events[4]!.metadata.eventId;
      bus.refuseWhen((entry) => (eventIdOf(entry) === refused ? 'InternalFailure' : undefined));
      const { publisher, sleeps } = instantPublisher(bus.client, { settings: { retry: { maxAttempts: 3 } } });

      const { failed } = await publisher.publish(events);

      expect(failed).toEqual([
        { eventId: refused, errorCode: 'InternalFailure', errorMessage: 'refused: InternalFailure' },
        ...ids(events.slice(10)).map((eventId) => ({
          eventId,
          errorCode: 'NotAttempted',
          errorMessage: 'An earlier event was not delivered',
        })),
      ]);
      expect(bus.calls().map((entries) => entries.length)).toEqual([10, 1, 1]);
      expect(sleeps).toHaveLength(2);
      expect(bus.accepted.map(eventIdOf)).toEqual(ids(events.slice(0, 10)).filter((id) => id !== refused));
    });

    it('does not resend an entry the bus will never take', async () => {
      const bus = mockedBus();
      const events = distinctEvents(3);
      bus.refuseWhen((entry) =>
        eventIdOf(entry) === events[1]!.metadata.eventId ? 'MalformedDetail' : undefined,
      );
      const { failed } = await instantPublisher(bus.client).publisher.publish(events);
      expect(failed.map((failure) => failure.errorCode)).toEqual(['MalformedDetail']);
      expect(bus.calls()).toHaveLength(1);
    });

    it('treats an entry without a result as undelivered', async () => {
      const bus = mockedBus();
      bus.stub.callsFake(() => ({ FailedEntryCount: 0, Entries: [] }));
      const { failed } = await instantPublisher(bus.client, {
        settings: { retry: { maxAttempts: 1 } },
      }).publisher.publish(distinctEvents(1));
      expect(failed.map((failure) => failure.errorCode)).toEqual(['MissingResultEntry']);
    });
  });

  describe('when a whole call fails', () => {
    it('retries the call with backoff and succeeds', async () => {
      const bus = mockedBus();
      bus.stub.rejectsOnce(throttled()).callsFake(bus.respond);
      const events = distinctEvents(5);
      const { publisher, sleeps } = instantPublisher(bus.client);
      expect(await publisher.publish(events)).toEqual({ failed: [] });
      expect(bus.calls()).toHaveLength(2);
      expect(sleeps).toHaveLength(1);
      expect(bus.accepted.map(eventIdOf)).toEqual(ids(events));
    });

    it('gives up after the last attempt and reports that chunk and every later event', async () => {
      const bus = mockedBus();
      bus.stub.callsFakeOnce(bus.respond).rejects(throttled());
      const events = distinctEvents(25);
      const { publisher, sleeps } = instantPublisher(bus.client, {
        settings: { retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 1000, random: () => 0.5 } },
      });

      const { failed } = await publisher.publish(events);

      expect(failed.map(({ eventId, errorCode }) => [eventId, errorCode])).toEqual([
        ...ids(events.slice(10, 20)).map((id) => [id, 'ThrottlingException']),
        ...ids(events.slice(20)).map((id) => [id, 'NotAttempted']),
      ]);
      expect(bus.calls().map((entries) => entries.length)).toEqual([10, 10, 10, 10, 10]);
      expect(sleeps).toEqual([8, 15, 30]);
    });

    it('reports only the entries not yet delivered when a resend fails', async () => {
      const bus = mockedBus();
      const events = distinctEvents(10);
      bus.refuseWhen((entry) =>
        eventIdOf(entry) === events[3]!.metadata.eventId ? 'InternalFailure' : undefined,
      );
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      bus.stub.callsFakeOnce(bus.respond).rejects(reset);
      const { failed } = await instantPublisher(bus.client).publisher.publish(events);
      expect(failed).toEqual([
        { eventId: events[3]!.metadata.eventId, errorCode: 'ECONNRESET', errorMessage: 'socket hang up' },
      ]);
    });

    it('does not retry a client error', async () => {
      const bus = mockedBus();
      const denied = Object.assign(new Error('not allowed'), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
      bus.stub.rejects(denied);
      const { failed } = await instantPublisher(bus.client).publisher.publish(distinctEvents(2));
      expect(failed.map((failure) => failure.errorCode)).toEqual([
        'AccessDeniedException',
        'AccessDeniedException',
      ]);
      expect(bus.calls()).toHaveLength(1);
    });
  });
});
