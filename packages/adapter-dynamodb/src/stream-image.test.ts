import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { imageOf } from './stream-image';

// Every attribute type, nested, and the numbers the SDK treats apart (beyond the safe integers, non-finite).
const EVERY_TYPE: Record<string, AttributeValue> = {
  s: { S: 'Cup \u00e9' },
  empty: { S: '' },
  n: { N: '450' },
  fraction: { N: '-0.125' },
  big: { N: '123456789012345678901234567890' },
  infinite: { N: '1e400' },
  bool: { BOOL: false },
  nil: { NULL: true },
  b: { B: new Uint8Array([1, 2, 3]) },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2.5'] },
  bs: { BS: [new Uint8Array([9])] },
  l: { L: [{ S: 'x' }, { N: '1' }, { M: { deep: { L: [{ NULL: true }] } } }] },
  m: { M: { amount: { N: '450' }, currency: { S: 'EUR' }, nested: { M: {} } } },
  first: { S: 'wins', N: '1' } as AttributeValue,
  skipped: { S: undefined, N: '7' } as unknown as AttributeValue,
};

const outcome = (read: () => unknown) => {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe(imageOf, () => {
  it('reads a product image as the SDK unmarshall does', () => {
    const image = marshall({ ...aProduct(), correlationId: 'c-1' }, { removeUndefinedValues: true });
    expect(imageOf(image)).toEqual(unmarshall(image));
  });

  it('reads every attribute type, nested, as the SDK unmarshall does', () => {
    expect(imageOf(EVERY_TYPE)).toEqual(unmarshall(EVERY_TYPE));
    expect(imageOf(EVERY_TYPE).big).toBe(123456789012345678901234567890n);
  });

  it.each(Object.entries(EVERY_TYPE))('reads %s alone as the SDK does', (name, value) => {
    expect(outcome(() => imageOf({ [name]: value }))).toEqual(outcome(() => unmarshall({ [name]: value })));
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown type', { id: { X: 1 } }],
    ['a value with no type', { id: {} }],
    ['a null attribute', { id: null }],
    ['a number that is no number beyond the safe integers', { n: { N: '9007199254740993.5' } }],
  ])('fails like the SDK for %s', (_case, image) => {
    const sdk = outcome(() => unmarshall(image as Record<string, AttributeValue>));
    expect(sdk).toHaveProperty('error');
    expect(outcome(() => imageOf(image as Record<string, AttributeValue>))).toHaveProperty('error');
  });
});
