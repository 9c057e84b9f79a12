import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';
import { MAX_BODY_BYTES } from './json-body';

// Every request here is a REST API proxy event as API Gateway builds it: a text body (what API Gateway
// passes when the media type is not binary, already decoded, invalid bytes replaced by U+FFFD) or a base64
// body (binary media types, the bytes exactly as sent).
const JSON_TYPE = { 'Content-Type': 'application/json' };

const textEvent = (method: 'POST' | 'PUT', body: string) =>
  method === 'POST'
    ? apiEvent('POST', COLLECTION, { headers: JSON_TYPE, body })
    : apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, headers: JSON_TYPE, body });

const bytesEvent = (method: 'POST' | 'PUT', bytes: Buffer) => ({
  ...textEvent(method, 'x'),
  body: bytes.toString('base64'),
  isBase64Encoded: true,
});

const send = async (method: 'POST' | 'PUT', event: ReturnType<typeof textEvent>) => {
  const world = apiWorld();
  const response = await (method === 'POST' ? world.createProduct(event) : world.putProduct(event));
  return { response, writes: world.products.changes().length };
};

const prefix = Buffer.from('{"name":"Cup","price":{"amount":1,"currency":"EUR"},"description":"');
const suffix = Buffer.from('"}');
const withRawBytes = (bytes: readonly number[]) => Buffer.concat([prefix, Buffer.from(bytes), suffix]);

describe('request bodies', () => {
  describe.each(['POST', 'PUT'] as const)('%s', (method) => {
    it.each([
      ['an invalid byte', [0xff]],
      ['a truncated sequence', [0xe2, 0x82]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['an overlong three-byte NUL', [0xe0, 0x80, 0x80]],
      ['an encoded high surrogate (CESU-8 / WTF-8 style)', [0xed, 0xa0, 0x80]],
      ['an encoded surrogate pair', [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]],
      ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ])('refuses a base64 body holding %s: 400 malformed-json, nothing written', async (_, bytes) => {
      const { response, writes } = await send(method, bytesEvent(method, withRawBytes(bytes)));
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:catalog:problem:malformed-json');
      expect(response.body.detail).toContain('not valid UTF-8');
      expect(writes).toBe(0);
    });

    it('refuses a text body in which API Gateway replaced invalid bytes with U+FFFD', async () => {
      const decodedByGateway = withRawBytes([0xc0, 0xaf]).toString('utf8');
      expect(decodedByGateway).toContain('\uFFFD');
      const { response, writes } = await send(method, textEvent(method, decodedByGateway));
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:catalog:problem:malformed-json');
      expect(writes).toBe(0);
    });

    it('refuses a literal U+FFFD in a base64 body too, so both transports answer alike', async () => {
      const { response } = await send(method, bytesEvent(method, withRawBytes([0xef, 0xbf, 0xbd])));
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:catalog:problem:malformed-json');
    });

    it('accepts U+FFFD written as the escape \\ufffd, and other characters outside ASCII', async () => {
      const body =
        '{"name":"Caf\u00e9 \u2615 \ud83c\udf75","description":"\\ufffd","price":{"amount":1,"currency":"EUR"}}';
      for (const event of [textEvent(method, body), bytesEvent(method, Buffer.from(body, 'utf8'))]) {
        const { response } = await send(method, event);
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ name: 'Caf\u00e9 \u2615 \ud83c\udf75', description: '\uFFFD' });
      }
    });

    it.each([
      ['a value', '{"name":"\\ud800x","price":{"amount":1,"currency":"EUR"}}'],
      [
        'a low surrogate alone',
        '{"name":"Cup","description":"a\\udfffb","price":{"amount":1,"currency":"EUR"}}',
      ],
      ['a reversed pair', '{"name":"\\udc00\\ud800","price":{"amount":1,"currency":"EUR"}}'],
      ['a nested value', '{"name":"Cup","price":{"amount":1,"currency":"\\ud83d"}}'],
      ['a key', '{"name":"Cup","price":{"amount":1,"currency":"EUR"},"\\udbff":1}'],
      ['a nested key', '{"name":"Cup","price":{"amount":1,"currency":"EUR","\\ud800":1}}'],
      ['an array element', '{"name":"Cup","price":{"amount":1,"currency":"EUR"},"x":["\\ud800"]}'],
    ])('refuses a lone surrogate escape in %s, text and base64: 400 malformed-json', async (_, body) => {
      for (const event of [textEvent(method, body), bytesEvent(method, Buffer.from(body, 'utf8'))]) {
        const { response, writes } = await send(method, event);
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('urn:catalog:problem:malformed-json');
        expect(response.body.detail).toContain('lone surrogate');
        expect(writes).toBe(0);
      }
    });

    it('refuses a text body that itself holds a lone surrogate', async () => {
      const body = `{"name":"a\ud800","price":{"amount":1,"currency":"EUR"}}`;
      const { response, writes } = await send(method, textEvent(method, body));
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:catalog:problem:malformed-json');
      expect(writes).toBe(0);
    });

    // JSON allows whitespace after the value: it pads a valid body to an exact size.
    const sized = (bytes: number) => {
      const json = JSON.stringify(cup);
      return json + ' '.repeat(bytes - Buffer.byteLength(json));
    };

    it.each([
      ['text', false],
      ['base64', true],
    ])('accepts a %s body of exactly 16 KiB and refuses one byte more with 413', async (_, base64) => {
      expect(MAX_BODY_BYTES).toBe(16_384);
      const event = (bytes: number) =>
        base64 ? bytesEvent(method, Buffer.from(sized(bytes))) : textEvent(method, sized(bytes));
      const atLimit = await send(method, event(16_384));
      expect(atLimit.response.status).toBe(201);
      const over = await send(method, event(16_385));
      expect(over.response.status).toBe(413);
      expect(over.response.body.type).toBe('urn:catalog:problem:body-too-large');
      expect(over.response.body.detail).toBe('The body has 16385 bytes; at most 16384 are accepted.');
      expect(over.writes).toBe(0);
    });

    it('counts a text body in UTF-8 bytes, not characters', async () => {
      // About 8,300 characters but 16,500 bytes: over the limit (by characters it would pass to validation).
      const body = JSON.stringify({ ...cup, description: '\u00e9'.repeat(8_200) });
      expect(body.length).toBeLessThan(MAX_BODY_BYTES);
      const { response } = await send(method, textEvent(method, body));
      expect(response.status).toBe(413);
    });
  });
});
