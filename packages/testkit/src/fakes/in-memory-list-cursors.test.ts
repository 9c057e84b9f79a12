import { InvalidCursorError, ProductId } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { InMemoryListCursors } from './in-memory-list-cursors';

const position = { id: ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60') };

describe(InMemoryListCursors, () => {
  it('decodes the URL-safe cursor it issued', () => {
    const cursors = new InMemoryListCursors();
    const cursor = cursors.encode(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursors.decode(cursor)).toEqual(position);
  });

  it('refuses an edited cursor, a made-up one and one issued by another instance', () => {
    const cursors = new InMemoryListCursors();
    const cursor = cursors.encode(position);
    const edited = (cursor[0] === 'a' ? 'b' : 'a') + cursor.slice(1);
    const foreign = new InMemoryListCursors().encode(position);
    for (const bad of [edited, cursor.slice(0, -1), `${cursor}a`, '', 'garbage', foreign]) {
      expect(() => cursors.decode(bad)).toThrow(InvalidCursorError);
    }
  });
});
