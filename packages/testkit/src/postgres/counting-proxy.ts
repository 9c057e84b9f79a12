import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CountingPostgresProxy {
  /** Connect here instead of to PostgreSQL (same database, user and password). */
  readonly host: string;
  readonly port: number;
  /**
   * The round trips since the last `take` (or since start), in order, each as the SQL it sent (the statements
   * parsed before its Sync, joined with `; `), and forgets them.
   */
  take(): string[];
  close(): Promise<void>;
}

const cstring = (buffer: Buffer, from: number): [string, number] => {
  const end = buffer.indexOf(0, from);
  return [buffer.toString('utf8', from, end), end + 1];
};

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend protocol of every connection and records each
 * round trip a client makes: a simple Query message, or an extended-protocol exchange ended by Sync (what
 * node-postgres sends per statement with parameters). Connection start-up and authentication are not
 * counted; a ping on a suspect connection is, as it is a round trip of its own.
 */
export const startCountingPostgresProxy = async (target: {
  readonly host: string;
  readonly port: number;
}): Promise<CountingPostgresProxy> => {
  let trips: string[] = [];
  const sockets = new Set<Socket>();
  const watch = (client: Socket) => {
    let pending = Buffer.alloc(0);
    let started = false;
    let parsed: string[] = [];
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The start-up message (and an SSLRequest) has no type byte: a length, then the rest.
        const header = started ? 5 : 4;
        if (pending.length < header) return;
        const length = pending.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
        if (pending.length < length) return;
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        if (!started) {
          // 80877103: SSLRequest, answered by one byte before the real start-up message.
          started = message.readInt32BE(4) !== 80877103;
          continue;
        }
        const type = String.fromCharCode(message[0]!);
        if (type === 'Q') trips.push(cstring(message, 5)[0]);
        if (type === 'P') parsed.push(cstring(message, cstring(message, 5)[1])[0]);
        if (type === 'S') {
          trips.push(parsed.join('; '));
          parsed = [];
        }
      }
    });
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    watch(client);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    take: () => {
      const taken = trips;
      trips = [];
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
