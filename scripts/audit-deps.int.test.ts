// The dependency audit against a local stand-in of the registry's bulk advisory endpoint (the protocol npm
// uses), and against a closed port. The real registry is asked by `pnpm run audit:deps` itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOCKFILE = `lockfileVersion: '9.0'
packages:
  lodash@4.17.20:
    resolution: {integrity: sha512-a}
  '@scope/tool@2.0.0':
    resolution: {integrity: sha512-b}
  minimist@1.2.8:
    resolution: {integrity: sha512-c}
`;
const HIGH = {
  id: 1,
  url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
  title: 'Prototype pollution',
  severity: 'high',
  vulnerable_versions: '<4.17.21',
};

let answer: (body: unknown) => { status: number; body: string } = () => ({ status: 200, body: '{}' });
let received: unknown;
let server: Server;
let registry: string;
let dir: string | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const ok = request.method === 'POST' && request.url === '/-/npm/v1/security/advisories/bulk';
      received = ok ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      const { status, body } = ok ? answer(received) : { status: 404, body: '' };
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const audit = (allowlist: unknown[], env: Record<string, string> = {}, url = registry) => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-audit-'));
  writeFileSync(join(dir, 'pnpm-lock.yaml'), LOCKFILE);
  writeFileSync(join(dir, 'allowlist.json'), JSON.stringify({ advisories: allowlist }));
  const args = [
    'scripts/audit-deps.mjs',
    '--lockfile',
    join(dir, 'pnpm-lock.yaml'),
    '--allowlist',
    join(dir, 'allowlist.json'),
  ];
  const { CATALOG_AUDIT: _mode, ...inherited } = process.env;
  return new Promise<{ code: number; output: string }>((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...inherited, CATALOG_AUDIT_REGISTRY: url, ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? (error.code as number) : 0, output: `${stdout}${stderr}` }),
    );
  });
};
const respond = (advisories: unknown, status = 200) => {
  answer = () => ({ status, body: typeof advisories === 'string' ? advisories : JSON.stringify(advisories) });
};
const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

describe('pnpm run audit:deps', () => {
  it('asks for every locked version and fails on a high advisory that affects one', async () => {
    respond({ lodash: [HIGH] });
    const { code, output } = await audit([]);
    expect(received).toEqual({ lodash: ['4.17.20'], '@scope/tool': ['2.0.0'], minimist: ['1.2.8'] });
    expect(code).toBe(1);
    expect(output).toMatch(/FAIL +high +GHSA-aaaa-bbbb-cccc lodash@4\.17\.20: Prototype pollution/);
    expect(output).toMatch(/1 high\/critical advisory\(ies\) not in/);
  });

  it('passes an allowlisted advisory and reports it, and fails once the entry has expired', async () => {
    respond({ lodash: [HIGH] });
    const entry = {
      id: 'GHSA-aaaa-bbbb-cccc',
      package: 'lodash',
      reason: 'only in a dev tool',
      expires: nextYear,
    };
    const allowed = await audit([entry]);
    expect(allowed.output).toMatch(/ALLOWED high/);
    expect(allowed.code).toBe(0);
    const expired = await audit([{ ...entry, expires: '2020-01-01' }]);
    expect(expired.code).toBe(1);
    expect(expired.output).toMatch(/GHSA-aaaa-bbbb-cccc \(lodash\) expired on 2020-01-01/);
  });

  it('ignores advisories for other versions and lists moderate ones without failing', async () => {
    respond({
      lodash: [{ ...HIGH, vulnerable_versions: '<4.17.0' }],
      minimist: [
        {
          ...HIGH,
          id: 2,
          url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
          severity: 'moderate',
          vulnerable_versions: '<2',
        },
      ],
    });
    const { code, output } = await audit([]);
    expect(output).toMatch(/1 advisory match\(es\)/);
    expect(output).toMatch(/note +moderate +GHSA-dddd-eeee-ffff minimist@1\.2\.8/);
    expect(code).toBe(0);
  });

  it('never passes silently when the advisory service is unreachable: WARN (3), or 1 when required', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));

    const warned = await audit([], {}, `http://127.0.0.1:${port}/`);
    expect(warned.code).toBe(3);
    expect(warned.output).toMatch(/DEPENDENCY AUDIT DID NOT RUN: cannot reach .*ECONNREFUSED/);
    expect(warned.output).not.toMatch(/✔/);
    const required = await audit([], { CATALOG_AUDIT: 'required' }, `http://127.0.0.1:${port}/`);
    expect(required.code).toBe(1);
    expect(required.output).toMatch(/CATALOG_AUDIT=required: failing/);
  });

  it('treats a refusal or a malformed answer as not audited', async () => {
    respond('', 405);
    expect(await audit([])).toMatchObject({ code: 3, output: expect.stringMatching(/answered HTTP 405/) });
    respond('<html>maintenance</html>');
    expect(await audit([])).toMatchObject({
      code: 3,
      output: expect.stringMatching(/did not answer with an advisory list/),
    });
  });
});
