import { InvalidCursorError, ProductId } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { HmacListCursors } from './hmac-list-cursors';

const KEY = 'unit-test-cursor-signing-key';
const DYNAMODB = 'catalog.products.list-cursor';
const POSTGRES = 'catalog.products.list-cursor.postgres';
const position = { id: ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60') };

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each([DYNAMODB, POSTGRES])('HmacListCursors for %s', (context) => {
  const codec = new HmacListCursors(KEY, context);

  it('decodes the position it encoded', () => {
    expect(codec.decode(codec.encode(position))).toEqual(position);
  });

  it('issues cursors that only hold URL-safe characters', () => {
    expect(codec.encode(position)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  describe('when the cursor was changed', () => {
    it.each(Array.from({ length: 8 }, (_, i) => i))('rejects a flipped character (%i)', (step) => {
      const cursor = codec.encode(position);
      const index = Math.floor((cursor.length * step) / 8);
      const tampered = cursor.slice(0, index) + (cursor[index] === 'A' ? 'B' : 'A') + cursor.slice(index + 1);
      expect(() => codec.decode(tampered)).toThrow(InvalidCursorError);
    });

    it('rejects a payload swapped for another product with the old signature', () => {
      const [, signature] = codec.encode(position).split('.');
      const forged = `${base64url({ v: 1, k: { id: crypto.randomUUID() } })}.${signature!}`;
      expect(() => codec.decode(forged)).toThrow(InvalidCursorError);
    });

    it('rejects a truncated or extended cursor', () => {
      const cursor = codec.encode(position);
      for (const bad of [cursor.slice(0, -1), `${cursor}A`, `${cursor}.x`, cursor.split('.')[0]!]) {
        expect(() => codec.decode(bad)).toThrow(InvalidCursorError);
      }
    });
  });

  it('rejects a cursor signed with another key', () => {
    const foreign = new HmacListCursors('another-key-of-another-table', context).encode(position);
    expect(() => codec.decode(foreign)).toThrow(InvalidCursorError);
  });

  it('rejects a correctly signed payload of another shape', () => {
    const sign = (payload: string): string => (codec as unknown as { sign(p: string): string }).sign(payload);
    for (const value of [{ v: 2, k: position }, { v: 1, k: { id: 'not-a-uuid' } }, { v: 1 }, null, [1]]) {
      const payload = base64url(value);
      expect(() => codec.decode(`${payload}.${sign(payload)}`)).toThrow(InvalidCursorError);
    }
  });

  it.each(['', '.', 'garbage', '%%%.%%%', 'eyJ2IjoxfQ', 'a.b.c'])('rejects %j', (cursor) => {
    expect(() => codec.decode(cursor)).toThrow(InvalidCursorError);
  });

  it('refuses a signing key shorter than 16 bytes', () => {
    expect(() => new HmacListCursors('short', context)).toThrow(RangeError);
    expect(() => new HmacListCursors(new Uint8Array(16), context)).not.toThrow();
  });
});

describe(HmacListCursors, () => {
  it('refuses, under the same key, a cursor issued for the other context', () => {
    const dynamodb = new HmacListCursors(KEY, DYNAMODB);
    const postgres = new HmacListCursors(KEY, POSTGRES);
    expect(() => postgres.decode(dynamodb.encode(position))).toThrow(InvalidCursorError);
    expect(() => dynamodb.decode(postgres.encode(position))).toThrow(InvalidCursorError);
  });

  // Clients hold cursors across deployments: the format, the signature input and the key's encoding are
  // frozen, so these strings are what the list functions have always issued for this key and id.
  it.each([
    [
      DYNAMODB,
      'eyJ2IjoxLCJrIjp7ImlkIjoiM2YwYjdjMWUtNmEwYi00YzVlLTlhM2YtMWIyYzNkNGU1ZjYwIn19.yjgQiVPHNcsLJ-mEsDKqhIVbZu-WZDgB9FXzRd50jI8',
    ],
    [
      POSTGRES,
      'eyJ2IjoxLCJrIjp7ImlkIjoiM2YwYjdjMWUtNmEwYi00YzVlLTlhM2YtMWIyYzNkNGU1ZjYwIn19.iDLYovu7Yz-YXic5EUs91OgkDblvbL97vx7NNbyLKtg',
    ],
  ])('issues and accepts the same cursor as ever for %s', (context, cursor) => {
    const codec = new HmacListCursors(KEY, context);
    expect(codec.encode(position)).toBe(cursor);
    expect(codec.decode(cursor)).toEqual(position);
    expect(new HmacListCursors(new TextEncoder().encode(KEY), context).encode(position)).toBe(cursor);
  });
});
