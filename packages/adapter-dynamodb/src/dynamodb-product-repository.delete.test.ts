import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError, VersionConflictError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { conditionFailed, itemOf, mockedRepository } from './repository.test-support';

const context = { correlationId: 'corr-delete' };

describe(DynamoDbProductRepository, () => {
  describe('delete', () => {
    it('stamps the correlation id, then deletes at the version it saw, returning the product', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct({ version: 3 });
      mock.on(UpdateCommand).resolves({ Attributes: itemOf(product, 'corr-delete') });
      mock.on(DeleteCommand).resolves({ Attributes: itemOf(product, 'corr-delete') });

      expect(await repository.delete(product.id, context)).toEqual(product);
      expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
        Key: { id: product.id },
        UpdateExpression: 'SET #correlationId = :correlationId',
        ConditionExpression: 'attribute_exists(#id)',
        ExpressionAttributeValues: { ':correlationId': 'corr-delete' },
        ReturnValues: 'ALL_NEW',
      });
      expect(mock.commandCalls(DeleteCommand)[0]!.args[0].input).toMatchObject({
        ConditionExpression: '#version = :version',
        ExpressionAttributeValues: { ':version': 3 },
        ReturnValues: 'ALL_OLD',
      });
    });

    describe('when the product is absent', () => {
      it('returns undefined and deletes nothing', async () => {
        const { mock, repository } = mockedRepository();
        mock.on(UpdateCommand).rejects(conditionFailed());
        expect(await repository.delete(aProduct().id, context)).toBeUndefined();
        expect(mock.commandCalls(DeleteCommand)).toHaveLength(0);
      });
    });

    describe('when the version does not match', () => {
      it('throws VersionConflictError before deleting anything', async () => {
        const { mock, repository } = mockedRepository();
        mock.on(UpdateCommand).rejects(conditionFailed());
        await expect(repository.delete(aProduct().id, context, { expectedVersion: 2 })).rejects.toMatchObject(
          {
            code: 'VERSION_CONFLICT',
            expected: 2,
          },
        );
        expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
          ConditionExpression: '#version = :expected',
          ExpressionAttributeValues: { ':expected': 2, ':correlationId': 'corr-delete' },
        });
        expect(mock.commandCalls(DeleteCommand)).toHaveLength(0);
      });
    });

    describe('when a writer slips in between the stamp and the delete', () => {
      it('throws VersionConflictError if a version was expected', async () => {
        const { mock, repository } = mockedRepository();
        const product = aProduct({ version: 2 });
        mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
        mock.on(DeleteCommand).rejects(conditionFailed());
        await expect(repository.delete(product.id, context, { expectedVersion: 2 })).rejects.toBeInstanceOf(
          VersionConflictError,
        );
      });

      it('tries the pair again if no version was expected', async () => {
        const { mock, repository } = mockedRepository();
        const product = aProduct({ version: 2 });
        const next = { ...product, version: 3 };
        mock
          .on(UpdateCommand)
          .resolvesOnce({ Attributes: itemOf(product) })
          .resolvesOnce({ Attributes: itemOf(next) });
        mock
          .on(DeleteCommand)
          .rejectsOnce(conditionFailed())
          .resolves({ Attributes: itemOf(next) });
        expect(await repository.delete(product.id, context)).toEqual(next);
        expect(
          mock.commandCalls(DeleteCommand).map((call) => call.args[0].input.ExpressionAttributeValues),
        ).toEqual([{ ':version': 2 }, { ':version': 3 }]);
      });

      it('gives up with VersionConflictError after three tries', async () => {
        const { mock, repository } = mockedRepository();
        const product = aProduct();
        mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
        mock.on(DeleteCommand).rejects(conditionFailed());
        await expect(repository.delete(product.id, context)).rejects.toBeInstanceOf(VersionConflictError);
        expect(mock.commandCalls(DeleteCommand)).toHaveLength(3);
      });
    });

    describe('when DynamoDB throttles', () => {
      it('throws StoreUnavailableError', async () => {
        const { mock, repository } = mockedRepository();
        const product = aProduct();
        mock.on(UpdateCommand).resolves({ Attributes: itemOf(product) });
        mock
          .on(DeleteCommand)
          .rejects(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }));
        await expect(repository.delete(product.id, context)).rejects.toBeInstanceOf(StoreUnavailableError);
      });
    });
  });
});
