import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, startStackProcess, tokenFrom, type StackProcess } from './stack-process';

interface PublishedEvent {
  detailType: string;
  detail: { metadata: { eventId: string; productId: string; productVersion: number } };
}

const dataDir = mkdtempSync(join(tmpdir(), 'catalog-crash-'));
const args = ['--port', '0', '--events-port', '0', '--quiet', '--data-dir', dataDir];
let running: StackProcess | undefined;
afterAll(async () => {
  if (running?.child.exitCode === null) {
    process.kill(running.child.pid!, 'SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const eventsOf = async (stack: StackProcess): Promise<PublishedEvent[]> =>
  (await (await fetch(`${stack.origin}/_local/events`)).json()) as PublishedEvent[];

describe('the local stack after a SIGKILL of the whole stack during a write burst', () => {
  it('publishes an event for every acknowledged write (at least once, same eventId) and keeps the earlier ones', async () => {
    const first = await startStackProcess({ args });
    running = first;
    const token = await tokenFrom(first.origin);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Acknowledged writes: product id -> the versions the API confirmed.
    const acknowledged = new Map<string, number[]>();
    let writing = true;
    const writer = async () => {
      while (writing) {
        const id = randomUUID();
        for (const [version, amount] of [
          [1, 100],
          [2, 200],
        ] as const) {
          const response = await fetch(`${first.apiUrl}/api/products/${id}`, {
            method: 'PUT',
            headers,
            body: JSON.stringify({ name: 'Crash', price: { amount, currency: 'EUR' } }),
          }).catch(() => undefined);
          if (response === undefined || response.status >= 300) return;
          acknowledged.set(id, [...(acknowledged.get(id) ?? []), version]);
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    // Kill mid-burst: once events flow, while writes are still being acknowledged.
    while ((await eventsOf(first)).length < 20) await new Promise((resolve) => setTimeout(resolve, 50));
    const before = (await eventsOf(first)).length;
    process.kill(-first.child.pid!, 'SIGKILL');
    writing = false;
    await Promise.all(writers);
    await first.exited;
    const jvm = first.jvmPid!;
    for (let i = 0; i < 100 && isRunning(jvm); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(jvm)).toBe(false);

    const second = await startStackProcess({ args });
    running = second;
    const expected = [...acknowledged].flatMap(([id, versions]) =>
      versions.map((version) => `${id}@${version}`),
    );
    expect(expected.length).toBeGreaterThan(before / 2);
    let events: PublishedEvent[] = [];
    for (let i = 0; i < 200; i++) {
      events = await eventsOf(second);
      const seen = new Set(
        events.map((e) => `${e.detail.metadata.productId}@${e.detail.metadata.productVersion}`),
      );
      if (expected.every((key) => seen.has(key))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seen = new Set(
      events.map((e) => `${e.detail.metadata.productId}@${e.detail.metadata.productVersion}`),
    );
    expect(expected.filter((key) => !seen.has(key))).toEqual([]);
    expect(events.length).toBeGreaterThanOrEqual(before);

    // Redelivered events carry the eventId of their first delivery.
    const ids = new Map<string, Set<string>>();
    for (const e of events) {
      const key = `${e.detail.metadata.productId}@${e.detail.metadata.productVersion}@${e.detailType}`;
      ids.set(key, (ids.get(key) ?? new Set()).add(e.detail.metadata.eventId));
    }
    expect([...ids.values()].filter((set) => set.size > 1)).toEqual([]);

    // The table agrees: every acknowledged product is there at its last acknowledged version.
    const token2 = await tokenFrom(second.origin);
    for (const [id, versions] of [...acknowledged].slice(0, 20)) {
      const response = await fetch(`${second.apiUrl}/api/products/${id}`, {
        headers: { authorization: `Bearer ${token2}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { version: number }).version).toBeGreaterThanOrEqual(
        versions.at(-1)!,
      );
    }
  });
});
