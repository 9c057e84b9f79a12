import { deleteProduct, type ProductChange } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { productStreamImage, productStreamImages } from './product-stream-image';
import { parseProductStreamRecord } from './product-stream-record';

const recordOf = (eventName: string, images: object) => ({
  eventID: 'e-1',
  eventName,
  dynamodb: { ApproximateCreationDateTime: 1_767_225_600, SequenceNumber: '100', ...images },
});

describe(productStreamImage, () => {
  it('is an image the stream parser reads back into the same product and correlation id', () => {
    const { description: _omitted, ...product } = aProduct();
    const record = recordOf('INSERT', {
      Keys: { id: { S: product.id } },
      NewImage: productStreamImage(product, 'corr-1'),
    });
    expect(parseProductStreamRecord(record)).toEqual({
      sequenceNumber: '100',
      eventId: 'e-1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'corr-1',
      change: { kind: 'inserted', after: product },
    });
  });
});

describe(productStreamImages, () => {
  const product = aProduct();
  const changes: ProductChange[] = [
    { kind: 'inserted', after: product },
    {
      kind: 'modified',
      before: product,
      after: { ...product, name: 'Other' as typeof product.name, version: 2 },
    },
    {
      kind: 'removed',
      before: product,
      deletion: deleteProduct(product, new Date('2026-02-01T00:00:00.123Z')),
    },
  ];

  it.each(changes)('carries a $kind change that the parser reads back as it was', (change) => {
    const { eventName, ...images } = productStreamImages(change, 'corr-write', 'corr-before');
    expect(eventName).toBe(change.kind === 'inserted' ? 'INSERT' : 'MODIFY');
    expect(parseProductStreamRecord(recordOf(eventName, images))).toMatchObject({
      correlationId: 'corr-write',
      change,
    });
  });
});
