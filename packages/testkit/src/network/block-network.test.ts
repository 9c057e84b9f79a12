import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// This file runs in the unit project, whose setup file is block-network.ts.
describe('unit tests with the network blocked', () => {
  it('fail a TCP connection', () => {
    expect(() => net.connect({ host: '127.0.0.1', port: 9 })).toThrow(/Network access is blocked/);
    expect(() => net.createConnection(9, '127.0.0.1')).toThrow(/Network access is blocked/);
  });

  it('fail fetch and http.request', async () => {
    const error = (await fetch('http://127.0.0.1:8080/').catch((e: unknown) => e)) as Error;
    expect(String(error.cause)).toMatch(/Network access is blocked/);
    expect(() => http.get('http://127.0.0.1:9/')).toThrow(/Network access is blocked/);
  });

  it('fail DNS lookups', async () => {
    const dns = await import('node:dns');
    expect(() => {
      dns.lookup('example.com', () => undefined);
    }).toThrow(/DNS lookup of example.com/);
  });

  it('still allow unix sockets and listening on loopback', async () => {
    const server = http.createServer((_, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socketPath = join(tmpdir(), `catalog-block-${process.pid}-${Date.now()}.sock`);
    const unixServer = http.createServer((_, response) => response.end('unix'));
    await new Promise<void>((resolve) => unixServer.listen(socketPath, resolve));
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ socketPath, path: '/' }, (response) => {
          response.setEncoding('utf8');
          let text = '';
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            resolve(text);
          });
        })
        .on('error', reject);
    });
    expect(body).toBe('unix');
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => unixServer.close(resolve));
  });
});
