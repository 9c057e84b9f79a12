import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteProduct, VersionConflictError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { conditionFailed, itemOf, mockedRepository, tombstoneOf } from './repository.test-support';

const context = { correlationId: 'corr-delete' };
const at = new Date('2026-05-01T12:00:00.000Z');

describe(DynamoDbProductRepository, () => {
  describe('delete', () => {
    it('is one UpdateItem that turns the live item into its tombstone, returning the product', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 3 });
      mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });

      expect(await repository.delete(product.id, at, context)).toEqual(product);
      expect(mock.calls()).toHaveLength(1);
      expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
        Key: { id: product.id },
        UpdateExpression:
          'SET #version = #version + :one, #deletedAt = :at, #correlationId = :correlationId ' +
          'REMOVE #name, #description, #price, #createdAt, #updatedAt',
        ConditionExpression: 'attribute_exists(#id) AND attribute_not_exists(#deletedAt)',
        ExpressionAttributeValues: { ':one': 1, ':at': at.toISOString(), ':correlationId': 'corr-delete' },
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    });

    it('adds the expected version to the condition', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 2 });
      mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
      await repository.delete(product.id, at, context, { expectedVersion: 2 });
      expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
        ConditionExpression:
          'attribute_exists(#id) AND attribute_not_exists(#deletedAt) AND #version = :expected',
        ExpressionAttributeValues: { ':expected': 2 },
      });
    });

    it.each([
      ['absent', undefined],
      ['already deleted', tombstoneOf(deleteProduct(aProduct(), at))],
    ])('returns undefined when the product is %s and no version was expected', async (_, item) => {
      const { mock, repository } = mockedRepository();
      mock.on(UpdateCommand).rejects(conditionFailed(item));
      expect(await repository.delete(aProduct().id, at, context)).toBeUndefined();
      expect(mock.calls()).toHaveLength(1);
    });

    it.each([
      ['absent', undefined, 'absent'],
      ['already deleted', tombstoneOf(deleteProduct(aProduct(), at)), 'absent'],
      ['at another version', itemOf(aProduct({ version: 5 })), 5],
    ] as const)(
      'throws VersionConflictError when the product is %s and a version was expected',
      async (_, item, found) => {
        const { mock, repository } = mockedRepository();
        mock.on(UpdateCommand).rejects(conditionFailed(item));
        const error = await repository
          .delete(aProduct().id, at, context, { expectedVersion: 2 })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ expected: 2, found });
      },
    );
  });
});
