import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { itemOf, mockedRepository } from './repository.test-support';

const limitsOf = (mock: ReturnType<typeof mockedRepository>['mock']) =>
  mock.commandCalls(ScanCommand).map((call) => call.args[0].input.Limit);

describe(DynamoDbProductRepository, () => {
  describe('list', () => {
    const products = Array.from({ length: 6 }, () => aProduct());
    const items = (from: number, to: number) => products.slice(from, to).map((p) => itemOf(p));

    it('asks for one item more than the page, without tombstones, and issues a cursor when it came', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: items(0, 3) });
      const page = await repository.list({ limit: 2 });
      expect(page.items).toEqual(products.slice(0, 2));
      expect(page.nextCursor).toEqual(expect.any(String));
      expect(mock.commandCalls(ScanCommand)[0]!.args[0].input).toMatchObject({
        Limit: 3,
        FilterExpression: 'attribute_not_exists(#deletedAt)',
        ExpressionAttributeNames: { '#deletedAt': 'deletedAt' },
      });
    });

    it('keeps scanning while DynamoDB stops short, asking for more each time, so pages are full', async () => {
      const { mock, repository } = mockedRepository();
      mock
        .on(ScanCommand)
        .resolvesOnce({ Items: items(0, 1), LastEvaluatedKey: { id: products[0]!.id } })
        .resolvesOnce({ Items: [], LastEvaluatedKey: { id: 'tombstone' } })
        .resolvesOnce({ Items: items(1, 3) });
      expect(await repository.list({ limit: 3 })).toEqual({ items: products.slice(0, 3) });
      expect(limitsOf(mock)).toEqual([4, 8, 16]);
    });

    it('goes on scanning after exactly a full page while more items remain, to know if one follows', async () => {
      const { mock, repository } = mockedRepository();
      mock
        .on(ScanCommand)
        .resolvesOnce({ Items: items(0, 2), LastEvaluatedKey: { id: products[1]!.id } })
        .resolvesOnce({ Items: items(2, 4) });
      const page = await repository.list({ limit: 2 });
      expect(page.items).toEqual(products.slice(0, 2));
      expect(page.nextCursor).toEqual(expect.any(String));
      expect(limitsOf(mock)).toHaveLength(2);
    });

    it('gives no cursor when only tombstones follow a full page', async () => {
      const { mock, repository } = mockedRepository();
      mock
        .on(ScanCommand)
        .resolvesOnce({ Items: items(0, 2), LastEvaluatedKey: { id: products[1]!.id } })
        .resolvesOnce({ Items: [] });
      expect(await repository.list({ limit: 2 })).toEqual({ items: products.slice(0, 2) });
    });

    it('gives no cursor when the scan ends exactly at the page', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: items(0, 2) });
      expect(await repository.list({ limit: 2 })).toEqual({ items: products.slice(0, 2) });
    });

    it('caps how much one scan call asks for', async () => {
      const { mock, repository } = mockedRepository();
      const scan = mock.on(ScanCommand);
      for (let i = 0; i < 12; i++) scan.resolvesOnce({ Items: [], LastEvaluatedKey: { id: `t-${i}` } });
      scan.resolvesOnce({ Items: [] });
      await repository.list({ limit: 100 });
      expect(limitsOf(mock).slice(0, 4)).toEqual([101, 202, 404, 808]);
      expect(Math.max(...limitsOf(mock).map(Number))).toBe(1000);
    });

    it('resumes after the last item of the previous page', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: items(0, 3) });
      const { nextCursor } = await repository.list({ limit: 2 });
      await repository.list({ limit: 2, cursor: nextCursor! });
      expect(mock.commandCalls(ScanCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
        id: products[1]!.id,
      });
    });

    it('throws InvalidCursorError for a tampered cursor without scanning', async () => {
      const { mock, repository } = mockedRepository();
      mock.on(ScanCommand).resolves({ Items: items(0, 3) });
      const { nextCursor } = await repository.list({ limit: 2 });
      const tampered = `${nextCursor!.slice(0, 5)}${nextCursor![5] === 'x' ? 'y' : 'x'}${nextCursor!.slice(6)}`;
      await expect(repository.list({ limit: 2, cursor: tampered })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      expect(mock.commandCalls(ScanCommand)).toHaveLength(1);
    });
  });
});
