import { Readable } from 'node:stream';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ProductId } from '@catalog/domain';
import { ListCursors } from '@catalog/ports';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env';
import { XRayTracer } from '../observability/xray-tracer';
import type { XRaySubsegment } from '../observability/xray-segments';
import { HmacListCursors } from './hmac-list-cursors';
import { listProductsPortsReadingSecret } from './roots';
import { createSsmClient, SSM_MAX_ATTEMPTS } from './ssm';

const PARAMETER = '/catalog/dev/cursor-signing-key';
const SECRET = 's'.repeat(43);
const apiEnv = { PRODUCTS_TABLE_NAME: 'catalog-test-products', AWS_REGION: 'eu-west-1', LOG_LEVEL: 'error' };
const TRACE = '1-6751f0a2-3b2c1d4e5f60718293a4b5c6';
const position = { id: ProductId.parse('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60') };
const signedWithSecret = new HmacListCursors(SECRET, 'catalog.products.list-cursor').encode(position);

/** An SSM client whose transport answers every GetParameter with SECRET; nothing leaves the process. */
const answeringSsm = () => {
  const requests: { target: string | undefined; body: unknown }[] = [];
  const client = new SSMClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: (request: { headers: Record<string, string>; body: Uint8Array }) => {
        requests.push({
          target: request.headers['x-amz-target'],
          body: JSON.parse(new TextDecoder().decode(request.body)),
        });
        return Promise.resolve({
          response: {
            statusCode: 200,
            headers: { 'x-amzn-requestid': 'SSM-REQ-1', 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([
              Buffer.from(
                JSON.stringify({ Parameter: { Name: PARAMETER, Type: 'SecureString', Value: SECRET } }),
              ),
            ]),
          },
        });
      },
    },
  });
  return { client, requests };
};

/** The X-Ray tracer as in Lambda, for a sampled invocation, its documents recorded. */
const recordingTracer = () => {
  const sent: XRaySubsegment[] = [];
  const tracer = new XRayTracer({
    sink: (document) => sent.push(document),
    invocationHeader: () => `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=1`,
  });
  return { sent, tracer };
};

describe(createSsmClient, () => {
  it('goes without the logger middleware and retries a bounded number of times', async () => {
    const client = createSsmClient();
    expect(client.middlewareStack.identify().join('\n')).not.toMatch(/loggerMiddleware/);
    expect(await client.config.maxAttempts()).toBe(SSM_MAX_ATTEMPTS);
  });
});

describe(listProductsPortsReadingSecret, () => {
  it('reads the key once, decrypted, through a traced SSM client, and signs cursors with it', async () => {
    const ssm = answeringSsm();
    const { sent, tracer } = recordingTracer();
    const container = await listProductsPortsReadingSecret(
      { ...apiEnv, CURSOR_SIGNING_KEY_PARAMETER: PARAMETER },
      { ssmClient: ssm.client, tracer, writeMetrics: () => undefined },
    );
    expect(container.get<ListCursors>(ListCursors).encode(position)).toBe(signedWithSecret);
    expect(ssm.requests).toEqual([
      { target: 'AmazonSSM.GetParameter', body: { Name: PARAMETER, WithDecryption: true } },
    ]);
    expect(sent).toEqual([
      expect.objectContaining({
        name: 'SSM',
        trace_id: TRACE,
        namespace: 'aws',
        aws: expect.objectContaining({ operation: 'GetParameter', request_id: 'SSM-REQ-1' }) as unknown,
      }),
    ]);
  });

  it('asks SSM nothing when the key is given directly', async () => {
    const ssm = answeringSsm();
    const container = await listProductsPortsReadingSecret(
      { ...apiEnv, CURSOR_SIGNING_KEY: SECRET },
      { ssmClient: ssm.client, writeMetrics: () => undefined },
    );
    expect(container.get<ListCursors>(ListCursors).encode(position)).toBe(signedWithSecret);
    expect(ssm.requests).toHaveLength(0);
  });

  it('refuses a bad environment before asking SSM', async () => {
    const ssm = answeringSsm();
    const ports = listProductsPortsReadingSecret(
      { AWS_REGION: 'eu-west-1', CURSOR_SIGNING_KEY_PARAMETER: PARAMETER },
      { ssmClient: ssm.client, writeMetrics: () => undefined },
    );
    await expect(ports).rejects.toThrow(ConfigError);
    await expect(ports).rejects.toThrow(/PRODUCTS_TABLE_NAME is required but not set/);
    expect(ssm.requests).toHaveLength(0);
  });

  it('fails without either the parameter or the key, naming both', async () => {
    await expect(listProductsPortsReadingSecret(apiEnv, { writeMetrics: () => undefined })).rejects.toThrow(
      /CURSOR_SIGNING_KEY is required but not set: set CURSOR_SIGNING_KEY_PARAMETER/,
    );
  });
});
