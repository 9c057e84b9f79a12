import { connect } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from './api-server';
import { LocalAuthorizer } from './auth/local-authorizer';
import { GatewayResponses } from './gateway/gateway-responses';

const events: APIGatewayProxyEvent[] = [];
let server: ApiServer;
let origin: string;
let token: string;

beforeAll(async () => {
  const authorizer = await LocalAuthorizer.create({
    issuer: () => `${origin}/_local/auth`,
    clientIds: ['catalog-local'],
    requiredScopes: ['catalog/products'],
  });
  server = new ApiServer(
    [
      {
        method: 'GET',
        resource: '/api/products/{id}',
        functionName: 'get-product',
        handler: (event) => {
          events.push(event);
          return Promise.resolve({
            statusCode: 200,
            headers: { 'X-Correlation-Id': 'from-function' },
            body: '{}',
          });
        },
      },
      {
        method: 'POST',
        resource: '/api/products',
        functionName: 'create-product',
        handler: () => Promise.resolve({ statusCode: 201, body: '{}' }),
      },
    ],
    { stage: 'dev', authorizer, gatewayResponses: GatewayResponses.load() },
  );
  origin = await server.start(0);
  token = (await authorizer.issue({ subject: 'alice' })).accessToken;
});
afterAll(async () => {
  await server.stop();
});

/**
 * One raw HTTP/1.1 exchange on a keep-alive connection, the body sent in paced chunks as a slow client
 * would: the response, and how the connection ended when it did not end cleanly.
 */
const raw = (request: string, body: Buffer): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(origin).port) });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resolve(`${answer}\n[${error.code ?? 'error'}]`);
    });
    socket.on('close', () => {
      resolve(answer);
    });
    socket.write(request);
    const send = async () => {
      for (let offset = 0; offset < body.length && !socket.destroyed; offset += 256 * 1024) {
        if (!socket.write(body.subarray(offset, offset + 256 * 1024)))
          await new Promise((drained) => socket.once('drain', drained));
        await new Promise((next) => setTimeout(next, 1));
      }
    };
    void send();
  });

describe(ApiServer, () => {
  it('hands the function the Cognito claims and the stage-prefixed path, as API Gateway does', async () => {
    const response = await fetch(`${origin}/dev/api/products/abc?x=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const event = events.at(-1)!;
    expect(event.path).toBe('/api/products/abc');
    expect(event.resource).toBe('/api/products/{id}');
    expect(event.requestContext.path).toBe('/dev/api/products/abc');
    expect(event.requestContext.stage).toBe('dev');
    expect(event.requestContext.authorizer).toMatchObject({
      claims: { sub: 'alice', client_id: 'catalog-local', scope: 'catalog/products', token_use: 'access' },
    });
  });

  it('answers an oversized body with 413 and Connection: close after reading it, never a reset', async () => {
    // Well over the limit: a server that stopped reading at the limit would reset the rest.
    const body = Buffer.alloc(12 * 1024 * 1024, 0x61);
    const answer = await raw(
      `POST /dev/api/products HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toMatch(/\r\nX-Correlation-Id: [0-9a-f-]{36}\r\n/i);
    expect(answer).not.toMatch(/\[(ECONNRESET|EPIPE|error)\]/);
  });

  it('answers 413 at once to a client that waits for 100 Continue', async () => {
    const answer = await raw(
      `POST /dev/api/products HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n`,
      Buffer.alloc(0),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toMatch(/100 Continue/);
  });

  it('checks the route before the token: an unknown route is 404 even without one', async () => {
    const unknown = await fetch(`${origin}/dev/api/other`);
    expect(unknown.status).toBe(404);
    const known = await fetch(`${origin}/dev/api/products/abc`);
    expect(known.status).toBe(401);
    expect(known.headers.get('x-correlation-id')).toBe(
      ((await known.json()) as { correlationId: string }).correlationId,
    );
  });
});
