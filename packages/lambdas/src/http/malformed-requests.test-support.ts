import { ProductId } from '@catalog/domain';
import fc from 'fast-check';
import { COLLECTION, cup, ITEM, PRODUCT_ID, type EventOptions } from './api-gateway.test-support';

// Requests that are wrong in at least one way, for the malformed-requests fuzz. Each filter removes the
// rare valid draw.

export type Route = 'createProduct' | 'putProduct' | 'getProduct' | 'listProducts' | 'deleteProduct';
export interface Case {
  readonly route: Route;
  readonly method: string;
  readonly resource: string;
  readonly options: EventOptions;
  /** Sent as a base64 body exactly as given (bytes that may not be UTF-8). */
  readonly rawBytes?: Buffer;
}

// Generators of requests that are wrong in at least one way; each filter removes the rare valid draw.
const notUuid = fc.string({ maxLength: 40 }).filter((id) => !ProductId.isValid(id));
const badIfMatch = fc
  .string({ maxLength: 20 })
  .filter((v) => v.trim() !== '*' && !/^"[1-9][0-9]{0,14}"$/.test(v.trim()));
const badIfNoneMatchOnRead = fc
  .string({ maxLength: 20 })
  .filter((v) => v.trim() !== '*' && !v.split(',').every((tag) => /^(W\/)?"[^"]*"$/.test(tag.trim())));
const badIdempotencyKey = fc
  .string({ maxLength: 300, unit: 'binary' })
  .filter((key) => !/^[\x21-\x7e]{1,255}$/.test(key));
const badContentType = fc.string({ maxLength: 40 }).filter((value) => !/json/i.test(value));
const badLimit = fc.string({ maxLength: 8 }).filter((v) => !(/^[0-9]{1,6}$/.test(v) && +v >= 1 && +v <= 100));
const badCursor = fc.string({ minLength: 1, maxLength: 60 });
const notJson = fc.string({ maxLength: 60 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const notAnObject = fc
  .jsonValue()
  .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
  .map((v) => JSON.stringify(v));
const unknownKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((key) => !['name', 'description', 'price'].includes(key));
const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const badBody = fc.oneof(
  notJson,
  notAnObject,
  unknownKey.map((key) => JSON.stringify({ ...cup, [key]: 1 })),
  unknownKey
    .filter((key) => !['amount', 'currency'].includes(key))
    .map((key) => JSON.stringify({ ...cup, price: { ...cup.price, [key]: 'x' } })),
  wrongValue.map((name) => JSON.stringify({ ...cup, name })),
  fc
    .oneof(
      fc.constant(''),
      fc.constant('   '),
      fc.string({ minLength: 101, maxLength: 120 }).filter((s) => s.trim().length > 100),
    )
    .map((name) => JSON.stringify({ ...cup, name })),
  fc
    .oneof(
      fc.double({ noInteger: true }),
      fc.integer({ max: -1 }),
      fc.integer({ min: 1_000_000_001 }),
      fc.string(),
    )
    .map((amount) => JSON.stringify({ ...cup, price: { amount, currency: 'EUR' } })),
  fc
    .string({ maxLength: 5 })
    .filter((c) => !/^[A-Z]{3}$/.test(c))
    .map((currency) => JSON.stringify({ ...cup, price: { amount: 1, currency } })),
  wrongValue.map((price) => JSON.stringify({ ...cup, price })),
  fc.constant(JSON.stringify({ ...cup, description: 'x'.repeat(17 * 1024) })),
);
const randomCase = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());

export const item = (
  route: Route,
  method: string,
  id: string,
  headers: EventOptions['headers'] = {},
  body?: string,
): Case => ({
  route,
  method,
  resource: ITEM,
  options: {
    pathParameters: { id },
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  },
});
export const collection = (route: Route, method: string, options: EventOptions): Case => ({
  route,
  method,
  resource: COLLECTION,
  options,
});
const validBody = JSON.stringify(cup);

const json = { 'Content-Type': 'application/json' };

const classic: fc.Arbitrary<Case> = fc.oneof(
  // POST: bad body, bad media type, bad key
  badBody.map((body) => collection('createProduct', 'POST', { headers: json, body })),
  fc
    .tuple(randomCase('Content-Type'), badContentType)
    .map(([name, type]) =>
      collection('createProduct', 'POST', { headers: { [name]: type }, body: validBody }),
    ),
  fc
    .tuple(randomCase('Idempotency-Key'), badIdempotencyKey)
    .map(([name, key]) =>
      collection('createProduct', 'POST', { headers: { ...json, [name]: key }, body: validBody }),
    ),
  // PUT: bad id, body or conditional header
  notUuid.map((id) => item('putProduct', 'PUT', id, {}, validBody)),
  badBody.map((body) => item('putProduct', 'PUT', PRODUCT_ID, {}, body)),
  fc
    .tuple(randomCase('If-Match'), badIfMatch)
    .map(([name, value]) => item('putProduct', 'PUT', PRODUCT_ID, { [name]: value }, validBody)),
  fc
    .string({ maxLength: 20 })
    .filter((v) => v.trim() !== '*')
    .map((value) => item('putProduct', 'PUT', PRODUCT_ID, { 'If-None-Match': value }, validBody)),
  // GET and DELETE: bad id or conditional header
  notUuid.map((id) => item('getProduct', 'GET', id)),
  badIfNoneMatchOnRead.map((value) => item('getProduct', 'GET', PRODUCT_ID, { 'if-none-match': value })),
  notUuid.map((id) => item('deleteProduct', 'DELETE', id)),
  badIfMatch.map((value) => item('deleteProduct', 'DELETE', PRODUCT_ID, { 'IF-MATCH': value })),
  // List: bad limit or cursor
  badLimit.map((limit) => collection('listProducts', 'GET', { query: { limit } })),
  badCursor.map((cursor) => collection('listProducts', 'GET', { query: { cursor } })),
);

// Names every object inherits: a prototype-chain lookup would take them for declared DTO fields.
const inheritedName = fc.constantFrom(
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype).filter((name) => name !== 'name'),
);
const prototypeKeyBody = fc
  .tuple(inheritedName, fc.jsonValue({ maxDepth: 1 }), fc.boolean())
  .map(([key, value, nested]) => {
    const extra = `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    return nested
      ? `{"name":"Cup","price":{"amount":1,"currency":"EUR"${extra}}}`
      : `{"name":"Cup","price":{"amount":1,"currency":"EUR"}${extra}}`;
  });

// Byte sequences that are not UTF-8: stray continuation or lead bytes, truncations, overlong forms,
// encoded surrogates (CESU-8 / WTF-8), code points past U+10FFFF.
const notUtf8Bytes = fc.oneof(
  fc.constantFrom([0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80]),
  fc.constantFrom([0xed, 0xbf, 0xbf], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8], [0xff]),
  fc.constantFrom([0xe2, 0x82], [0xf0, 0x9f, 0x8d]),
);
const brokenUtf8Body = fc.tuple(notUtf8Bytes, fc.nat({ max: 40 })).map(([bytes, at]) => {
  const json = Buffer.from(JSON.stringify({ ...cup, description: 'x'.repeat(40) }));
  const cut = json.indexOf('x') + at;
  return Buffer.concat([json.subarray(0, cut), Buffer.from(bytes), json.subarray(cut)]);
});

// A lone surrogate escape in a value or a key, at the top level or inside price.
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => `\\u${unit.toString(16)}`);
const loneSurrogateBody = fc
  .tuple(loneSurrogate, fc.constantFrom('name', 'description', 'currency', 'key', 'price key'))
  .map(([escape, where]) => {
    if (where === 'name') return `{"name":"Cup${escape}","price":{"amount":1,"currency":"EUR"}}`;
    if (where === 'description')
      return `{"name":"Cup","description":"${escape}","price":{"amount":1,"currency":"EUR"}}`;
    if (where === 'currency') return `{"name":"Cup","price":{"amount":1,"currency":"E${escape}"}}`;
    if (where === 'key') return `{"name":"Cup","price":{"amount":1,"currency":"EUR"},"${escape}":1}`;
    return `{"name":"Cup","price":{"amount":1,"currency":"EUR","${escape}":1}}`;
  });
// What API Gateway hands over for a text body with invalid bytes: U+FFFD in their place.
const replacedBytesBody = fc
  .nat({ max: 3 })
  .map((at) => JSON.stringify({ ...cup, name: `Cu${'\uFFFD'.repeat(at + 1)}p` }));

const unicodeRefusals: fc.Arbitrary<Case> = fc.oneof(
  brokenUtf8Body.map((rawBytes) => ({ ...collection('createProduct', 'POST', { headers: json }), rawBytes })),
  brokenUtf8Body.map((rawBytes) => ({ ...item('putProduct', 'PUT', PRODUCT_ID), rawBytes })),
  fc
    .oneof(prototypeKeyBody, loneSurrogateBody, replacedBytesBody)
    .chain((body) =>
      fc.constantFrom(
        collection('createProduct', 'POST', { headers: json, body }),
        item('putProduct', 'PUT', PRODUCT_ID, {}, body),
      ),
    ),
);

// Headers that change nothing about a request's meaning, to show noise never turns a refusal into a write.
const SEMANTIC_HEADERS = ['content-type', 'if-match', 'if-none-match', 'idempotency-key'];
const noiseHeaders = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }).filter((name) => !SEMANTIC_HEADERS.includes(name.toLowerCase())),
  fc.string({ maxLength: 40 }),
  { maxKeys: 3 },
);
const anyMethod = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'get', ''),
  fc.string({ maxLength: 8 }),
);
const anyPath = fc.oneof(fc.webPath(), fc.string({ maxLength: 30 }), fc.constant('/dev/api/products/../x'));

/** A malformed request, sometimes with noise: random extra headers, method, paths or correlation id. */
export const malformed: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: classic }, { weight: 2, arbitrary: unicodeRefusals }),
    fc.option(noiseHeaders),
    fc.option(anyMethod),
    fc.option(fc.string({ maxLength: 140 })),
  )
  .map(([base, headers, method, correlationId]) => ({
    ...base,
    ...(method === null ? {} : { method }),
    options: {
      ...base.options,
      headers: {
        ...(headers ?? {}),
        ...base.options.headers,
        ...(correlationId === null ? {} : { 'X-Correlation-Id': correlationId }),
      },
    },
  }));

export { anyPath };
