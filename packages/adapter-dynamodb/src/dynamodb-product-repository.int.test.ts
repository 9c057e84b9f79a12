import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { aRandomProduct } from '@catalog/testkit';
import { describeProductRepositoryContract } from '@catalog/testkit/contracts';
import { clearDynamoDbTable, useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSOR_KEY, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products' });
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSOR_KEY);

describeProductRepositoryContract('DynamoDB Local', async () => {
  await clearDynamoDbTable(table);
  return repository();
});

const storedItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await client().send(new GetCommand({ TableName: table.name, Key: { id } }))).Item;

describe(DynamoDbProductRepository, () => {
  it('stores the product field by field, its version and the correlation id of the write', async () => {
    const product = aRandomProduct();
    await repository().put(product, { correlationId: 'corr-put' });
    expect(await storedItem(product.id)).toEqual({
      id: product.id,
      name: product.name,
      description: product.description,
      price: { amount: product.price.amount, currency: product.price.currency },
      version: 1,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
      correlationId: 'corr-put',
    });
  });

  it('leaves the description attribute out for a product without one', async () => {
    const { description: _none, ...product } = aRandomProduct();
    await repository().put(product, { correlationId: 'corr-put' });
    expect(await storedItem(product.id)).not.toHaveProperty('description');
  });

  it('keeps the correlation id of the latest write', async () => {
    const product = aRandomProduct();
    await repository().put(product, { correlationId: 'first' });
    await repository().put({ ...product, version: 2 }, { correlationId: 'second' }, { expectedVersion: 1 });
    expect(await storedItem(product.id)).toMatchObject({ version: 2, correlationId: 'second' });
  });

  describe('when deleting a product that is absent', () => {
    it('writes nothing', async () => {
      const { id } = aRandomProduct();
      expect(await repository().delete(id, { correlationId: 'corr-delete' })).toBeUndefined();
      expect(await storedItem(id)).toBeUndefined();
    });
  });
});
