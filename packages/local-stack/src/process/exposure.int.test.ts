import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../stack';
import { portOf } from './stack-process';

/** The local addresses of listening TCP sockets on `port`, from the kernel's own table (Linux). */
const listeningAddresses = (port: number): string[] => {
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = row.trim().split(/\s+/);
      const [hex, portHex] = local!.split(':');
      if (state !== '0A' || Number.parseInt(portHex!, 16) !== port) continue; // 0A: LISTEN
      addresses.push(hex!);
    }
  }
  return addresses;
};
// 127.0.0.1 as /proc/net/tcp writes it, and as an IPv4-mapped address in /proc/net/tcp6 (Java's sockets).
const LOOPBACK = ['0100007F', '0000000000000000FFFF00000100007F'];

/** Whether a TCP connection to host:port is accepted (127.0.0.2 is loopback too, but not 127.0.0.1). */
const accepts = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    eventsPort: 0,
    backend: 'dynamodb',
    logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    say: () => undefined,
  });
});
afterAll(async () => {
  await stack.stop();
});

describe('what the local stack exposes', () => {
  const servers = () => ({
    'REST API': portOf(stack.origin),
    'PutEvents endpoint': portOf(stack.eventsUrl),
    'DynamoDB Local': portOf(stack.dynamoDb!.endpoint),
  });

  it('listens on 127.0.0.1 only, for every server it starts (DynamoDB Local included)', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal)
      .map((address) => address!.address);
    for (const [name, port] of Object.entries(servers())) {
      const addresses = listeningAddresses(port);
      expect(addresses, `${name} on port ${port}`).not.toHaveLength(0);
      // Not the wildcard address: none of this machine's other addresses (${others}) reaches it.
      expect(
        addresses.every((address) => LOOPBACK.includes(address)),
        `${name}: ${addresses.join(', ')} (others: ${others.join(', ')})`,
      ).toBe(true);
      // A socket bound to every interface would accept 127.0.0.2 as well.
      expect(await accepts('127.0.0.1', port), name).toBe(true);
      expect(await accepts('127.0.0.2', port), name).toBe(false);
    }
  });

  it('starts DynamoDB Local with its telemetry disabled, from a release that honours the flag', () => {
    const commandLine = readFileSync(`/proc/${stack.dynamoDb!.pid!}/cmdline`, 'utf8').split('\0');
    expect(commandLine).toContain('-disableTelemetry');
    const jar = commandLine[commandLine.indexOf('-cp') + 1]!.split(':')[0]!;
    // -disableTelemetry exists since DynamoDB Local 2.1.0 (telemetry arrived with it).
    const release = /Release Notes[\s\S]*?\((\d+)\.(\d+)\.\d+\)/.exec(
      readFileSync(jar.replace(/DynamoDBLocal\.jar$/, 'README.txt'), 'utf8'),
    );
    expect(Number(release![1]) * 100 + Number(release![2])).toBeGreaterThanOrEqual(201);
  });
});
