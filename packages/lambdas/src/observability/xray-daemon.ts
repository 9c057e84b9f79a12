import { createSocket, type Socket } from 'node:dgram';
import type { SegmentSink, XRaySubsegment } from './xray-segments';

export interface DaemonAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The UDP address in an `AWS_XRAY_DAEMON_ADDRESS` value: `host:port`, or `udp:host:port tcp:host:port`
 * (the form Lambda sets). Undefined when the value names no UDP address.
 */
export const parseDaemonAddress = (value: string): DaemonAddress | undefined => {
  const parts = value.trim().split(/\s+/);
  const udp = parts.find((part) => part.startsWith('udp:')) ?? (parts.length === 1 ? parts[0] : undefined);
  const match = /^(?:udp:)?([^:\s]+):(\d{1,5})$/.exec(udp ?? '');
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65_536 ? { host: match[1]!, port } : undefined;
};

const HEADER = '{"format":"json","version":1}\n';
// The daemon takes one document per datagram, at most 64 KB; keep clear of the limit.
const MAX_DOCUMENT_BYTES = 62 * 1024;

/** The document as datagrams: whole when it fits, otherwise itself and each child sent on their own. */
export const datagramsOf = (document: XRaySubsegment): string[] => {
  const whole = HEADER + JSON.stringify(document);
  if (Buffer.byteLength(whole) <= MAX_DOCUMENT_BYTES || !document.subsegments) return [whole];
  const { subsegments, ...parent } = document;
  const detached = subsegments.map((child) => ({
    ...child,
    trace_id: document.trace_id!,
    parent_id: document.id,
    type: 'subsegment' as const,
  }));
  return [HEADER + JSON.stringify(parent), ...detached.flatMap(datagramsOf)];
};

/**
 * Sends each document to the X-Ray daemon over UDP, as the X-Ray SDKs do. One socket is kept for the life
 * of the execution environment and unreferenced, so it never holds the process open; a failed send is
 * dropped (a trace is never worth failing the work it observes).
 */
export const xrayDaemonSink = (address: DaemonAddress): SegmentSink => {
  let socket: Socket | undefined;
  let connected = false;
  // Connected at init (the event loop turns before the first invocation), so a send is one synchronous
  // syscall rather than a lookup queued behind the invocation's own work.
  const open = (): Socket => {
    const created = createSocket('udp4');
    created.on('error', () => {
      created.close();
      socket = undefined;
      connected = false;
    });
    created.unref();
    created.connect(address.port, address.host, () => (connected = true));
    return created;
  };
  socket = open();
  return (document) => {
    socket ??= open();
    for (const datagram of datagramsOf(document)) {
      if (connected) socket.send(datagram);
      else socket.send(datagram, address.port, address.host);
    }
  };
};

/** One log line per finished document, for a developer to read locally. */
export const logLineSink =
  (write: (message: string, fields: Record<string, unknown>) => void): SegmentSink =>
  (document) => {
    write('trace segment', { segment: document });
  };
