import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalEventBridge, type LocalBusEvent } from './local-event-bridge';

const bus = new LocalEventBridge();
let endpoint: string;

const entry = (productId: string, detailType = 'ProductCreated') => ({
  Source: 'catalog.products',
  DetailType: detailType,
  Detail: JSON.stringify({ metadata: { productId }, data: {} }),
  EventBusName: 'catalog-test',
  Time: 1_767_225_600.5,
});

const putEvents = async (entries: unknown[], target = 'AWSEvents.PutEvents') => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify({ Entries: entries }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
};

beforeAll(async () => {
  endpoint = await bus.start();
});
afterAll(async () => {
  await bus.stop();
});
beforeEach(() => {
  bus.reset();
});

describe(LocalEventBridge, () => {
  it('accepts PutEvents entries, gives each an event id and keeps them', async () => {
    const { status, headers, body } = await putEvents([entry('p1'), entry('p2', 'ProductDeleted')]);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(body).toEqual({
      FailedEntryCount: 0,
      Entries: [{ EventId: expect.any(String) }, { EventId: expect.any(String) }],
    });
    expect(bus.events()).toEqual([
      {
        eventId: expect.any(String),
        eventBusName: 'catalog-test',
        source: 'catalog.products',
        detailType: 'ProductCreated',
        detail: { metadata: { productId: 'p1' }, data: {} },
        time: '2026-01-01T00:00:00.500Z',
        resources: [],
      },
      expect.objectContaining({ detailType: 'ProductDeleted' }),
    ]);
  });

  it('serves and clears the accepted events over HTTP, with filters', async () => {
    await putEvents([entry('p1'), entry('p2'), entry('p1', 'ProductUpdated')]);
    const list = async (query = '') =>
      ((await (await fetch(`${endpoint}/_local/events${query}`)).json()) as LocalBusEvent[]).map(
        (event) => `${event.detailType}:${(event.detail.metadata as { productId: string }).productId}`,
      );
    expect(await list()).toEqual(['ProductCreated:p1', 'ProductCreated:p2', 'ProductUpdated:p1']);
    expect(await list('?productId=p1')).toEqual(['ProductCreated:p1', 'ProductUpdated:p1']);
    expect(await list('?detailType=ProductCreated&productId=p2')).toEqual(['ProductCreated:p2']);
    expect((await fetch(`${endpoint}/_local/events`, { method: 'DELETE' })).status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it('refuses entries by predicate and by count, telling the rule how often an entry came', async () => {
    bus.failEntries({
      when: (e) => e.attempt === 1 && e.detail.metadata !== undefined && e.source === 'catalog.products',
      count: 1,
      errorCode: 'ThrottlingException',
    });
    bus.failNextEntries(1);
    const first = await putEvents([entry('p1'), entry('p2'), entry('p3')]);
    expect(first.body).toEqual({
      FailedEntryCount: 2,
      Entries: [
        { ErrorCode: 'ThrottlingException', ErrorMessage: 'Injected ThrottlingException' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'Injected InternalFailure' },
        { EventId: expect.any(String) },
      ],
    });
    const second = await putEvents([entry('p1'), entry('p2')]);
    expect(second.body).toMatchObject({ FailedEntryCount: 0 });
    expect(bus.events().map((event) => event.detail.metadata)).toEqual([
      { productId: 'p3' },
      { productId: 'p1' },
      { productId: 'p2' },
    ]);
    expect(bus.calls).toEqual([
      { entries: 3, failedEntries: 2 },
      { entries: 2, failedEntries: 0 },
    ]);
  });

  it('throttles whole calls with the service error the SDK understands', async () => {
    bus.throttleNextCalls(1);
    const throttled = await putEvents([entry('p1')]);
    expect(throttled.status).toBe(400);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(throttled.body).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
    expect((await putEvents([entry('p1')])).status).toBe(200);
    expect(bus.events()).toHaveLength(1);
  });

  it('enforces the service limits and rejects malformed entries', async () => {
    expect((await putEvents(Array.from({ length: 11 }, (_, i) => entry(`p${i}`)))).status).toBe(400);
    const big = { ...entry('p1'), Detail: JSON.stringify({ blob: 'x'.repeat(262_144) }) };
    expect((await putEvents([big])).body).toMatchObject({ __type: 'ValidationException' });
    const malformed = await putEvents([
      { ...entry('p1'), Detail: '{not json' },
      { ...entry('p2'), Source: '' },
    ]);
    expect(malformed.body).toMatchObject({
      FailedEntryCount: 2,
      Entries: [{ ErrorCode: 'MalformedDetail' }, { ErrorCode: 'InvalidArgument' }],
    });
    expect((await putEvents([entry('p1')], 'AWSEvents.ListRules')).status).toBe(400);
  });

  it('holds responses back when asked to', async () => {
    bus.delayResponses(50);
    const started = Date.now();
    await putEvents([entry('p1')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
