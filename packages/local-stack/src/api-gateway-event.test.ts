import { describe, expect, it } from 'vitest';
import { fromProxyResult, matchRoute, toProxyEvent } from './api-gateway-event';

const routes = [
  { method: 'GET', resource: '/api/products', target: 'list' },
  { method: 'POST', resource: '/api/products', target: 'create' },
  { method: 'GET', resource: '/api/products/{id}', target: 'get' },
];

describe(matchRoute, () => {
  it('matches literal and parameter segments, decoding parameters', () => {
    expect(matchRoute(routes, 'GET', '/api/products')).toMatchObject({
      route: { target: 'list' },
      pathParameters: null,
    });
    expect(matchRoute(routes, 'GET', '/api/products/a%20b/')).toMatchObject({
      route: { target: 'get' },
      pathParameters: { id: 'a b' },
    });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(matchRoute(routes, 'GET', '/api/other')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/products/1/2')).toBeUndefined();
    expect(matchRoute(routes, 'DELETE', '/api/products')).toBe('method_not_allowed');
  });

  it('keeps a malformed escape as it is instead of failing', () => {
    expect(matchRoute(routes, 'GET', '/api/products/%E0%A4%A')).toMatchObject({
      pathParameters: { id: '%E0%A4%A' },
    });
  });
});

describe(toProxyEvent, () => {
  const claims = { sub: 'user-1', client_id: 'catalog-local', scope: 'catalog/products' };
  const gateway = { stage: 'local', requestId: 'req-1', authorizer: { claims } };
  const matched = {
    route: { method: 'GET', resource: '/api/products/{id}', target: 'get' },
    pathParameters: { id: 'x' },
  };
  const request = (overrides: Partial<Parameters<typeof toProxyEvent>[0]> = {}) => ({
    method: 'GET',
    url: new URL('http://localhost/api/products/x?limit=5&tag=a&tag=b'),
    clientPath: '/local/api/products/x',
    headers: { host: 'localhost:3000', 'content-type': 'application/json' },
    rawHeaders: [
      'Host',
      'localhost:3000',
      'X-Multi',
      'one',
      'X-Multi',
      'two',
      'Content-Type',
      'application/json',
    ],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    ...overrides,
  });

  it('builds a REST proxy event with single and multi-value headers and query strings', () => {
    const event = toProxyEvent(request(), matched, gateway);
    expect(event).toMatchObject({
      resource: '/api/products/{id}',
      path: '/api/products/x',
      httpMethod: 'GET',
      headers: { Host: 'localhost:3000', 'X-Multi': 'two', 'Content-Type': 'application/json' },
      multiValueHeaders: { 'X-Multi': ['one', 'two'] },
      queryStringParameters: { limit: '5', tag: 'b' },
      multiValueQueryStringParameters: { limit: ['5'], tag: ['a', 'b'] },
      pathParameters: { id: 'x' },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        stage: 'local',
        resourcePath: '/api/products/{id}',
        httpMethod: 'GET',
        path: '/local/api/products/x',
        requestId: 'req-1',
        authorizer: { claims },
      },
    });
  });

  it('passes JSON bodies as text and other bodies as base64', () => {
    const json = toProxyEvent(request({ body: Buffer.from('{"a":1}') }), matched, gateway);
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = toProxyEvent(
      request({ body: Buffer.from([0xff, 0x00]), headers: { 'content-type': 'application/octet-stream' } }),
      matched,
      gateway,
    );
    expect(binary).toMatchObject({ body: '/wA=', isBase64Encoded: true });
  });

  it('leaves query strings null when there are none', () => {
    const event = toProxyEvent(
      request({ url: new URL('http://localhost/api/products/x') }),
      matched,
      gateway,
    );
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });
});

describe(fromProxyResult, () => {
  it('merges single and multi-value headers and decodes base64 bodies', () => {
    const response = fromProxyResult({
      statusCode: 201,
      headers: { ETag: '"1"', 'Set-Cookie': 'ignored' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['ETag', '"1"'],
    ]);
    expect(response.body.toString()).toBe('hi');
  });
});
