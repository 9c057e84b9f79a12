import type { ProductEvent, ProductEventType } from '@catalog/domain';
import { aProductEvent, aRandomProduct } from '@catalog/testkit';
import { describeProductEventPublisherContract } from '@catalog/testkit/contracts';
import { LocalEventBridge, type LocalBusEvent } from '@catalog/testkit/eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeClient } from './client';
import { EventBridgeProductEventPublisher } from './eventbridge-product-event-publisher';

// The real SDK client over HTTP against the local PutEvents endpoint: wire format, errors and retries.
const bus = new LocalEventBridge();

const productEventOf = (event: LocalBusEvent): ProductEvent => ({
  type: event.detailType as ProductEventType,
  ...(event.detail as Omit<ProductEvent, 'type'>),
});

const publisherOn = async (traceHeader?: string) => {
  const client = createEventBridgeClient({
    endpoint: await bus.start(),
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return new EventBridgeProductEventPublisher(
    client,
    { eventBusName: 'catalog-local', source: 'catalog.products', retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    () => traceHeader,
  );
};

afterAll(async () => {
  await bus.stop();
});

describeProductEventPublisherContract(
  'EventBridgeProductEventPublisher (local PutEvents endpoint)',
  async () => {
    bus.reset();
    const publisher = await publisherOn();
    return {
      publisher,
      delivered: () => Promise.resolve(bus.events().map(productEventOf)),
      reject: (eventIds, errorCode) => {
        bus.failEntries({
          when: (entry) => eventIds.has((entry.detail.metadata as { eventId: string }).eventId),
          errorCode,
        });
      },
    };
  },
);

describe('EventBridgeProductEventPublisher over HTTP', () => {
  let publisher: EventBridgeProductEventPublisher;
  beforeAll(async () => {
    publisher = await publisherOn('Root=1-67891233-abcdef012345678912345678;Sampled=1');
  });
  beforeEach(() => {
    bus.reset();
  });

  it('sends the entry fields the SDK serialises, trace header included', async () => {
    const event = aProductEvent('ProductUpdated');
    expect(await publisher.publish([event])).toEqual({ failed: [] });
    expect(bus.events()).toEqual([
      {
        eventId: expect.any(String),
        eventBusName: 'catalog-local',
        source: 'catalog.products',
        detailType: 'ProductUpdated',
        detail: { metadata: event.metadata, data: event.data },
        time: event.metadata.occurredAt,
        resources: [],
        traceHeader: 'Root=1-67891233-abcdef012345678912345678;Sampled=1',
      },
    ]);
  });

  it('delivers every event exactly once through partial failures and throttling', async () => {
    const products = Array.from({ length: 12 }, () => aRandomProduct());
    const events = Array.from({ length: 60 }, (_, i) => aProductEvent('ProductCreated', products[i % 12]));
    // Each entry fails on its first try when its position is odd; two calls are throttled outright.
    let seen = 0;
    bus.failEntries({
      when: (entry) => entry.attempt === 1 && seen++ % 2 === 1,
      errorCode: 'ThrottlingException',
    });
    bus.throttleNextCalls(2);

    expect(await publisher.publish(events)).toEqual({ failed: [] });

    const delivered = bus.events().map((event) => productEventOf(event).metadata.eventId);
    expect([...delivered].sort()).toEqual(events.map((event) => event.metadata.eventId).sort());
    for (const product of products) {
      const own = events.filter((event) => event.metadata.productId === product.id);
      expect(bus.events({ productId: product.id }).map((e) => productEventOf(e).metadata.eventId)).toEqual(
        own.map((event) => event.metadata.eventId),
      );
    }
    expect(bus.calls.filter((call) => call.error === 'ThrottlingException')).toHaveLength(2);
  });

  it('reports a chunk that stays throttled, and nothing after it is sent', async () => {
    bus.throttleNextCalls(100);
    const events = Array.from({ length: 12 }, () => aProductEvent());
    const { failed } = await publisher.publish(events);
    expect(failed.map((failure) => failure.errorCode)).toEqual([
      ...Array<string>(10).fill('ThrottlingException'),
      'NotAttempted',
      'NotAttempted',
    ]);
    expect(bus.calls).toHaveLength(4);
    expect(bus.events()).toEqual([]);
  });
});
