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

// 80877103: SSLRequest, answered by one byte before the real start-up message.
const SSL_REQUEST = 80877103;

/** Reads one connection's frontend messages and reports each round trip it completes. */
class FrontendReader {
  private pending = Buffer.alloc(0);
  private started = false;
  private parsed: string[] = [];

  constructor(private readonly onTrip: (sql: string) => void) {}

  feed(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let message = this.next(); message !== undefined; message = this.next()) {
      if (this.started) this.take(message);
      else this.started = message.readInt32BE(4) !== SSL_REQUEST;
    }
  }

  // The start-up message (and an SSLRequest) has no type byte: a length, then the rest.
  private next(): Buffer | undefined {
    const typeBytes = this.started ? 1 : 0;
    if (this.pending.length < 4 + typeBytes) return undefined;
    const length = this.pending.readInt32BE(typeBytes) + typeBytes;
    if (this.pending.length < length) return undefined;
    const message = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return message;
  }

  private take(message: Buffer): void {
    const type = String.fromCharCode(message[0]!);
    if (type === 'Q') this.onTrip(cstring(message, 5)[0]);
    if (type === 'P') this.parsed.push(cstring(message, cstring(message, 5)[1])[0]);
    if (type === 'S') {
      this.onTrip(this.parsed.join('; '));
      this.parsed = [];
    }
  }
}

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
    const reader = new FrontendReader((trip) => trips.push(trip));
    client.on('data', (chunk: Buffer) => reader.feed(chunk));
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
