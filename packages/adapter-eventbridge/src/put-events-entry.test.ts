import type { Product } from '@catalog/domain';
import { aProduct, aProductEvent } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { entrySize, toPutEventsEntry } from './put-events-entry';

const bus = { eventBusName: 'catalog-dev', source: 'catalog.products' };

describe(toPutEventsEntry, () => {
  it('puts the event type in DetailType and the rest of the event, as JSON, in Detail', () => {
    const event = aProductEvent('ProductUpdated');
    const entry = toPutEventsEntry(event, bus, 'Root=1-abc-def;Sampled=1');
    expect(entry).toEqual({
      Source: 'catalog.products',
      DetailType: 'ProductUpdated',
      Detail: JSON.stringify({ metadata: event.metadata, data: event.data }),
      EventBusName: 'catalog-dev',
      Time: new Date(event.metadata.occurredAt),
      TraceHeader: 'Root=1-abc-def;Sampled=1',
    });
    expect(JSON.parse(entry.Detail!)).toEqual({ metadata: event.metadata, data: event.data });
  });

  it('leaves TraceHeader out when there is no trace', () => {
    expect(toPutEventsEntry(aProductEvent(), bus)).not.toHaveProperty('TraceHeader');
  });
});

describe(entrySize, () => {
  it('counts 14 bytes for Time and the UTF-8 bytes of Source, DetailType, Detail and Resources', () => {
    expect(
      entrySize({
        Time: new Date(),
        Source: 'abc',
        DetailType: 'Ünï', // 5 bytes
        Detail: '{"a":"€"}', // 11 bytes
        Resources: ['r1', 'r22'],
        EventBusName: 'not counted',
        TraceHeader: 'not counted either',
      }),
    ).toBe(14 + 3 + 5 + 11 + 2 + 3);
  });

  it('counts nothing for what is not set', () => {
    expect(entrySize({ Source: 's', DetailType: 'd' })).toBe(2);
  });

  it('grows with multi-byte product text', () => {
    const ascii = aProduct({ name: 'aaaa' as Product['name'] });
    const accented = { ...ascii, name: 'éééé' as Product['name'] };
    const size = (product: Product) =>
      entrySize(toPutEventsEntry(aProductEvent('ProductCreated', product), bus));
    expect(size(accented) - size(ascii)).toBe(4);
  });
});
