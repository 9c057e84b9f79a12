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
    // Node treats a `path` without a port as a unix socket; http passes its request path along with a port.
    if (typeof options.path === 'string' && options.port === undefined) return '';
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

const blockedLookup = ((hostname: string) => {
  throw new NetworkBlockedError(`DNS lookup of ${hostname}`);
}) as unknown as typeof dns.lookup;
dns.lookup = blockedLookup;
dns.promises.lookup = blockedLookup as unknown as typeof dns.promises.lookup;
// Make `import { lookup } from 'node:dns'` see the patched functions too.
syncBuiltinESMExports();
