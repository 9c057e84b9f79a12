import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  idempotencyTableDefinition,
  idempotencyTimeToLive,
  productsTableDefinition,
} from '@catalog/adapter-dynamodb';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent, COLLECTION, cup, ITEM } from '../http/api-gateway.test-support';

// The built bundles, not the sources: each runs in a fresh Node process as Lambda would load it (ESM
// import of index.mjs, nothing preloaded), against DynamoDB Local. Decorator metadata that only a
// TypeScript-aware test runner would provide, or a forgotten reflect-metadata import, fails here.

interface BuildScripts {
  buildFunction(name: string, options: { root: string }): Promise<{ bundlePath: string }>;
  bundleEntry(options: {
    entryPoint: string;
    outfile: string;
    plugins?: unknown[];
  }): Promise<{ path: string }>;
}

const scripts = new URL('../../../../scripts/build/functions.mjs', import.meta.url);
const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];

const products = useDynamoDbTable(productsTableDefinition, { prefix: 'bundle-products' });
const idempotency = useDynamoDbTable(idempotencyTableDefinition, {
  prefix: 'bundle-idempotency',
  timeToLive: idempotencyTimeToLive,
});

const root = mkdtempSync(join(tmpdir(), 'catalog-bundles-'));
const bundles = new Map<string, string>();
let build: BuildScripts;
// list-products reads its cursor signing key from SSM at init, here from a local GetParameter stand-in.
let ssm: ChildProcess;
let ssmEndpoint = '';

beforeAll(async () => {
  ssm = spawn(
    process.execPath,
    [fileURLToPath(new URL('../../../../scripts/ssm-parameter-stub.mjs', import.meta.url))],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [port] = (await once(ssm.stdout!, 'data')) as [Buffer];
  ssmEndpoint = `http://127.0.0.1:${port.toString().trim()}`;
  build = (await import(scripts.href)) as BuildScripts;
  for (const name of API_FUNCTIONS) bundles.set(name, (await build.buildFunction(name, { root })).bundlePath);
});

afterAll(() => {
  ssm.kill();
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly results: APIGatewayProxyResult[];
}

// Imports the bundle in a new process with only the function's environment, invokes its handler with each
// event in turn and reports the results.
const RUNNER = `const input = []; for await (const chunk of process.stdin) input.push(chunk);
const { handler } = await import(process.argv[1]);
const results = [];
for (const event of JSON.parse(Buffer.concat(input).toString())) {
  results.push(await handler(event, { awsRequestId: 'bundle-test', functionName: 'bundle-test' }));
}
process.stdout.write('\\n@@results@@' + JSON.stringify(results));`;

const runBundle = (
  bundlePath: string,
  events: APIGatewayProxyEvent[],
  extraEnv: Record<string, string> = {},
): Run => {
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', RUNNER, pathToFileURL(bundlePath).href],
    {
      input: JSON.stringify(events),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'warn',
        PRODUCTS_TABLE_NAME: products.name,
        IDEMPOTENCY_TABLE_NAME: idempotency.name,
        DYNAMODB_ENDPOINT: products.endpoint,
        AWS_REGION: 'eu-west-1',
        CURSOR_SIGNING_KEY_PARAMETER: '/catalog/test/cursor-signing-key',
        AWS_ENDPOINT_URL_SSM: ssmEndpoint,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        ...extraEnv,
      },
      timeout: 30_000,
    },
  );
  const marker = child.stdout.lastIndexOf('@@results@@');
  const results = marker < 0 ? [] : (JSON.parse(child.stdout.slice(marker + 11)) as APIGatewayProxyResult[]);
  return { status: child.status, stderr: child.stderr, stdout: child.stdout, results };
};

const invoke = (name: string, ...events: APIGatewayProxyEvent[]): APIGatewayProxyResult[] => {
  const run = runBundle(bundles.get(name)!, events);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.results;
};

const bodyOf = (result: APIGatewayProxyResult | undefined): Record<string, unknown> =>
  JSON.parse(result?.body ?? 'null') as Record<string, unknown>;

describe('built function bundles', () => {
  it('serve the product lifecycle against DynamoDB Local', () => {
    const post = apiEvent('POST', COLLECTION, {
      body: cup,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const [created, replayed] = invoke('create-product', post, post);
    expect(created?.statusCode).toBe(201);
    expect(replayed?.statusCode).toBe(201);
    expect(replayed?.headers?.['Idempotent-Replayed']).toBe('true');
    const { id } = bodyOf(created) as { id: string };
    const item = (method: string, headers: Record<string, string> = {}, body?: object) =>
      apiEvent(method, ITEM, { pathParameters: { id }, headers, ...(body === undefined ? {} : { body }) });

    const [fetched] = invoke('get-product', item('GET'));
    expect(fetched?.statusCode).toBe(200);
    expect(bodyOf(fetched)).toEqual(bodyOf(created));
    expect(fetched?.headers?.ETag).toBe('"1"');

    const [replaced] = invoke('put-product', item('PUT', { 'If-Match': '"1"' }, { ...cup, name: 'Mug' }));
    expect(replaced?.statusCode).toBe(200);
    expect(bodyOf(replaced)).toMatchObject({ id, name: 'Mug', version: 2 });

    const [page] = invoke('list-products', apiEvent('GET', COLLECTION, { query: { limit: '100' } }));
    expect(page?.statusCode).toBe(200);
    expect((bodyOf(page).items as { id: string }[]).map((product) => product.id)).toContain(id);

    const [stale, deleted] = invoke(
      'delete-product',
      item('DELETE', { 'If-Match': '"1"' }),
      item('DELETE', { 'If-Match': '"2"' }),
    );
    expect(stale?.statusCode).toBe(412);
    expect(deleted?.statusCode).toBe(204);
    expect(invoke('get-product', item('GET'))[0]?.statusCode).toBe(404);
  });

  it('list-products signs cursors with the key it read from SSM: its own cursors page on, edited ones are 400', () => {
    for (let i = 0; i < 3; i++) invoke('create-product', apiEvent('POST', COLLECTION, { body: cup }));
    const list = (query: Record<string, string>) => apiEvent('GET', COLLECTION, { query });
    const [first] = invoke('list-products', list({ limit: '1' }));
    const cursor = String(bodyOf(first).nextCursor);
    const edited = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;
    const [next, refused] = invoke('list-products', list({ limit: '1', cursor }), list({ cursor: edited }));
    expect(next?.statusCode).toBe(200);
    expect(refused?.statusCode).toBe(400);
    expect(bodyOf(refused)).toMatchObject({ type: 'urn:catalog:problem:invalid-cursor' });
  });

  it('list-products traces its SSM read like its DynamoDB calls (here as log lines)', () => {
    const run = runBundle(bundles.get('list-products')!, [apiEvent('GET', COLLECTION)], {
      TRACING: 'log',
      LOG_LEVEL: 'info',
    });
    expect(run.status).toBe(0);
    const segments = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message?: string; segment?: { name: string; aws?: object } })
      .filter((line) => line.message === 'trace segment')
      .map(({ segment }) => segment);
    expect(segments).toContainEqual(
      expect.objectContaining({ name: 'SSM', aws: expect.objectContaining({ operation: 'GetParameter' }) }),
    );
  });

  it("list-products' SSM client takes credentials from the environment only, as Lambda gives them", () => {
    // The SDK's default chain (files, SSO, instance metadata) is not in the bundle (scripts/build).
    const run = runBundle(bundles.get('list-products')!, [], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'CURSOR_SIGNING_KEY_PARAMETER /catalog/test/cursor-signing-key could not be read',
    );
    expect(run.stderr).toContain('This bundle reads AWS credentials only from the environment');
  });

  it('list-products fails to load, naming the parameter, when SSM cannot be reached', () => {
    const run = runBundle(bundles.get('list-products')!, [], { AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'CURSOR_SIGNING_KEY_PARAMETER /catalog/test/cursor-signing-key could not be read',
    );
  });

  it('would catch a constructor parameter without @inject: such a bundle fails to load', async () => {
    const entryPoint = fileURLToPath(new URL('./missing-inject.test-support.ts', import.meta.url));
    const { path } = await build.bundleEntry({
      entryPoint,
      outfile: join(root, 'missing-inject', 'index.mjs'),
    });
    const run = runBundle(path, []);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/missing metadata.*constructor requires at least 1 arguments/);
  });

  it('would catch a missing reflect-metadata import: such a bundle fails to load', async () => {
    const withoutReflectMetadata = {
      name: 'without-reflect-metadata',
      setup(bundler: {
        onResolve: (options: object, resolve: () => object) => void;
        onLoad: (options: object, load: () => object) => void;
      }) {
        bundler.onResolve({ filter: /^reflect-metadata/ }, () => ({
          path: 'reflect-metadata',
          namespace: 'empty',
        }));
        bundler.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
      },
    };
    const entryPoint = fileURLToPath(new URL('./get-product.ts', import.meta.url));
    const outfile = join(root, 'no-reflect-metadata', 'index.mjs');
    const { path } = await build.bundleEntry({ entryPoint, outfile, plugins: [withoutReflectMetadata] });
    const run = runBundle(path, [apiEvent('GET', ITEM, { pathParameters: { id: crypto.randomUUID() } })]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Reflect\.getOwnMetadata is not a function/);
    expect(run.results).toEqual([]);
  });
});
