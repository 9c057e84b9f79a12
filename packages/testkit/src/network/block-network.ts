// Vitest setup file for unit tests: any attempt to open a network connection fails loudly, so a unit test
// can never pass by talking to a real server. Unix-socket/IPC connections stay allowed.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

export class NetworkBlockedError extends Error {
  constructor(target: string) {
    super(`Network access is blocked in unit tests (attempted ${target}); use a fake or an integration test`);
    this.name = 'NetworkBlockedError';
  }
}

const describeTarget = (args: unknown[]): string => {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: unknown };
    // Node connects to a unix socket whenever `path` is a non-empty string, even with a port beside it
    // (http passes `path: null` for TCP and `path: socketPath, port: 80` for unix sockets).
    if (typeof options.path === 'string' && options.path !== '') return '';
    return `${options.host ?? 'localhost'}:${String(options.port)}`;
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return ''; // a unix socket path
  return `${typeof second === 'string' ? second : 'localhost'}:${String(first)}`;
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function blockedConnect(this: net.Socket, ...args: unknown[]) {
  const target = describeTarget(Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
  if (target === '') return Reflect.apply(originalConnect, this, args) as net.Socket;
  throw new NetworkBlockedError(target);
};

// Resolving an IP literal asks no server (and `server.listen(port, '127.0.0.1')` needs it); names are blocked.
const originalLookup = dns.lookup;
const originalPromisesLookup = dns.promises.lookup;
dns.lookup = ((hostname: string, ...rest: unknown[]) => {
  if (net.isIP(hostname) === 0) throw new NetworkBlockedError(`DNS lookup of ${hostname}`);
  return Reflect.apply(originalLookup, dns, [hostname, ...rest]) as unknown;
}) as typeof dns.lookup;
dns.promises.lookup = ((hostname: string, ...rest: unknown[]) => {
  if (net.isIP(hostname) === 0) throw new NetworkBlockedError(`DNS lookup of ${hostname}`);
  return Reflect.apply(originalPromisesLookup, dns.promises, [hostname, ...rest]) as unknown;
}) as typeof dns.promises.lookup;
// Make `import { lookup } from 'node:dns'` see the patched functions too.
syncBuiltinESMExports();
