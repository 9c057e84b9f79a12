import type { ProductId } from '@catalog/domain';

/** Where a list page ends; what the id means (scan key, keyset bound) is the repository's to say. */
export interface ListPosition {
  readonly id: ProductId;
}

/**
 * Turns a repository's list position into the opaque `nextCursor` clients send back, and back again.
 * Cursors are tamper-evident: a client can neither read a position from one nor make one up.
 */
export interface ListCursors {
  /** A cursor for this position: URL-safe text that only `decode` of the same ListCursors accepts. */
  encode(position: ListPosition): string;
  /**
   * The position a cursor stands for. Throws InvalidCursorError for any cursor this ListCursors did not
   * issue unchanged: edited, truncated, made up, or issued by another ListCursors (another key or use).
   */
  decode(cursor: string): ListPosition;
}
export const ListCursors = Symbol.for('catalog.ListCursors');
