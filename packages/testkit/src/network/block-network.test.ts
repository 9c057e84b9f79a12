import http from 'node:http';
import net from 'node:net';
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
});
