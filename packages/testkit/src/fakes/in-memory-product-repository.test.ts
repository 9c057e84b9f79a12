import { parseProductDetails, ProductId, StoreUnavailableError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { InMemoryProductRepository } from './in-memory-product-repository';

const context = { correlationId: 'c-1' };
const at = new Date('2026-01-01T00:00:00.000Z');
const details = parseProductDetails({ name: 'Cup', price: { amount: 1, currency: 'EUR' } });
const newId = () => ProductId.parse(crypto.randomUUID());

describe(InMemoryProductRepository, () => {
  it('feeds every write to its change log and subscribers, like a table stream', async () => {
    const repository = new InMemoryProductRepository();
    const seen: string[] = [];
    const unsubscribe = repository.subscribe((entry) => seen.push(entry.change.kind));
    const id = newId();
    await repository.create(id, details, at, context);
    const renamed = parseProductDetails({ name: 'Mug', price: { amount: 1, currency: 'EUR' } });
    await repository.replace(id, renamed, at, { correlationId: 'c-2' }, { expectedVersion: 1 });
    await repository.delete(id, at, { correlationId: 'c-3' });
    await repository.delete(id, at, context);
    unsubscribe();
    await repository.create(newId(), details, at, context);

    expect(seen).toEqual(['inserted', 'modified', 'removed']);
    expect(repository.changes().map((entry) => [entry.sequence, entry.correlationId])).toEqual([
      [1, 'c-1'],
      [2, 'c-2'],
      [3, 'c-3'],
      [4, 'c-1'],
    ]);
    expect(repository.correlationIdOf(id)).toBe('c-3');
  });

  it('fails the next call of an operation on demand, without side effects', async () => {
    const repository = new InMemoryProductRepository();
    repository.failNext('create', new StoreUnavailableError('throttled'));
    await expect(repository.create(newId(), details, at, context)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(repository.size()).toBe(0);
    await repository.create(newId(), details, at, context);
    expect(repository.size()).toBe(1);
  });

  it('counts live products only', async () => {
    const repository = new InMemoryProductRepository();
    const id = newId();
    await repository.create(id, details, at, context);
    await repository.create(newId(), details, at, context);
    await repository.delete(id, at, context);
    expect(repository.size()).toBe(1);
  });

  it('keeps only the most recent changes, like a stream with a retention window', async () => {
    const repository = new InMemoryProductRepository(3);
    for (let i = 0; i < 10; i++) await repository.create(newId(), details, at, context);
    expect(repository.changes().map((entry) => entry.sequence)).toEqual([8, 9, 10]);
    expect(repository.size()).toBe(10);
  });
});
