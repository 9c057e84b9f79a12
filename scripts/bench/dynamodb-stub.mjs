// A DynamoDB endpoint for cold-start runs: answers every call at once with a plausible result, so a cold
// process's first answer measures the function, not a database. Counts calls by X-Amz-Target.
import { createServer } from 'node:http';

export const BENCH_PRODUCT_ID = '5f0b6a8e-2d4c-4b8a-9a51-3c0f2e7b9d11';

const item = {
  id: { S: BENCH_PRODUCT_ID },
  name: { S: 'Cup' },
  price: { M: { amount: { N: '450' }, currency: { S: 'EUR' } } },
  version: { N: '1' },
  createdAt: { S: '2026-05-01T12:00:00.000Z' },
  updatedAt: { S: '2026-05-01T12:00:00.000Z' },
  correlationId: { S: 'bench' },
};

const RESULTS = {
  GetItem: { Item: item },
  PutItem: {},
  UpdateItem: { Attributes: item },
  DeleteItem: { Attributes: item },
  Scan: { Items: [item], Count: 1, ScannedCount: 1 },
};

export const startDynamoDbStub = async () => {
  const calls = new Map();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '')
        .split('.')
        .pop();
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': 'BENCHREQUEST',
      });
      response.end(JSON.stringify(RESULTS[operation] ?? {}));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    calls,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};
