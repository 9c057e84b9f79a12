import { MAX_CALL_BYTES, MAX_ENTRIES_PER_CALL } from './put-events-entry';

export interface SizedEntry {
  /** Events of one key (a product) never share a call, so a later one cannot overtake an earlier one. */
  readonly key: string;
  readonly size: number;
}

/**
 * The end (exclusive) of the next PutEvents call starting at `start`: the longest run of consecutive
 * entries with at most 10 entries, at most 256 KB, and no key twice. Taking a run, never skipping ahead,
 * keeps calls in input order. The entry at `start` must itself fit in a call.
 */
export const chunkEnd = (entries: readonly SizedEntry[], start: number): number => {
  const keys = new Set<string>();
  let bytes = 0;
  let end = start;
  while (end < entries.length && end - start < MAX_ENTRIES_PER_CALL) {
    const { key, size } = entries[end]!;
    if (keys.has(key) || bytes + size > MAX_CALL_BYTES) break;
    keys.add(key);
    bytes += size;
    end++;
  }
  return end;
};
