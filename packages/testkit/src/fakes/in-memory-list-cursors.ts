import { randomUUID } from 'node:crypto';
import { InvalidCursorError } from '@catalog/domain';
import type { ListCursors, ListPosition } from '@catalog/ports';

/**
 * ListCursors that remembers every cursor it issued: a random token per cursor, so anything else (an edit, a
 * made-up string, a cursor of another instance) is refused as the signed ones refuse it. For constructing
 * repositories in tests; the deployed functions sign theirs (lambdas' HmacListCursors).
 */
export class InMemoryListCursors implements ListCursors {
  private readonly issued = new Map<string, ListPosition>();

  encode(position: ListPosition): string {
    const cursor = randomUUID().replaceAll('-', '');
    this.issued.set(cursor, { id: position.id });
    return cursor;
  }

  decode(cursor: string): ListPosition {
    const position = this.issued.get(cursor);
    if (position === undefined) throw new InvalidCursorError();
    return position;
  }
}
