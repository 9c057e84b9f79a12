import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { fromProxyResult, matchRoute, toProxyEvent, type RouteDefinition } from './api-gateway-event';
import type { LocalAuthorizer } from './auth/local-authorizer';
import type { GatewayResponses, GatewayResponseType } from './gateway/gateway-responses';
import { declaredTooLarge, MAX_PAYLOAD_BYTES, readRequestBody } from './gateway/request-body';
import { lambdaContext } from './lambda-context';

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiRoute extends RouteDefinition {
  readonly functionName: string;
  readonly handler: ProxyHandler;
}

/** Serves `/_local/*` (token, JWKS, events, the API page); the API server hands it every such request. */
export type LocalEndpoints = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface ApiServerOptions {
  /** The stage prefix every API path carries, as in a deployed invoke URL (`/<stage>/api/...`). */
  readonly stage: string;
  readonly authorizer: LocalAuthorizer;
  readonly gatewayResponses: GatewayResponses;
  readonly localEndpoints?: LocalEndpoints;
  readonly onError?: (error: unknown, route: string) => void;
}

/**
 * Serves the REST API through the real handlers as API Gateway's Lambda proxy integration does: routes under
 * the stage prefix, the payload limit, the Cognito authorizer, then the function. What API Gateway answers
 * itself (unknown route, oversized payload, rejected token, failed function) comes from the gateway
 * responses Terraform configures, each with `X-Correlation-Id`.
 */
export class ApiServer {
  private server: Server | undefined;

  constructor(
    private readonly routes: readonly ApiRoute[],
    private readonly options: ApiServerOptions,
  ) {}

  async start(port: number, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.serve(request, response);
    });
    // A client that waits for "100 Continue" before sending an oversized body is answered at once.
    server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
      if (declaredTooLarge(request)) {
        this.gateway(response, 'REQUEST_TOO_LARGE', randomUUID(), { close: true });
        return;
      }
      response.writeContinue();
      this.serve(request, response);
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
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return `http://${shown}:${actual}`;
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

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const requestId = randomUUID();
    this.handle(request, response, requestId).catch((error: unknown) => {
      this.options.onError?.(error, request.url ?? '');
      if (!response.headersSent)
        this.gateway(response, 'DEFAULT_5XX', requestId, { message: 'Internal server error' });
      else response.destroy();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/_local' || url.pathname.startsWith('/_local/')) {
      if (this.options.localEndpoints) {
        await this.options.localEndpoints(request, response);
        return;
      }
    }
    const method = request.method ?? 'GET';
    const prefix = `/${this.options.stage}`;
    const stageless = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
    const matched =
      stageless === undefined
        ? undefined
        : matchRoute(
            this.routes.map((route) => ({ ...route, target: route })),
            method,
            stageless,
          );
    // A REST API has no 405: a method without a route is an unknown route, like an unknown path.
    if (matched === undefined || matched === 'method_not_allowed' || stageless === undefined) {
      request.resume();
      this.gateway(response, 'MISSING_AUTHENTICATION_TOKEN', requestId, {
        message: 'Missing Authentication Token',
      });
      return;
    }
    const body = await readRequestBody(request);
    if (!body.ok) {
      if (!body.drained) {
        request.socket.destroy();
        return;
      }
      this.gateway(response, 'REQUEST_TOO_LARGE', requestId, {
        message: `Request body exceeds ${MAX_PAYLOAD_BYTES} bytes`,
        close: true,
      });
      return;
    }
    const decision = await this.options.authorizer.authorize(request.headers.authorization);
    if (!decision.allowed) {
      this.gateway(response, decision.response, requestId, { message: decision.message });
      return;
    }
    const stagelessUrl = new URL(url);
    stagelessUrl.pathname = stageless;
    const event = toProxyEvent(
      {
        method,
        url: stagelessUrl,
        clientPath: url.pathname,
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        body: body.body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      },
      matched,
      { stage: this.options.stage, requestId, authorizer: { claims: decision.claims } },
    );
    const { target } = matched.route;
    const result = await target.handler(event, lambdaContext(target.functionName));
    const outgoing = fromProxyResult(result);
    response.statusCode = outgoing.statusCode;
    for (const [name, value] of outgoing.headers) response.appendHeader(name, value);
    response.end(outgoing.body);
  }

  private gateway(
    response: ServerResponse,
    type: GatewayResponseType,
    requestId: string,
    { message = '', close = false }: { message?: string; close?: boolean },
  ): void {
    const rendered = this.options.gatewayResponses.render(type, message, requestId);
    if (close) response.shouldKeepAlive = false;
    response.writeHead(rendered.status, {
      ...rendered.headers,
      'Content-Length': Buffer.byteLength(rendered.body),
      ...(close ? { Connection: 'close' } : {}),
    });
    response.end(rendered.body);
  }
}
