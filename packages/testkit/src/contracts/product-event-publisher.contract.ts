import type { ProductEvent } from '@catalog/domain';
import type { ProductEventPublisher } from '@catalog/ports';
import { beforeEach, describe, expect, it } from 'vitest';
import { aProductEvent } from '../fakes/event-builder';
import { aRandomProduct } from '../fakes/product-builder';

export interface ProductEventPublisherUnderTest {
  readonly publisher: ProductEventPublisher;
  /** Every event the bus accepted so far, in acceptance order. */
  readonly delivered: () => Promise<readonly ProductEvent[]>;
  /** From now on the bus refuses these events (every attempt) with `errorCode`. */
  readonly reject: (eventIds: ReadonlySet<string>, errorCode: string) => void;
}

const ids = (events: readonly ProductEvent[]): string[] => events.map((event) => event.metadata.eventId);

/** The behaviour every ProductEventPublisher must have; `setup` is called before each test. */
export const describeProductEventPublisherContract = (
  adapterName: string,
  setup: () => ProductEventPublisherUnderTest | Promise<ProductEventPublisherUnderTest>,
): void => {
  describe(`ProductEventPublisher contract: ${adapterName}`, () => {
    let subject: ProductEventPublisherUnderTest;
    beforeEach(async () => {
      subject = await setup();
    });

    it('delivers nothing and reports nothing for no events', async () => {
      expect(await subject.publisher.publish([])).toEqual({ failed: [] });
      expect(await subject.delivered()).toEqual([]);
    });

    it('delivers every event intact and in order', async () => {
      const events = Array.from({ length: 25 }, (_, i) =>
        aProductEvent(i % 3 === 0 ? 'ProductCreated' : i % 3 === 1 ? 'ProductUpdated' : 'ProductDeleted'),
      );
      expect(await subject.publisher.publish(events)).toEqual({ failed: [] });
      expect(await subject.delivered()).toEqual(events);
    });

    it('keeps per-product order for several events of one product', async () => {
      const product = aRandomProduct();
      const events = [
        aProductEvent('ProductCreated', product),
        aProductEvent('ProductUpdated', { ...product, version: 2 }),
        aProductEvent('ProductDeleted', { ...product, version: 2 }),
      ];
      await subject.publisher.publish(events);
      expect(ids(await subject.delivered())).toEqual(ids(events));
    });

    it('reports exactly the undelivered events when the bus refuses one', async () => {
      const product = aRandomProduct();
      const events = Array.from({ length: 14 }, () => aProductEvent());
      events.splice(3, 0, aProductEvent('ProductCreated', product));
      events.splice(9, 0, aProductEvent('ProductUpdated', { ...product, version: 2 }));
      const refused = events[3]!.metadata.eventId;
      subject.reject(new Set([refused]), 'InternalFailure');

      const { failed } = await subject.publisher.publish(events);
      const delivered = ids(await subject.delivered());

      expect(failed.find((failure) => failure.eventId === refused)?.errorCode).toBe('InternalFailure');
      const failedIds = new Set(failed.map((failure) => failure.eventId));
      for (const event of events) {
        const id = event.metadata.eventId;
        expect(failedIds.has(id) !== delivered.includes(id)).toBe(true);
      }
      expect(delivered).toEqual(expect.arrayContaining(ids(events.slice(0, 3))));
      // The product's later event must not overtake the one that failed.
      expect(delivered).not.toContain(events[9]!.metadata.eventId);
      expect(ids(events).filter((id) => failedIds.has(id))).toEqual(failed.map((failure) => failure.eventId));
    });
  });
};
