import { Writable } from 'node:stream';
import { migrate } from '@catalog/adapter-postgres/migrations';
import { usePostgresDatabase } from '@catalog/testkit/postgres';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildCreateProductHandler, buildGetProductHandler } from '../bindings/api-routes';
import { createProductPorts, getProductPorts } from '../bindings/roots';
import { apiEvent, COLLECTION, cup, ITEM } from '../http/api-gateway.test-support';
import { XRayTracer } from './xray-tracer';
import type { XRaySubsegment } from './xray-segments';

// The PostgreSQL roots, traced: every statement a subsegment of the request's trace, against a real server.

const database = usePostgresDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client).finally(() => client.end());
}, 'traced');

const TRACE = '1-6751f0a2-3b2c1d4e5f60718293a4b5c6';
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

const traced = () => {
  const sent: XRaySubsegment[] = [];
  const tracer = new XRayTracer({
    sink: (document) => sent.push(document),
    invocationHeader: () => `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=1`,
  });
  return { sent, tracer };
};

const everyOf = (documents: readonly XRaySubsegment[]): XRaySubsegment[] =>
  documents.flatMap((document) => [document, ...everyOf(document.subsegments ?? [])]);
const sqlOf = (documents: readonly XRaySubsegment[]) =>
  everyOf(documents).filter((document) => document.namespace === 'remote');

const env = (url: string) => ({
  PERSISTENCE: 'postgres',
  POSTGRES_URL: url,
  CURSOR_SIGNING_KEY: 'sql-tracing-cursor-signing-key',
  AWS_REGION: 'eu-west-1',
});
const context = { awsRequestId: 'traced', functionName: 'traced' };

describe('SQL statements traced through the Tracer port', () => {
  it('makes each statement a remote subsegment of the route, with its SQL and operation, never the values', async () => {
    const { sent, tracer } = traced();
    const options = { logStream: quiet, writeMetrics: () => undefined, tracer };
    const create = buildCreateProductHandler(createProductPorts(env(database.url), options));
    const get = buildGetProductHandler(getProductPorts(env(database.url), options));
    const created = await create(
      apiEvent('POST', COLLECTION, { body: cup, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
      context,
    );
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };
    const createSql = sqlOf(sent);
    expect(createSql.map((document) => document.metadata?.default.sql)).toEqual([
      expect.objectContaining({ operation: 'claim idempotency key', database_type: 'PostgreSQL' }),
      expect.objectContaining({
        operation: 'create product completing claim',
        sanitized_query: expect.stringContaining('catalog_create_product($1'),
      }),
    ]);
    const name = `${new URL(database.url).pathname.slice(1)}@127.0.0.1`;
    expect(createSql.every((document) => document.name === name && document.fault === undefined)).toBe(true);
    expect(JSON.stringify(createSql)).not.toContain(cup.name);

    sent.length = 0;
    expect((await get(apiEvent('GET', ITEM, { pathParameters: { id } }), context)).statusCode).toBe(200);
    expect(sent).toHaveLength(1);
    const [root] = sent;
    expect(root?.annotations).toMatchObject({ productId: id });
    expect(sqlOf(sent).map((document) => document.metadata?.default.sql)).toEqual([
      expect.objectContaining({ operation: 'get product', sanitized_query: expect.stringContaining('$1') }),
    ]);
    expect(JSON.stringify(sqlOf(sent))).not.toContain(id);
  });

  it('marks a statement that fails as a fault', async () => {
    const { sent, tracer } = traced();
    const unreachable = Object.assign(new URL(database.url), { port: '1' }).toString();
    const get = buildGetProductHandler(
      getProductPorts(env(unreachable), { logStream: quiet, writeMetrics: () => undefined, tracer }),
    );
    const answer = await get(apiEvent('GET', ITEM, { pathParameters: { id: crypto.randomUUID() } }), context);
    expect(answer.statusCode).toBe(503);
    const statements = sqlOf(sent);
    // A read is tried twice after a lost connection: one subsegment per attempt.
    expect(statements.length).toBeGreaterThanOrEqual(1);
    expect(statements.every((document) => document.fault === true)).toBe(true);
    expect(statements[0]?.cause?.exceptions[0]?.message).toMatch(/ECONNREFUSED|connect/);
  });
});
