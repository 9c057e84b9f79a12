import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForEvents, type ObservedEvent } from './observed-events';
import { apiClient, e2eTarget, type ApiResponse } from './target';

const target = e2eTarget();
const api = apiClient(target);
const observer = () => {
  if (!target.events) throw new Error('Event tests need E2E_EVENTS_QUEUE_URL when E2E_BASE_URL is set');
  return target.events;
};

/** Every product id the list shows, page by page (bounded), with how often each appears. */
const listedIds = async (): Promise<Map<string, number>> => {
  const seen = new Map<string, number>();
  let cursor: string | null | undefined;
  for (let page = 0; page < 200; page++) {
    const query = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const response = await api('GET', `/api/products${query}`);
    expect(response.status).toBe(200);
    const { items, nextCursor } = response.json() as { items: { id: string }[]; nextCursor: string | null };
    for (const { id } of items) seen.set(id, (seen.get(id) ?? 0) + 1);
    cursor = nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the list did not end within 200 pages');
};

/** docs/events/README.md, literally: ignore an event whose productVersion is not newer than the last applied. */
const applyConsumerRule = (events: readonly ObservedEvent[]) => {
  let last = 0;
  return events.filter(({ detail }) => {
    if (detail.metadata.productVersion <= last) return false;
    last = detail.metadata.productVersion;
    return true;
  });
};

const etagOf = (response: ApiResponse) => response.headers.get('etag');

describe('a product’s whole life: create, update, delete, re-create, update', () => {
  it('gives five events strictly increasing versions, so the consumer rule loses none', async () => {
    const id = randomUUID();
    const path = `/api/products/${id}`;
    const headers = (step: string) => ({ 'x-correlation-id': `e2e-${step}-${id}` });
    const lamp = (amount: number) => ({ name: 'Lamp', price: { amount, currency: 'EUR' } });

    const created = await api('PUT', path, { body: lamp(1000), headers: headers('create') });
    expect([created.status, etagOf(created)]).toEqual([201, '"1"']);
    const updated = await api('PUT', path, { body: lamp(1100), headers: headers('update') });
    expect([updated.status, etagOf(updated)]).toEqual([200, '"2"']);
    expect((await api('DELETE', path, { headers: headers('delete') })).status).toBe(204);

    expect((await api('GET', path)).status).toBe(404);
    expect((await listedIds()).has(id)).toBe(false);
    // The deleted id is at version 3 now: If-Match on it fails as for any absent product.
    expect((await api('PUT', path, { body: lamp(1), headers: { 'if-match': '"3"' } })).status).toBe(412);

    const recreated = await api('PUT', path, { body: lamp(1200), headers: headers('recreate') });
    expect([recreated.status, etagOf(recreated)]).toEqual([201, '"4"']);
    expect(recreated.json()).toMatchObject({ id, version: 4 });
    const again = await api('PUT', path, {
      body: lamp(1300),
      headers: { ...headers('update-again'), 'if-match': '"4"' },
    });
    expect([again.status, etagOf(again)]).toEqual([200, '"5"']);
    const current = await api('GET', path);
    expect([current.status, etagOf(current)]).toEqual([200, '"5"']);
    expect((await listedIds()).get(id)).toBe(1);

    const events = await waitForEvents(observer(), id, (seen) => seen.length >= 5);
    expect(events.map((event) => [event.detailType, event.detail.metadata.productVersion])).toEqual([
      ['ProductCreated', 1],
      ['ProductUpdated', 2],
      ['ProductDeleted', 3],
      ['ProductCreated', 4],
      ['ProductUpdated', 5],
    ]);
    expect(events.map((event) => event.detail.metadata.correlationId)).toEqual(
      ['create', 'update', 'delete', 'recreate', 'update-again'].map((step) => `e2e-${step}-${id}`),
    );
    // The deletion names the product it ended; its own version sorts after it and before the re-creation.
    expect(events[2]!.detail.data.product).toMatchObject({ id, version: 2 });
    const times = events.map((event) => Date.parse(event.detail.metadata.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    expect(applyConsumerRule(events)).toEqual(events);
    // Redelivered (at least once), the rule still applies each change once and ends on the current product.
    const redelivered = events.flatMap((event) => [event, event]);
    const applied = applyConsumerRule(redelivered);
    expect(applied).toEqual(events);
    expect(applied.at(-1)!.detail.data.product).toEqual(current.json());
    expect(new Set(events.map((event) => event.detail.metadata.eventId)).size).toBe(5);
  });
});
