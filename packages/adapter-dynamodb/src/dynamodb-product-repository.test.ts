import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteProduct, isDomainError, parseProductDetails, VersionConflictError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { conditionFailed, detailsOf, itemOf, mockedRepository, tombstoneOf } from './repository.test-support';

const context = { correlationId: 'corr-write' };
const at = new Date('2026-05-01T12:00:00.000Z');
const failure = async (write: Promise<unknown>) =>
  write.then(
    () => expect.unreachable(),
    (e: unknown) => e,
  );

describe(DynamoDbProductRepository, () => {
  describe('get', () => {
    it('reads strongly consistently and restores the product', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(GetCommand).resolves({ Item: itemOf(product) });
      expect(await repository.get(product.id)).toEqual(product);
      expect(mock.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
        TableName: 'products',
        Key: { id: product.id },
        ConsistentRead: true,
      });
    });

    it('shows a tombstone as no product', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(GetCommand).resolves({ Item: tombstoneOf(deleteProduct(product, at)) });
      expect(await repository.get(product.id)).toBeUndefined();
    });

    it('reports a corrupt item as a server fault, not as the client’s validation error', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(GetCommand).resolves({ Item: { ...itemOf(product), version: 'one' } });
      const error = await failure(repository.get(product.id));
      expect(error).toBeInstanceOf(Error);
      expect(isDomainError(error)).toBe(false);
      expect((error as Error).message).toContain(product.id);
    });
  });

  describe('create', () => {
    it('is one UpdateItem that continues an id’s versions and clears a tombstone', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(UpdateCommand).resolves({});
      const created = await repository.create(product.id, detailsOf(product), at, context);
      expect(created).toEqual({ ...product, createdAt: at.toISOString(), updatedAt: at.toISOString() });
      expect(mock.calls()).toHaveLength(1);
      const input = mock.commandCalls(UpdateCommand)[0]!.args[0].input;
      expect(input).toMatchObject({
        TableName: 'products',
        Key: { id: product.id },
        ConditionExpression: 'attribute_not_exists(#id) OR attribute_exists(#deletedAt)',
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      expect(input.UpdateExpression).toContain('#version = if_not_exists(#version, :noVersion) + :one');
      expect(input.UpdateExpression).toMatch(/REMOVE #deletedAt$/);
      expect(input.ExpressionAttributeValues).toMatchObject({
        ':noVersion': 0,
        ':one': 1,
        ':correlationId': 'corr-write',
        ':price': product.price,
      });
    });

    it('returns the version after the tombstone it replaced', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 6 });
      mock.on(UpdateCommand).resolves({ Attributes: tombstoneOf(deleteProduct(product, at)) });
      expect((await repository.create(product.id, detailsOf(product), at, context)).version).toBe(8);
    });

    it('leaves the description out, and removes a stored one, for details without one', async () => {
      const { mock, repository } = mockedRepository();
      const { description: _none, ...product } = aProduct();
      mock.on(UpdateCommand).resolves({});
      const created = await repository.create(product.id, detailsOf(product), at, context);
      expect(created).not.toHaveProperty('description');
      expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toMatch(
        /REMOVE #description, #deletedAt$/,
      );
    });

    it('refuses a live product with the version it holds, the SDK error as cause', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 3 });
      const refused = conditionFailed(itemOf(product));
      mock.on(UpdateCommand).rejects(refused);
      const error = await failure(repository.create(product.id, detailsOf(product), at, context));
      expect(error).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ expected: 'absent', found: 3, cause: refused });
    });
  });

  describe('replace', () => {
    const next = parseProductDetails({ name: 'Renamed', price: { amount: 1, currency: 'USD' } });

    it('is one UpdateItem at the expected version that only writes changed details', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 4 });
      mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
      const result = await repository.replace(product.id, next, at, context, { expectedVersion: 4 });
      expect(result).toEqual({
        product: { ...product, ...next, description: undefined, version: 5, updatedAt: at.toISOString() },
        changedFields: ['name', 'description', 'price'],
      });
      expect(result.product).not.toHaveProperty('description');
      expect(mock.calls()).toHaveLength(1);
      const input = mock.commandCalls(UpdateCommand)[0]!.args[0].input;
      expect(input.ConditionExpression).toBe(
        'attribute_exists(#id) AND attribute_not_exists(#deletedAt) AND #version = :expected AND ' +
          '(#name <> :name OR #price.#amount <> :amount OR #price.#currency <> :currency OR attribute_exists(#description))',
      );
      expect(input.UpdateExpression).toBe(
        'SET #name = :name, #price = :price, #version = #version + :one, #updatedAt = :at, ' +
          '#correlationId = :correlationId REMOVE #description',
      );
      expect(input.ExpressionAttributeValues).toMatchObject({
        ':expected': 4,
        ':amount': 1,
        ':currency': 'USD',
      });
    });

    it('compares a given description too, and has no version condition for any version', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
      await repository.replace(product.id, { ...next, description: product.description! }, at, context, {
        expectedVersion: 'any',
      });
      const input = mock.commandCalls(UpdateCommand)[0]!.args[0].input;
      expect(input.ConditionExpression).not.toContain(':expected');
      expect(input.ConditionExpression).toContain(
        'attribute_not_exists(#description) OR #description <> :description',
      );
    });

    it('reads a refusal at the expected version as identical details: the product as it is', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 2 });
      mock.on(UpdateCommand).rejects(conditionFailed(itemOf(product)));
      expect(
        await repository.replace(product.id, detailsOf(product), at, context, { expectedVersion: 2 }),
      ).toEqual({ product, changedFields: [] });
    });

    it.each([
      ['another version', 3, (p: ReturnType<typeof aProduct>) => itemOf(p), 2],
      ['no item', 3, () => undefined, 'absent'],
      ['a tombstone', 'any', (p: ReturnType<typeof aProduct>) => tombstoneOf(deleteProduct(p, at)), 'absent'],
    ] as const)('refuses %s as found', async (_, expectedVersion, stored, found) => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 2 });
      mock.on(UpdateCommand).rejects(conditionFailed(stored(product)));
      const error = await failure(repository.replace(product.id, next, at, context, { expectedVersion }));
      expect(error).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ expected: expectedVersion, found });
    });

    it('refuses to guess when the refused item holds other details at the expected version', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(UpdateCommand).rejects(conditionFailed(itemOf(product)));
      const error = await failure(repository.replace(product.id, next, at, context, { expectedVersion: 1 }));
      expect(error).not.toBeInstanceOf(VersionConflictError);
      expect((error as Error).message).toMatch(/disagree/);
    });
  });
});
