import { StoreUnavailableError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { InMemoryProductRepository } from './in-memory-product-repository';
import { aProduct } from './product-builder';

const context = { correlationId: 'c-1' };

describe(InMemoryProductRepository, () => {
  it('feeds every write to its change log and subscribers, like a table stream', async () => {
    const repository = new InMemoryProductRepository();
    const seen: string[] = [];
    const unsubscribe = repository.subscribe((entry) => seen.push(entry.change.kind));
    const product = aProduct();
    await repository.put(product, context);
    await repository.put({ ...product, version: 2 }, { correlationId: 'c-2' });
    await repository.delete(product.id, { correlationId: 'c-3' });
    await repository.delete(product.id, context);
    unsubscribe();
    await repository.put(aProduct(), context);

    expect(seen).toEqual(['inserted', 'modified', 'removed']);
    expect(repository.changes().map((entry) => [entry.sequence, entry.correlationId])).toEqual([
      [1, 'c-1'],
      [2, 'c-2'],
      [3, 'c-3'],
      [4, 'c-1'],
    ]);
  });

  it('fails the next call of an operation on demand, without side effects', async () => {
    const repository = new InMemoryProductRepository();
    repository.failNext('put', new StoreUnavailableError('throttled'));
    await expect(repository.put(aProduct(), context)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(repository.size()).toBe(0);
    await repository.put(aProduct(), context);
    expect(repository.size()).toBe(1);
  });

  it('keeps only the most recent changes, like a stream with a retention window', async () => {
    const repository = new InMemoryProductRepository(3);
    for (let i = 0; i < 10; i++) await repository.put(aProduct(), context);
    expect(repository.changes().map((entry) => entry.sequence)).toEqual([8, 9, 10]);
    expect(repository.size()).toBe(10);
  });
});
