import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { productStreamImage } from './product-stream-image';
import { parseProductStreamRecord } from './product-stream-record';

describe(productStreamImage, () => {
  it('is an image the stream parser reads back into the same product and correlation id', () => {
    const { description: _omitted, ...product } = aProduct();
    const record = {
      eventID: 'e-1',
      eventName: 'INSERT',
      dynamodb: {
        ApproximateCreationDateTime: 1_767_225_600,
        Keys: { id: { S: product.id } },
        NewImage: productStreamImage(product, 'corr-1'),
        SequenceNumber: '100',
      },
    };
    expect(parseProductStreamRecord(record)).toEqual({
      sequenceNumber: '100',
      eventId: 'e-1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'corr-1',
      change: { kind: 'inserted', after: product },
    });
  });
});
