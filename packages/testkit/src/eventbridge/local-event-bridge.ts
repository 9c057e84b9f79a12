import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';
import {
  entryProblem,
  JSON_1_1,
  parsePutEventsRequest,
  PUT_EVENTS_TARGET,
  ServiceError,
  type WireEntry,
  type WireResult,
} from './put-events-protocol';

/** An event the local bus accepted: the entry's fields, the parsed detail and the id the bus gave it. */
export interface LocalBusEvent {
  readonly eventId: string;
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  /** ISO 8601; the entry's `Time`, or the time of arrival when it had none. */
  readonly time: string;
  readonly resources: readonly string[];
  readonly traceHeader?: string;
}

/** An entry as a fault rule sees it, before the bus decides. */
export interface ReceivedEntry extends Omit<LocalBusEvent, 'eventId'> {
  /** 1 the first time an entry with this source, detail type and detail arrives, 2 the next time, ... */
  readonly attempt: number;
}

export interface EventFilter {
  readonly detailType?: string;
  readonly source?: string;
  readonly eventBusName?: string;
  /** Matches `detail.metadata.productId` (product events). */
  readonly productId?: string;
}

export interface EntryFailureRule {
  /** Which entries fail; every entry when omitted. */
  readonly when?: (entry: ReceivedEntry) => boolean;
  /** Fail only this many matching entries, then the rule expires; unlimited when omitted. */
  readonly count?: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** One PutEvents call as the bus saw it. */
export interface PutEventsCall {
  readonly entries: number;
  readonly failedEntries: number;
  /** The service error the whole call got, if it got one. */
  readonly error?: string;
}

/**
 * Where a bus keeps its accepted events beyond its own memory (e.g. a file, so that they survive a crash).
 * `append` returns once the events are kept: PutEvents answers only after it.
 */
export interface LocalBusEventStore {
  load(): readonly LocalBusEvent[];
  append(events: readonly LocalBusEvent[]): void;
  clear(): void;
}

export interface LocalEventBridgeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly store?: LocalBusEventStore;
}

interface CallFailure {
  remaining: number;
  readonly error: ServiceError;
}

interface ActiveEntryRule extends EntryFailureRule {
  remaining: number;
}

const matches = (event: LocalBusEvent, filter: EventFilter): boolean => {
  const metadata = event.detail.metadata as { productId?: unknown } | undefined;
  return (
    (filter.detailType === undefined || event.detailType === filter.detailType) &&
    (filter.source === undefined || event.source === filter.source) &&
    (filter.eventBusName === undefined || event.eventBusName === filter.eventBusName) &&
    (filter.productId === undefined || metadata?.productId === filter.productId)
  );
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, status: number, body: string, headers = {}): void => {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers }).end(body);
};

/**
 * A local Amazon EventBridge endpoint for PutEvents: the real SDK client talks to it over HTTP (JSON 1.1,
 * `X-Amz-Target: AWSEvents.PutEvents`; credentials and signatures are not checked). It keeps every accepted
 * event, can refuse entries, throttle or fail whole calls and slow responses down, and serves
 * `GET /_local/events` (filters: `detailType`, `source`, `eventBusName`, `productId`) and
 * `DELETE /_local/events` for inspection.
 *
 * ```ts
 * const bus = new LocalEventBridge();
 * const endpoint = await bus.start(); // http://127.0.0.1:<port>
 * new EventBridgeClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * ```
 */
export class LocalEventBridge {
  readonly calls: PutEventsCall[] = [];
  private accepted: LocalBusEvent[] = [];
  private readonly attempts = new Map<string, number>();
  private entryRules: ActiveEntryRule[] = [];
  private callFailures: CallFailure[] = [];
  private delayMs = 0;
  private server: Server | undefined;
  private readonly listeners = new Set<(events: readonly LocalBusEvent[]) => void>();

  constructor(private readonly options: LocalEventBridgeOptions = {}) {
    if (options.store) this.accepted = [...options.store.load()];
  }

  /** Listens on the given port (an ephemeral one by default) and resolves to the endpoint URL. */
  async start(): Promise<string> {
    if (this.server) return this.endpoint;
    const server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        send(response, 500, JSON.stringify({ __type: 'InternalException', message: String(error) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve);
    });
    this.server = server;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The local EventBridge endpoint is not started');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Accepted events in acceptance order, optionally filtered. */
  events(filter: EventFilter = {}): LocalBusEvent[] {
    return this.accepted.filter((event) => matches(event, filter));
  }

  clearEvents(): void {
    this.accepted = [];
    this.options.store?.clear();
  }

  /** Calls `listener` with the events of every PutEvents call that accepted some; returns the unsubscribe. */
  onAccepted(listener: (events: readonly LocalBusEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Refuses entries with a per-entry error (default `InternalFailure`), by predicate and/or count. */
  failEntries(rule: EntryFailureRule = {}): void {
    this.entryRules.push({ ...rule, remaining: rule.count ?? Number.POSITIVE_INFINITY });
  }

  failNextEntries(count: number, errorCode = 'InternalFailure'): void {
    this.failEntries({ count, errorCode });
  }

  /** Answers the next `count` calls with HTTP 400 `ThrottlingException`, accepting none of their entries. */
  throttleNextCalls(count = 1): void {
    this.failNextCalls(count, 400, 'ThrottlingException', 'Rate exceeded');
  }

  /** Answers the next `count` calls with a service error, accepting none of their entries. */
  failNextCalls(count: number, status = 500, type = 'InternalException', message = 'Internal error'): void {
    this.callFailures.push({ remaining: count, error: new ServiceError(status, type, message) });
  }

  /** Holds every PutEvents response back this long. */
  delayResponses(ms: number): void {
    this.delayMs = ms;
  }

  /** Drops every fault rule and delay; keeps events and history. */
  resetFaults(): void {
    this.entryRules = [];
    this.callFailures = [];
    this.delayMs = 0;
  }

  /** Back to a fresh bus: no events, no history, no faults. */
  reset(): void {
    this.resetFaults();
    this.accepted = [];
    this.options.store?.clear();
    this.calls.length = 0;
    this.attempts.clear();
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname === '/_local/events' && request.method === 'GET') {
      const filter = Object.fromEntries(url.searchParams.entries()) as EventFilter;
      send(response, 200, JSON.stringify(this.events(filter)), { 'content-type': 'application/json' });
    } else if (url.pathname === '/_local/events' && request.method === 'DELETE') {
      this.clearEvents();
      send(response, 204, '');
    } else if (request.method === 'POST' && url.pathname === '/') {
      await this.serveApi(request, response);
    } else {
      send(response, 404, JSON.stringify({ message: `No route for ${request.method} ${url.pathname}` }));
    }
  }

  private async serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (this.delayMs > 0) await wait(this.delayMs);
    const headers = { 'content-type': JSON_1_1, 'x-amzn-requestid': randomUUID() };
    try {
      const target = request.headers['x-amz-target'];
      if (target !== PUT_EVENTS_TARGET) {
        throw new ServiceError(400, 'UnknownOperationException', `Unsupported target ${String(target)}`);
      }
      const entries = parsePutEventsRequest(body);
      const failure = this.callFailures.find((candidate) => candidate.remaining > 0);
      if (failure) {
        failure.remaining--;
        this.calls.push({
          entries: entries.length,
          failedEntries: entries.length,
          error: failure.error.type,
        });
        throw failure.error;
      }
      const kept = this.accepted.length;
      const results = entries.map((entry) => this.decide(entry));
      const fresh = this.accepted.slice(kept);
      if (fresh.length > 0) {
        this.options.store?.append(fresh);
        for (const listener of this.listeners) listener(fresh);
      }
      const failedEntries = results.filter((result) => 'ErrorCode' in result).length;
      this.calls.push({ entries: entries.length, failedEntries });
      send(response, 200, JSON.stringify({ FailedEntryCount: failedEntries, Entries: results }), headers);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      send(response, error.status, error.body, { ...headers, 'x-amzn-errortype': error.type });
    }
  }

  private decide(entry: WireEntry): WireResult {
    const problem = entryProblem(entry);
    if (problem) return problem;
    const key = JSON.stringify([entry.Source, entry.DetailType, entry.Detail]);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
    const event: Omit<LocalBusEvent, 'eventId'> = {
      eventBusName: typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default',
      source: entry.Source as string,
      detailType: entry.DetailType as string,
      detail: JSON.parse(entry.Detail as string) as Record<string, unknown>,
      time: time.toISOString(),
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      ...(typeof entry.TraceHeader === 'string' ? { traceHeader: entry.TraceHeader } : {}),
    };
    const rule = this.entryRules.find(
      (candidate) => candidate.remaining > 0 && (candidate.when?.({ ...event, attempt }) ?? true),
    );
    if (rule) {
      rule.remaining--;
      const errorCode = rule.errorCode ?? 'InternalFailure';
      return { ErrorCode: errorCode, ErrorMessage: rule.errorMessage ?? `Injected ${errorCode}` };
    }
    const eventId = randomUUID();
    this.accepted.push({ eventId, ...event });
    return { EventId: eventId };
  }
}
