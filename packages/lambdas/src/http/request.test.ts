import { describe, expect, it } from 'vitest';
import { apiEvent, ITEM, PRODUCT_ID } from './api-gateway.test-support';
import { headerOf, toHttpRequest } from './request';

const base = apiEvent('GET', ITEM, { pathParameters: { id: PRODUCT_ID } });

describe(toHttpRequest, () => {
  it('merges both header maps under lower-case names; repeated lines join with ", "', () => {
    const request = toHttpRequest({
      ...base,
      headers: { 'X-One': 'last', 'X-Only-Single': 's', Accept: 'ignored' },
      multiValueHeaders: { 'X-One': ['first', 'last'], 'x-one': ['third'], Accept: ['a/b'] },
    });
    expect(request.headers.get('x-one')).toEqual(['first', 'last', 'third']);
    expect(headerOf(request, 'X-ONE')).toBe('first, last, third');
    expect(request.headers.get('x-only-single')).toEqual(['s']);
    expect(request.headers.get('accept')).toEqual(['a/b']);
    expect(headerOf(request, 'missing')).toBeUndefined();
  });

  it('skips what is not a string: non-array and empty multi values, non-string items and single values', () => {
    const request = toHttpRequest({
      ...base,
      headers: { 'X-Num': 5 as never, 'X-Undefined': undefined },
      multiValueHeaders: { 'X-Bad': 'text' as never, 'X-Empty': [], 'X-Mixed': ['a', 3 as never, 'b'] },
    });
    expect(request.headers.has('x-bad')).toBe(false);
    expect(request.headers.has('x-empty')).toBe(false);
    expect(request.headers.has('x-num')).toBe(false);
    expect(request.headers.has('x-undefined')).toBe(false);
    expect(request.headers.get('x-mixed')).toEqual(['a', 'b']);
  });

  it('keeps query parameter names as given', () => {
    const request = toHttpRequest({
      ...base,
      queryStringParameters: { Limit: '5', only: 'x' },
      multiValueQueryStringParameters: { Limit: ['5'] },
    });
    expect(request.query.get('Limit')).toEqual(['5']);
    expect(request.query.has('limit')).toBe(false);
    expect(request.query.get('only')).toEqual(['x']);
  });

  it('keeps only string path parameters, on an object without a prototype', () => {
    const request = toHttpRequest({ ...base, pathParameters: { id: 'a', other: undefined } });
    expect(request.pathParameters).toEqual({ id: 'a' });
    expect(Object.getPrototypeOf(request.pathParameters)).toBeNull();
    expect(toHttpRequest({ ...base, pathParameters: null }).pathParameters).toEqual({});
  });

  it('decodes a base64 body to bytes, passes a text body as it is, and has no body for null or ""', () => {
    const bytes = toHttpRequest({
      ...base,
      body: Buffer.from('{"a":1}').toString('base64'),
      isBase64Encoded: true,
    });
    expect(Buffer.isBuffer(bytes.body)).toBe(true);
    expect(bytes.body?.toString()).toBe('{"a":1}');
    expect(toHttpRequest({ ...base, body: 'eyJhIjoxfQ==', isBase64Encoded: false }).body).toBe(
      'eyJhIjoxfQ==',
    );
    expect(toHttpRequest({ ...base, body: '' }).body).toBeUndefined();
    expect(toHttpRequest({ ...base, body: null }).body).toBeUndefined();
  });

  it('tolerates a malformed event: method, path and resource become empty strings', () => {
    const request = toHttpRequest({ ...base, httpMethod: undefined, path: 7, resource: null } as never);
    expect(request).toMatchObject({ method: '', path: '', resource: '' });
  });

  it.each([
    ['/dev/api/products/x', '/dev/api/products/x'],
    ['/dev/api/products/with space', '/api/products/3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'],
    ['/dev/api/produits/\u00e9', '/api/products/3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'],
    ['relative/path', '/api/products/3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'],
    ['/line\r\nbreak', '/api/products/3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'],
    ['/', '/'],
  ])(
    'takes requestContext.path %j as the path the client used only when it is safe in a header',
    (given, used) => {
      const request = toHttpRequest({ ...base, requestContext: { ...base.requestContext, path: given } });
      expect(request.requestPath).toBe(used);
    },
  );

  it('falls back to the resource path without a request context', () => {
    expect(toHttpRequest({ ...base, requestContext: undefined } as never).requestPath).toBe(base.path);
  });
});
