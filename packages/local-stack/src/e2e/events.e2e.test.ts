import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitForEvents } from './observed-events';
import { apiClient, e2eTarget } from './target';

const target = e2eTarget();
const api = apiClient(target);
const observer = () => {
  if (!target.events) throw new Error('Event tests need E2E_EVENTS_QUEUE_URL when E2E_BASE_URL is set');
  return target.events;
};

describe('write -> the right event arrives', () => {
  it('publishes Created, Updated (changed fields only), nothing for a no-op, then Deleted, in order', async () => {
    const id = randomUUID();
    const body = { name: 'Lamp', price: { amount: 1999, currency: 'EUR' } };
    const correlation = (step: string) => ({ 'x-correlation-id': `e2e-${step}-${id}` });

    expect((await api('PUT', `/api/products/${id}`, { body, headers: correlation('create') })).status).toBe(
      201,
    );
    const created = await waitForEvents(observer(), id, (events) => events.length >= 1);
    expect(created[0]).toMatchObject({
      source: 'catalog.products',
      detailType: 'ProductCreated',
      detail: {
        metadata: { eventVersion: '1', productId: id, productVersion: 1, correlationId: `e2e-create-${id}` },
        data: { product: { id, ...body, version: 1 } },
      },
    });

    const changed = { ...body, price: { amount: 2499, currency: 'EUR' } };
    expect(
      (await api('PUT', `/api/products/${id}`, { body: changed, headers: correlation('update') })).status,
    ).toBe(200);
    const noop = await api('PUT', `/api/products/${id}`, { body: changed, headers: correlation('noop') });
    expect(noop.status).toBe(200);
    expect(noop.headers.get('etag')).toBe('"2"');
    expect((await api('DELETE', `/api/products/${id}`, { headers: correlation('delete') })).status).toBe(204);

    const events = await waitForEvents(observer(), id, (all) =>
      all.some((event) => event.detailType === 'ProductDeleted'),
    );
    expect(events.map((event) => event.detailType)).toEqual([
      'ProductCreated',
      'ProductUpdated',
      'ProductDeleted',
    ]);
    expect(events[1]!.detail).toMatchObject({
      metadata: { productVersion: 2, correlationId: `e2e-update-${id}` },
      data: { changedFields: ['price'], product: { price: { amount: 2499 } } },
    });
    // The deletion has its own version, after the product it ended.
    expect(events[2]!.detail).toMatchObject({
      metadata: { productVersion: 3, correlationId: `e2e-delete-${id}` },
      data: { product: { id, version: 2 } },
    });
    expect(new Set(events.map((event) => event.detail.metadata.eventId)).size).toBe(3);
  });

  it('publishes ProductCreated for a POST with the request correlation id', async () => {
    const correlationId = `e2e-post-${randomUUID()}`;
    const response = await api('POST', '/api/products', {
      body: { name: 'Desk', description: 'Oak', price: { amount: 30000, currency: 'USD' } },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(response.status).toBe(201);
    const { id } = response.json() as { id: string };
    const [event] = await waitForEvents(observer(), id, (events) => events.length >= 1);
    expect(event).toMatchObject({
      detailType: 'ProductCreated',
      detail: { metadata: { correlationId, productId: id }, data: { product: { description: 'Oak' } } },
    });
  });
});
