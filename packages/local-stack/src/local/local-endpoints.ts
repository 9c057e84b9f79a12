import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventFilter, LocalBusEvent, LocalEventBridge } from '@catalog/testkit/eventbridge';
import type { LocalAuthorizer } from '../auth/local-authorizer';
import type { LocalEndpoints } from '../api-server';
import { isLoopback, LocalRequestError, readJsonObject, sendJson, sendProblem } from './local-http';
import { servePageAsset, type PageAssets } from './page-assets';
import { parseTokenRequest } from './token-request';

export interface LocalEndpointsOptions {
  readonly authorizer: LocalAuthorizer;
  readonly bus: LocalEventBridge;
  readonly page: PageAssets;
}

const FILTERS = ['productId', 'detailType'] as const;
const DETAIL_TYPES = ['ProductCreated', 'ProductUpdated', 'ProductDeleted'];

const filterOf = (url: URL): EventFilter => {
  const filter: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!(FILTERS as readonly string[]).includes(name))
      throw new LocalRequestError(400, `Unknown filter ${name}; filters: ${FILTERS.join(', ')}`);
    if (name === 'detailType' && !DETAIL_TYPES.includes(value))
      throw new LocalRequestError(400, `detailType must be one of ${DETAIL_TYPES.join(', ')}`);
    if (name === 'productId' && !/^[0-9A-Fa-f-]{1,36}$/.test(value))
      throw new LocalRequestError(400, 'productId must be a product id (a UUID)');
    filter[name] = value;
  }
  return filter;
};

const matches = (event: LocalBusEvent, filter: EventFilter): boolean => {
  const productId = (event.detail.metadata as { productId?: unknown } | undefined)?.productId;
  return (
    (filter.detailType === undefined || event.detailType === filter.detailType) &&
    (filter.productId === undefined || productId === filter.productId)
  );
};

/** Server-sent events: every matching event so far, then each new one as the bus accepts it. */
const streamEvents = (
  request: IncomingMessage,
  response: ServerResponse,
  bus: LocalEventBridge,
  filter: EventFilter,
) => {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // Headers and a first line now: EventSource reports the stream open only once it sees them.
  response.write(': connected\n\n');
  const send = (events: readonly LocalBusEvent[]) => {
    for (const event of events) {
      if (matches(event, filter)) response.write(`id: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`);
    }
  };
  send(bus.events(filter));
  const unsubscribe = bus.onAccepted(send);
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
};

/** Methods each local endpoint path accepts, for the Allow header of a 405. */
const ALLOWED_METHODS: Readonly<Record<string, string>> = {
  '/_local/token': 'POST',
  '/_local/events': 'GET, DELETE',
  '/_local/events/stream': 'GET',
};

/** A known path with another method is a 405 with Allow; anything else a 404. */
const refuseUnknown = (
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  path: string,
): void => {
  request.resume();
  const allow = ALLOWED_METHODS[path];
  if (allow === undefined) {
    throw new LocalRequestError(404, `No local endpoint ${path}; see /_local/ for the API page`);
  }
  sendProblem(response, new LocalRequestError(405, `${method} is not supported on ${path}`), allow);
};

/**
 * The local-only endpoints under `/_local` on the API's port: tokens, the issuer's JWKS, the published
 * events (list, clear, live stream) and the API page. Only loopback clients are served, whatever address the
 * API listens on.
 */
export const localEndpoints =
  ({ authorizer, bus, page }: LocalEndpointsOptions): LocalEndpoints =>
  async (request, response) => {
    try {
      if (!isLoopback(request.socket.remoteAddress))
        throw new LocalRequestError(403, 'The /_local endpoints answer loopback clients only');
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      const route = `${method} ${url.pathname}`;
      if (url.pathname === '/_local') {
        response.writeHead(308, { Location: '/_local/' }).end();
      } else if (route === 'POST /_local/token') {
        const issued = await authorizer.issue(parseTokenRequest(await readJsonObject(request)));
        sendJson(response, 200, {
          access_token: issued.accessToken,
          token_type: 'Bearer',
          expires_in: issued.expiresIn,
          scope: issued.scope,
          client_id: issued.clientId,
        });
      } else if (route === 'GET /_local/auth/.well-known/jwks.json') {
        sendJson(response, 200, authorizer.jwks);
      } else if (route === 'GET /_local/events') {
        sendJson(response, 200, bus.events(filterOf(url)));
      } else if (route === 'DELETE /_local/events') {
        bus.clearEvents();
        response.writeHead(204).end();
      } else if (route === 'GET /_local/events/stream') {
        streamEvents(request, response, bus, filterOf(url));
      } else if (method === 'GET' && servePageAsset(page, url.pathname, response)) {
        // served
      } else {
        refuseUnknown(request, response, method, url.pathname);
      }
    } catch (error) {
      if (!(error instanceof LocalRequestError)) throw error;
      sendProblem(response, error);
    }
  };
