// A DynamoDB endpoint for cold-start runs: answers every call at once with a plausible result, so a cold
// process's first answer measures the function, not a database. Counts calls by X-Amz-Target (what the
// benchmark prints as store calls per request).
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

// Plausible answers for the functions' calls: an item exists (version 1) for reads, replaces and deletes; a
// create (a condition on the item's absence) and a claim find nothing; a transaction succeeds.
const answerOf = (operation, request) => {
  switch (operation) {
    case 'GetItem':
      return { Item: item };
    case 'UpdateItem':
      return String(request.ConditionExpression ?? '').startsWith('attribute_not_exists')
        ? {}
        : { Attributes: item };
    case 'Scan':
      return { Items: [item], Count: 1, ScannedCount: 1 };
    default:
      return {};
  }
};

/** `calls`: operation -> count since start (or since `reset`). */
export const startDynamoDbStub = async () => {
  const calls = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '')
        .split('.')
        .pop();
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      let body = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // An unreadable request gets an empty answer.
      }
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': 'BENCHREQUEST',
      });
      response.end(JSON.stringify(answerOf(operation, body)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    calls,
    reset: () => calls.clear(),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};
