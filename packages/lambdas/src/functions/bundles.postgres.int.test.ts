import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrate } from '@catalog/adapter-postgres/migrations';
import { usePostgresDatabase } from '@catalog/testkit/postgres';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent, COLLECTION, cup, ITEM } from '../http/api-gateway.test-support';

// The PostgreSQL builds of the functions, each run in a fresh Node process as Lambda would load it, with
// only its environment, against a real PostgreSQL.

interface BuildScripts {
  buildFunction(
    name: string,
    options: { root: string; persistence: string },
  ): Promise<{ bundlePath: string; metafile: { inputs: Record<string, unknown> } }>;
}

const scripts = new URL('../../../../scripts/build/functions.mjs', import.meta.url);
const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];
const database = usePostgresDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client).finally(() => client.end());
}, 'bundles');

const root = mkdtempSync(join(tmpdir(), 'catalog-pg-bundles-'));
const bundles = new Map<string, { path: string; inputs: string[] }>();
let build: BuildScripts;
// list-products reads its cursor signing key from SSM at init, here from a local GetParameter stand-in.
let ssm: ChildProcess;
let ssmEndpoint = '';

beforeAll(async () => {
  ssm = spawn(
    process.execPath,
    [fileURLToPath(new URL('../../../../scripts/ssm-parameter-stub.mjs', import.meta.url))],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [port] = (await once(ssm.stdout!, 'data')) as [Buffer];
  ssmEndpoint = `http://127.0.0.1:${port.toString().trim()}`;
  build = (await import(scripts.href)) as BuildScripts;
  for (const name of [...API_FUNCTIONS, 'relay-product-outbox']) {
    const built = await build.buildFunction(name, { root, persistence: 'postgres' });
    bundles.set(name, { path: built.bundlePath, inputs: Object.keys(built.metafile.inputs) });
  }
  const dynamo = await build.buildFunction('get-product', { root, persistence: 'dynamodb' });
  bundles.set('get-product@dynamodb', {
    path: dynamo.bundlePath,
    inputs: Object.keys(dynamo.metafile.inputs),
  });
}, 120_000);

afterAll(() => {
  ssm.kill();
  rmSync(root, { recursive: true, force: true });
});

const RUNNER = `const input = []; for await (const chunk of process.stdin) input.push(chunk);
const { handler } = await import(process.argv[1]);
const results = [];
for (const event of JSON.parse(Buffer.concat(input).toString())) {
  results.push(await handler(event, { awsRequestId: 'bundle-test', functionName: 'bundle-test' }));
}
process.stdout.write('\\n@@results@@' + JSON.stringify(results));
process.exit(0);`;

const run = (name: string, events: APIGatewayProxyEvent[], env: Record<string, string> = {}) => {
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', RUNNER, pathToFileURL(bundles.get(name)!.path).href],
    {
      input: JSON.stringify(events),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'warn',
        PERSISTENCE: 'postgres',
        POSTGRES_URL: database.url,
        AWS_REGION: 'eu-west-1',
        CURSOR_SIGNING_KEY_PARAMETER: '/catalog/test/cursor-signing-key',
        AWS_ENDPOINT_URL_SSM: ssmEndpoint,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        ...env,
      },
      timeout: 30_000,
    },
  );
  const marker = child.stdout.lastIndexOf('@@results@@');
  const results = marker < 0 ? [] : (JSON.parse(child.stdout.slice(marker + 11)) as APIGatewayProxyResult[]);
  return { status: child.status, stderr: child.stderr, stdout: child.stdout, results };
};
const invoke = (name: string, ...events: APIGatewayProxyEvent[]) => {
  const result = run(name, events);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.results;
};
const bodyOf = (result: APIGatewayProxyResult | undefined) =>
  JSON.parse(result?.body ?? 'null') as Record<string, unknown>;

describe('built PostgreSQL function bundles', () => {
  it('serve the product lifecycle against PostgreSQL', () => {
    const post = apiEvent('POST', COLLECTION, {
      body: cup,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const [created, replayed] = invoke('create-product', post, post);
    expect(created?.statusCode).toBe(201);
    expect(replayed?.headers?.['Idempotent-Replayed']).toBe('true');
    const { id } = bodyOf(created) as { id: string };
    const item = (method: string, headers: Record<string, string> = {}, body?: object) =>
      apiEvent(method, ITEM, { pathParameters: { id }, headers, ...(body === undefined ? {} : { body }) });
    expect(bodyOf(invoke('get-product', item('GET'))[0])).toEqual(bodyOf(created));
    const [replaced] = invoke('put-product', item('PUT', { 'If-Match': '"1"' }, { ...cup, name: 'Mug' }));
    expect(bodyOf(replaced)).toMatchObject({ id, name: 'Mug', version: 2 });
    const [page] = invoke('list-products', apiEvent('GET', COLLECTION, { query: { limit: '100' } }));
    expect((bodyOf(page).items as { id: string }[]).map((product) => product.id)).toContain(id);
    const [stale, deleted] = invoke(
      'delete-product',
      item('DELETE', { 'If-Match': '"1"' }),
      item('DELETE', { 'If-Match': '"2"' }),
    );
    expect([stale?.statusCode, deleted?.statusCode]).toEqual([412, 204]);
    expect(invoke('get-product', item('GET'))[0]?.statusCode).toBe(404);
  });

  it('list-products signs cursors with the key it read from SSM, and traces that read and its SQL', () => {
    for (let i = 0; i < 3; i++) invoke('create-product', apiEvent('POST', COLLECTION, { body: cup }));
    const list = (query: Record<string, string>) => apiEvent('GET', COLLECTION, { query });
    const [first] = invoke('list-products', list({ limit: '1' }));
    const cursor = String(bodyOf(first).nextCursor);
    const edited = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;
    const [next, refused] = invoke('list-products', list({ limit: '1', cursor }), list({ cursor: edited }));
    expect(next?.statusCode).toBe(200);
    expect(refused?.statusCode).toBe(400);
    const traced = run('list-products', [list({ limit: '1' })], { TRACING: 'log', LOG_LEVEL: 'info' });
    expect(traced.status).toBe(0);
    const segments = traced.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message?: string; segment?: Record<string, unknown> })
      .filter((line) => line.message === 'trace segment')
      .map(({ segment }) => JSON.stringify(segment));
    expect(segments.some((segment) => segment.includes('"operation":"GetParameter"'))).toBe(true);
    expect(segments.some((segment) => segment.includes('"operation":"list products"'))).toBe(true);
  });

  it('answer 503 with Retry-After when PostgreSQL cannot be reached', () => {
    const result = run(
      'get-product',
      [apiEvent('GET', ITEM, { pathParameters: { id: crypto.randomUUID() } })],
      {
        // Port 1: nothing listens there (the database URL with its port swapped).
        POSTGRES_URL: Object.assign(new URL(database.url), { port: '1' }).toString(),
        LOG_LEVEL: 'error',
      },
    );
    expect(result.status).toBe(0);
    expect(result.results[0]).toMatchObject({
      statusCode: 503,
      headers: expect.objectContaining({ 'Retry-After': '1' }),
    });
  });

  it('carry no DynamoDB client, and the DynamoDB builds no PostgreSQL client', () => {
    for (const name of [...API_FUNCTIONS, 'relay-product-outbox']) {
      const { inputs } = bundles.get(name)!;
      expect(inputs.filter((input) => /@aws-sdk\/(client|lib)-dynamodb\//.test(input))).toEqual([]);
      expect(inputs.some((input) => /\/pg\/lib\//.test(input))).toBe(true);
    }
    const dynamo = bundles.get('get-product@dynamodb')!.inputs;
    expect(dynamo.filter((input) => /\/pg\/lib\/|rds-signer|adapter-postgres/.test(input))).toEqual([]);
    expect(readFileSync(bundles.get('get-product')!.path, 'utf8')).not.toContain('DynamoDBClient');
  });

  it('refuse at init to run on the other persistence, naming the package to deploy', () => {
    const result = run('get-product@dynamodb', [], { PERSISTENCE: 'postgres' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('PERSISTENCE is postgres, but this package was built for dynamodb only');
    const relay = run('relay-product-outbox', [], { PERSISTENCE: 'dynamodb' });
    expect(relay.stderr).toContain('PERSISTENCE must be postgres for relay-product-outbox');
  });
});
