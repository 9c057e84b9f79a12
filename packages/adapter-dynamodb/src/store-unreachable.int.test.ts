// The store cannot be reached: real sockets on this machine (a closed port, a server that resets or never
// answers, a DNS server that knows no such host), the SDK's own HTTP handler, the repository's translation.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { Resolver } from 'node:dns';
import { Agent, type AgentOptions } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProductId, StoreUnavailableError } from '@catalog/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoDbDocumentClient, DYNAMODB_REQUEST_TIMEOUT_MS } from './client';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSORS } from './integration.test-support';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const id = ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

const repositoryOn = (client: DynamoDBDocumentClient) => {
  closers.push(() => {
    client.destroy();
    return Promise.resolve();
  });
  return new DynamoDbProductRepository(client, 'products', TEST_CURSORS);
};
/** The production client settings, one attempt, at `endpoint`. */
const productionClientAt = (endpoint: string) =>
  createDynamoDbDocumentClient({ region: 'eu-west-1', endpoint, credentials, maxAttempts: 1 });

/** A TCP server on a free loopback port that does `onConnection` with every connection. */
const tcpServer = async (onConnection: (socket: Socket) => void): Promise<number> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as { port: number }).port;
};

/** A DNS server on a loopback UDP port that answers every query with NXDOMAIN (no such host). */
const nxdomainServer = async (): Promise<string> => {
  const socket: UdpSocket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = Buffer.from(query);
    // QR = response, keep opcode and RD; RA set; RCODE 3 (NXDOMAIN); no answer, authority or extra records.
    answer[2] = 0x80 | (query[2]! & 0x79);
    answer[3] = 0x80 | 3;
    answer.writeUInt16BE(0, 6);
    answer.writeUInt16BE(0, 8);
    answer.writeUInt16BE(0, 10);
    socket.send(answer.subarray(0, query.length - additionalLength(query)), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return `127.0.0.1:${socket.address().port}`;
};

// The resolver may append an EDNS record after the question; the answer carries the question only.
const additionalLength = (query: Buffer): number => {
  let offset = 12;
  while (query[offset] !== 0) offset += query[offset]! + 1;
  return query.length - (offset + 1 + 4);
};

const unavailable = async (read: Promise<unknown>): Promise<StoreUnavailableError> => {
  const error = await read.then(
    () => expect.unreachable('the read should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 1 });
  return error as StoreUnavailableError;
};

describe('when DynamoDB cannot be reached', () => {
  it('reports a refused connection (nothing listens on the port) as StoreUnavailableError', async () => {
    const port = await tcpServer(() => undefined);
    await closers.pop()!();
    const error = await unavailable(repositoryOn(productionClientAt(`http://127.0.0.1:${port}`)).get(id));
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reports a connection the server resets as StoreUnavailableError', async () => {
    const port = await tcpServer((socket) => socket.resetAndDestroy());
    await unavailable(repositoryOn(productionClientAt(`http://127.0.0.1:${port}`)).get(id));
  });

  it(`reports a server that never answers as StoreUnavailableError after ${DYNAMODB_REQUEST_TIMEOUT_MS} ms`, async () => {
    const port = await tcpServer(() => undefined);
    const started = Date.now();
    const error = await unavailable(repositoryOn(productionClientAt(`http://127.0.0.1:${port}`)).get(id));
    expect(Date.now() - started).toBeGreaterThanOrEqual(DYNAMODB_REQUEST_TIMEOUT_MS - 50);
    expect((error.cause as Error).name).toBe('TimeoutError');
  });

  it('reports a host that does not resolve as StoreUnavailableError', async () => {
    const resolver = new Resolver({ timeout: 1_000, tries: 1 });
    resolver.setServers([await nxdomainServer()]);
    // The handler's own agent, resolving through the local DNS server instead of the system's.
    const lookup: AgentOptions['lookup'] = (hostname, options, callback) => {
      resolver.resolve4(hostname, (error, addresses) => {
        if (error) {
          callback(error, '', 4);
        } else if ((options as { all?: boolean }).all) {
          const all = callback as unknown as (e: null, a: { address: string; family: number }[]) => void;
          all(
            null,
            addresses.map((address) => ({ address, family: 4 })),
          );
        } else {
          callback(null, addresses[0]!, 4);
        }
      });
    };
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'eu-west-1',
        endpoint: 'http://dynamodb.catalog-store.invalid:8000',
        credentials,
        maxAttempts: 1,
        requestHandler: { httpAgent: new Agent({ lookup }), connectionTimeout: 2_000 },
      }),
    );
    const error = await unavailable(repositoryOn(client).get(id));
    expect(error.message).toContain('ENOTFOUND');
  });
});
