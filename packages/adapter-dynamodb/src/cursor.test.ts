import { InvalidCursorError, ProductId } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { CursorCodec } from './cursor';

const KEY = 'unit-test-cursor-signing-key';
const position = { id: ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60') };
const codec = new CursorCodec(KEY);

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(CursorCodec, () => {
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
    const foreign = new CursorCodec('another-key-of-another-table').encode(position);
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
    expect(() => new CursorCodec('short')).toThrow(RangeError);
    expect(() => new CursorCodec(new Uint8Array(16))).not.toThrow();
  });
});
