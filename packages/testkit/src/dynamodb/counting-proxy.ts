import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One DynamoDB API call that went through the proxy: its operation and, when it names one, its table. */
export interface DynamoDbCall {
  /** The operation from `X-Amz-Target` (`DynamoDB_20120810.GetItem` -> `GetItem`). */
  readonly operation: string;
  /** `TableName` of the request body; for TransactWriteItems every table its items name, comma-separated. */
  readonly table: string;
}

export interface CountingDynamoDbProxy {
  /** Point clients here instead of at DynamoDB. */
  readonly endpoint: string;
  /** The calls since the last `take` (or since start), in arrival order, and forgets them. */
  take(): DynamoDbCall[];
  close(): Promise<void>;
}

const tablesOf = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as {
      TableName?: unknown;
      TransactItems?: Record<string, { TableName?: unknown }>[];
    };
    if (typeof parsed.TableName === 'string') return parsed.TableName;
    const names = (parsed.TransactItems ?? []).flatMap((item) =>
      Object.values(item).map((action) => String(action.TableName)),
    );
    return [...new Set(names)].join(',');
  } catch {
    return '';
  }
};

/**
 * An HTTP proxy in front of a DynamoDB endpoint (DynamoDB Local) that records every API call by its
 * `X-Amz-Target` before passing it on unchanged: what a test needs to assert how many store round trips a
 * request makes. An SDK retry is a call of its own, as it is a round trip of its own.
 */
export const startCountingDynamoDbProxy = async (target: string): Promise<CountingDynamoDbProxy> => {
  const upstream = new URL(target);
  let calls: DynamoDbCall[] = [];
  const relay = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '')
      .split('.')
      .pop();
    calls.push({ operation: operation ?? '', table: tablesOf(body.toString('utf8')) });
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', (error) => {
      outgoing.writeHead(502).end(String(error));
    });
    proxied.end(body);
  };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => relay(incoming, outgoing, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
