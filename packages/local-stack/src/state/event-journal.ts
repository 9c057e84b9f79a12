import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LocalBusEvent, LocalBusEventStore } from '@catalog/testkit/eventbridge';

/**
 * The local bus's events as JSON lines in one file: appended before PutEvents answers, read back at start.
 * A crash can cut the last line short; that line is dropped (its PutEvents call never got an answer, so the
 * stream poller delivers it again).
 */
export class JsonLinesEventStore implements LocalBusEventStore {
  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  load(): readonly LocalBusEvent[] {
    if (!existsSync(this.file)) return [];
    const events: LocalBusEvent[] = [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        events.push(JSON.parse(line) as LocalBusEvent);
      } catch {
        this.warn(`${this.file}:${index + 1} is not a whole event (cut short by a crash?); ignored`);
      }
    });
    return events;
  }

  append(events: readonly LocalBusEvent[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  }

  clear(): void {
    if (existsSync(this.file)) writeFileSync(this.file, '');
  }
}
