import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { fromProxyResult, matchRoute, toProxyEvent, type RouteDefinition } from './api-gateway-event';
import { lambdaContext } from './lambda-context';

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiRoute extends RouteDefinition {
  readonly functionName: string;
  readonly handler: ProxyHandler;
}

/** Answers paths the API does not own (e.g. `/_local/events`); returns false to fall through. */
export type LocalRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

// API Gateway's own payload limit; the handlers enforce the API's much smaller one.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const problem = (response: ServerResponse, status: number, title: string, detail: string): void => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
};

const readBody = async (request: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Serves the REST API through the real handlers, as API Gateway's Lambda proxy integration would. */
export class ApiServer {
  private server: Server | undefined;

  constructor(
    private readonly routes: readonly ApiRoute[],
    private readonly options: {
      readonly stage?: string;
      readonly localRoutes?: LocalRoute;
      readonly onError?: (error: unknown, route: string) => void;
    } = {},
  ) {}

  async start(port: number, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.options.onError?.(error, request.url ?? '');
        if (!response.headersSent)
          problem(response, 502, 'Bad Gateway', 'The function failed; see the local stack log');
        else response.destroy();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port: actual } = server.address() as AddressInfo;
    return `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.options.localRoutes?.(request, response)) return;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const matched = matchRoute(
      this.routes.map((route) => ({ ...route, target: route })),
      method,
      url.pathname,
    );
    if (matched === undefined) {
      problem(response, 404, 'Not Found', `No route for ${method} ${url.pathname}`);
      return;
    }
    if (matched === 'method_not_allowed') {
      problem(response, 405, 'Method Not Allowed', `${method} is not supported on ${url.pathname}`);
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      problem(response, 413, 'Payload Too Large', `The request body exceeds ${MAX_PAYLOAD_BYTES} bytes`);
      return;
    }
    const event = toProxyEvent(
      {
        method,
        url,
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      },
      matched,
      this.options.stage ?? 'local',
    );
    const { target } = matched.route;
    const result = await target.handler(event, lambdaContext(target.functionName));
    const outgoing = fromProxyResult(result);
    response.statusCode = outgoing.statusCode;
    for (const [name, value] of outgoing.headers) response.appendHeader(name, value);
    response.end(outgoing.body);
  }
}
