import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  InvalidCursorError,
  isDomainError,
  StoreUnavailableError,
  VersionConflictError,
} from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { conditionFailed, itemOf, mockedRepository } from './repository.test-support';

const context = { correlationId: 'corr' };
const $metadata = {};

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

    it('reports a corrupt item as a server fault, not as the client’s validation error', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(GetCommand).resolves({ Item: { ...itemOf(product), version: 'one' } });
      const error = await repository.get(product.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isDomainError(error)).toBe(false);
      expect((error as Error).message).toContain(product.id);
    });
  });

  describe('put', () => {
    it('writes the item with the correlation id and no condition when none is asked for', async () => {
      const { mock, repository } = mockedRepository();
      const product = aProduct();
      mock.on(PutCommand).resolves({});
      await repository.put(product, context);
      const input = mock.commandCalls(PutCommand)[0]!.args[0].input;
      expect(input.Item).toEqual(itemOf(product));
      expect(input.ConditionExpression).toBeUndefined();
    });

    describe('when create-only and the product exists', () => {
      it('throws VersionConflictError expecting absence, with the SDK error as cause', async () => {
        const { mock, repository } = mockedRepository();
        const failure = conditionFailed();
        mock.on(PutCommand).rejects(failure);
        const error = await repository
          .put(aProduct(), context, { createOnly: true })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ expected: 'absent', cause: failure });
        expect(mock.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': 'id' },
        });
      });
    });

    describe('when the version does not match', () => {
      it('throws VersionConflictError naming the expected version', async () => {
        const { mock, repository } = mockedRepository();
        mock.on(PutCommand).rejects(conditionFailed());
        await expect(
          repository.put(aProduct({ version: 4 }), context, { expectedVersion: 3 }),
        ).rejects.toMatchObject({
          code: 'VERSION_CONFLICT',
          expected: 3,
        });
        expect(mock.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': 3 },
        });
      });
    });

    describe('when DynamoDB throttles or fails after the SDK retries', () => {
      const errors = [
        new ProvisionedThroughputExceededException({ message: 'slow down', $metadata }),
        new ThrottlingException({ message: 'slow down', $metadata }),
        new RequestLimitExceeded({ message: 'slow down', $metadata }),
        new InternalServerError({ message: 'oops', $metadata }),
        Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' }),
        Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
        Object.assign(new Error('bad gateway'), { name: 'Unknown', $metadata: { httpStatusCode: 502 } }),
      ];
      it.each(errors.map((error) => [error.name, error] as const))(
        'translates %s into a retryable StoreUnavailableError',
        async (_name, failure) => {
          const { mock, repository } = mockedRepository();
          mock.on(PutCommand).rejects(failure);
          const error = await repository.put(aProduct(), context).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(StoreUnavailableError);
          expect(error).toMatchObject({ kind: 'unavailable', cause: failure });
          expect((error as StoreUnavailableError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
        },
      );
    });

    it('rethrows any other error unchanged', async () => {
      const { mock, repository } = mockedRepository();
      const failure = Object.assign(new Error('bad request'), { name: 'ValidationException' });
      mock.on(PutCommand).rejects(failure);
      await expect(repository.put(aProduct(), context)).rejects.toBe(failure);
    });
  });

  describe('list', () => {
    const products = Array.from({ length: 5 }, () => aProduct());

    it('asks for one item more than the page and issues a cursor when it came', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: products.slice(0, 3).map((p) => itemOf(p)) });
      const page = await repository.list({ limit: 2 });
      expect(page.items).toEqual(products.slice(0, 2));
      expect(page.nextCursor).toEqual(expect.any(String));
      expect(mock.commandCalls(ScanCommand)[0]!.args[0].input).toMatchObject({ Limit: 3 });
    });

    it('keeps scanning while DynamoDB stops short, so pages are full', async () => {
      const { mock, repository } = mockedRepository();
      mock
        .on(ScanCommand)
        .resolvesOnce({ Items: [itemOf(products[0]!)], LastEvaluatedKey: { id: products[0]!.id } })
        .resolvesOnce({ Items: [], LastEvaluatedKey: { id: products[0]!.id } })
        .resolvesOnce({ Items: [itemOf(products[1]!), itemOf(products[2]!)] });
      const page = await repository.list({ limit: 3 });
      expect(page).toEqual({ items: products.slice(0, 3) });
      expect(mock.commandCalls(ScanCommand).map((call) => call.args[0].input.Limit)).toEqual([4, 3, 3]);
    });

    it('gives no cursor when the scan ends exactly at the page', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: products.slice(0, 2).map((p) => itemOf(p)) });
      expect(await repository.list({ limit: 2 })).toEqual({ items: products.slice(0, 2) });
    });

    it('resumes after the last item of the previous page', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: products.slice(0, 3).map((p) => itemOf(p)) });
      const { nextCursor } = await repository.list({ limit: 2 });
      await repository.list({ limit: 2, cursor: nextCursor! });
      expect(mock.commandCalls(ScanCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
        id: products[1]!.id,
      });
    });

    it('throws InvalidCursorError for a tampered cursor without scanning', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: products.slice(0, 3).map((p) => itemOf(p)) });
      const { nextCursor } = await repository.list({ limit: 2 });
      const tampered = `${nextCursor!.slice(0, 5)}${nextCursor![5] === 'x' ? 'y' : 'x'}${nextCursor!.slice(6)}`;
      await expect(repository.list({ limit: 2, cursor: tampered })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      expect(mock.commandCalls(ScanCommand)).toHaveLength(1);
    });
  });
});
