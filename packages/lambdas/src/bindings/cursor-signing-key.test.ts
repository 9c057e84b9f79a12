import { createHash, createHmac } from 'node:crypto';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { apiEvent, COLLECTION } from '../http/api-gateway.test-support';
import { ConfigError } from '../config/env';
import { buildListProductsHandler } from './api-routes';
import { withCursorSigningKey } from './cursor-signing-key';
import { listProductsPorts } from './roots';
import { createSsmClient, ssmParameterReader } from './ssm';

const ssm = mockClient(SSMClient);
const PARAMETER = '/catalog/dev/cursor-signing-key';
const SECRET = 'k'.repeat(43);
const apiEnv = { PRODUCTS_TABLE_NAME: 'catalog-test-products', AWS_REGION: 'eu-west-1', LOG_LEVEL: 'error' };
const quiet = { writeMetrics: () => undefined };

afterEach(() => {
  ssm.reset();
});

// Powertools Parameters on the SSM client the function builds (its calls answered by the mock).
const viaSsm = () => ssmParameterReader(createSsmClient());

describe(withCursorSigningKey, () => {
  it('reads the key once from the SecureString parameter, decrypted, through Powertools Parameters', async () => {
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: PARAMETER, Type: 'SecureString', Value: SECRET } });
    const env = await withCursorSigningKey({ ...apiEnv, CURSOR_SIGNING_KEY_PARAMETER: PARAMETER }, viaSsm());
    expect(env.CURSOR_SIGNING_KEY).toBe(SECRET);
    expect(ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([
      { Name: PARAMETER, WithDecryption: true },
    ]);
  });

  it('keeps a key given directly (local development, tests) and asks SSM nothing', async () => {
    const env = { ...apiEnv, CURSOR_SIGNING_KEY: SECRET };
    expect(await withCursorSigningKey(env, viaSsm())).toBe(env);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
  });

  it('refuses both at once', async () => {
    await expect(
      withCursorSigningKey({ CURSOR_SIGNING_KEY: SECRET, CURSOR_SIGNING_KEY_PARAMETER: PARAMETER }, viaSsm()),
    ).rejects.toThrow(/CURSOR_SIGNING_KEY and CURSOR_SIGNING_KEY_PARAMETER are both set/);
  });

  it('fails the cold start naming the parameter when it cannot be read', async () => {
    const parameter = '/catalog/staging/cursor-signing-key';
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const read = withCursorSigningKey({ CURSOR_SIGNING_KEY_PARAMETER: parameter }, viaSsm());
    await expect(read).rejects.toThrow(ConfigError);
    await expect(read).rejects.toThrow(
      `CURSOR_SIGNING_KEY_PARAMETER ${parameter} could not be read (AccessDeniedException: not authorized)`,
    );
  });

  it('fails when the parameter is empty, and when its value is too short to be a key', async () => {
    await expect(
      withCursorSigningKey({ CURSOR_SIGNING_KEY_PARAMETER: PARAMETER }, () => Promise.resolve('')),
    ).rejects.toThrow(/holds no value/);
    const env = await withCursorSigningKey({ ...apiEnv, CURSOR_SIGNING_KEY_PARAMETER: PARAMETER }, () =>
      Promise.resolve('short'),
    );
    expect(() => listProductsPorts(env, quiet)).toThrow(/CURSOR_SIGNING_KEY must be at least 16 bytes long/);
  });
});

describe('list-products without a cursor signing secret', () => {
  it('fails at init with a message saying how to provide one: no key is derived any more', () => {
    expect(() => listProductsPorts(apiEnv, quiet)).toThrow(
      /CURSOR_SIGNING_KEY is required but not set: set CURSOR_SIGNING_KEY_PARAMETER to the SSM parameter/,
    );
  });
});

describe('list-products with the secret', () => {
  // What a forger can make: the key once derived from the table name, or an edit of a cursor's payload.
  const signed = (key: string | Buffer, payload: string) =>
    `${payload}.${createHmac('sha256', key).update(`catalog.products.list-cursor\n${payload}`).digest('base64url')}`;
  const payload = Buffer.from(
    JSON.stringify({ v: 1, k: { id: '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60' } }),
  ).toString('base64url');
  const derivedKey = createHash('sha256')
    .update(`catalog.products.cursor:${apiEnv.PRODUCTS_TABLE_NAME}`)
    .digest();

  it.each([
    ['signed with the key formerly derived from the table name', signed(derivedKey, payload)],
    ['signed with another key', signed('another-key-of-enough-bytes', payload)],
    ['with an edited payload', signed(SECRET, payload).replace(/^./, 'f')],
    ['with a truncated signature', signed(SECRET, payload).slice(0, -2)],
  ])('refuses a cursor %s with 400 invalid-cursor, before any Scan', async (_, cursor) => {
    const handler = buildListProductsHandler(
      listProductsPorts({ ...apiEnv, CURSOR_SIGNING_KEY: SECRET }, quiet),
    );
    const response = await handler(apiEvent('GET', COLLECTION, { query: { cursor } }), {
      awsRequestId: 'r',
      functionName: 'list-products',
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ type: 'urn:catalog:problem:invalid-cursor' });
  });
});
