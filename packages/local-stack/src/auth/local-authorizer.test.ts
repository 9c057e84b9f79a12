import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { javaDateString } from './claims';
import { LocalAuthorizer } from './local-authorizer';

const folder = mkdtempSync(join(tmpdir(), 'local-authorizer-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
const options = {
  issuer: () => 'http://127.0.0.1:3000/_local/auth',
  clientIds: ['catalog-local'],
  requiredScopes: ['catalog/products'],
};

describe(LocalAuthorizer, () => {
  it('lets a token of its issuer, client and scope through with the claims as API Gateway passes them', async () => {
    const authorizer = await LocalAuthorizer.create(options);
    const { accessToken } = await authorizer.issue({ subject: 'alice' });
    const decision = await authorizer.authorize(`Bearer ${accessToken}`);
    expect(decision).toMatchObject({
      allowed: true,
      claims: {
        sub: 'alice',
        client_id: 'catalog-local',
        scope: 'catalog/products',
        token_use: 'access',
        iss: 'http://127.0.0.1:3000/_local/auth',
        exp: expect.stringMatching(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/),
      },
    });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a token that is no JWT', 'Bearer abc'],
  ])('refuses %s with 401 Unauthorized', async (_what, header) => {
    const authorizer = await LocalAuthorizer.create(options);
    expect(await authorizer.authorize(header)).toEqual({
      allowed: false,
      response: 'UNAUTHORIZED',
      message: 'Unauthorized',
    });
  });

  it('refuses another issuer, another app client and another key with 401', async () => {
    const authorizer = await LocalAuthorizer.create(options);
    const elsewhere = await LocalAuthorizer.create({ ...options, issuer: () => 'http://elsewhere' });
    const otherKey = await LocalAuthorizer.create(options);
    const tokens = [
      (await elsewhere.issue()).accessToken,
      (await authorizer.issue({ clientId: 'someone-else' })).accessToken,
      (await otherKey.issue()).accessToken,
    ];
    for (const token of tokens) expect((await authorizer.authorize(token)).allowed).toBe(false);
  });

  it('says so when the token has expired', async () => {
    const authorizer = await LocalAuthorizer.create(options);
    const { accessToken } = await authorizer.issue({ expiresInSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    expect(await authorizer.authorize(accessToken)).toMatchObject({
      message: 'The incoming token has expired',
    });
  });

  it('refuses a valid token without a required scope with 403', async () => {
    const authorizer = await LocalAuthorizer.create(options);
    const { accessToken } = await authorizer.issue({ scope: 'openid' });
    expect(await authorizer.authorize(accessToken)).toMatchObject({
      allowed: false,
      response: 'ACCESS_DENIED',
    });
  });

  it('keeps its signing key in a file only its owner reads, so tokens survive a restart', async () => {
    const keyFile = join(folder, 'auth', 'key.json');
    const first = await LocalAuthorizer.create({ ...options, keyFile });
    const { accessToken } = await first.issue();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toHaveProperty('d');
    const second = await LocalAuthorizer.create({ ...options, keyFile });
    expect((await second.authorize(accessToken)).allowed).toBe(true);
    expect(second.jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe(javaDateString, () => {
  it('renders a time as Java Date#toString in UTC', () => {
    expect(javaDateString(new Date('2025-12-01T10:05:09Z'))).toBe('Mon Dec 01 10:05:09 UTC 2025');
  });
});
