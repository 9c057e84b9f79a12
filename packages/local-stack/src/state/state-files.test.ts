import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalBusEvent } from '@catalog/testkit/eventbridge';
import { afterAll, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from './checkpoint-file';
import { JsonLinesEventStore } from './event-journal';

const folder = mkdtempSync(join(tmpdir(), 'local-state-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
const event = (n: number): LocalBusEvent => ({
  eventId: `e${n}`,
  eventBusName: 'bus',
  source: 'catalog.products',
  detailType: 'ProductCreated',
  detail: { metadata: { productId: `p${n}` } },
  time: '2026-01-01T00:00:00.000Z',
  resources: [],
});

describe(JsonLinesEventStore, () => {
  it('reads back what it appended, and nothing after clear', () => {
    const store = new JsonLinesEventStore(join(folder, 'a', 'events.jsonl'));
    expect(store.load()).toEqual([]);
    store.append([event(1), event(2)]);
    store.append([event(3)]);
    expect(new JsonLinesEventStore(join(folder, 'a', 'events.jsonl')).load()).toEqual([
      event(1),
      event(2),
      event(3),
    ]);
    store.clear();
    expect(store.load()).toEqual([]);
  });

  it('drops a last line cut short by a crash, and says so', () => {
    const file = join(folder, 'cut.jsonl');
    const warnings: string[] = [];
    const store = new JsonLinesEventStore(file, (line) => warnings.push(line));
    store.append([event(1)]);
    appendFileSync(file, '{"eventId":"e2","deta');
    expect(store.load()).toEqual([event(1)]);
    expect(warnings.join()).toMatch(/cut\.jsonl:2/);
  });
});

describe(FileCheckpointStore, () => {
  const arn = 'arn:aws:dynamodb:local:0:table/t/stream/1';

  it('has nothing before the first save, then what was saved last', () => {
    const store = new FileCheckpointStore(join(folder, 'b', 'checkpoint.json'));
    expect(store.load(arn)).toBeUndefined();
    store.save({ streamArn: arn, shards: { s1: '10' } });
    store.save({ streamArn: arn, shards: { s1: '12', s0: 'done' } });
    expect(new FileCheckpointStore(join(folder, 'b', 'checkpoint.json')).load(arn)).toEqual({
      streamArn: arn,
      shards: { s1: '12', s0: 'done' },
    });
  });

  it.each([
    ['another stream', JSON.stringify({ streamArn: 'other', shards: { s1: '9' } }), /another stream/],
    ['a broken file', '{"streamArn":', /unreadable/],
    ['wrong values', JSON.stringify({ streamArn: arn, shards: { s1: 9 } }), /unreadable/],
  ])(
    'reads %s as an empty checkpoint (from the start: duplicates, never a loss), with a warning',
    (_what, text, warning) => {
      const file = join(folder, `c-${Math.random()}.json`);
      writeFileSync(file, text);
      const warnings: string[] = [];
      expect(new FileCheckpointStore(file, (line) => warnings.push(line)).load(arn)).toEqual({
        streamArn: arn,
        shards: {},
      });
      expect(warnings.join()).toMatch(warning);
    },
  );
});
