import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { containerRuntimeAnswers } from './container-runtime';
import { startDynamoDbLocal } from './dynamodb-local';

const folder = mkdtempSync(join(tmpdir(), 'dynamodb-local-test-'));
const missingSocket = { DOCKER_HOST: `unix://${join(folder, 'missing.sock')}` };

describe(containerRuntimeAnswers, () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it('says no at once when nothing listens where the runtime should', async () => {
    const started = Date.now();
    expect(await containerRuntimeAnswers(missingSocket)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('says yes when the socket answers a ping', async () => {
    const socketPath = join(folder, 'docker.sock');
    server = createServer((_, response) => response.setHeader('Api-Version', '1.47').end('OK'));
    await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
    expect(await containerRuntimeAnswers({ DOCKER_HOST: `unix://${socketPath}` })).toBe(true);
  });

  it('says no when something else answers there', async () => {
    const socketPath = join(folder, 'other.sock');
    server = createServer((_, response) => response.writeHead(426).end());
    await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
    expect(await containerRuntimeAnswers({ DOCKER_HOST: `unix://${socketPath}` })).toBe(false);
  });

  it('gives up on a socket that never answers within the timeout', async () => {
    const socketPath = join(folder, 'silent.sock');
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
    const started = Date.now();
    expect(await containerRuntimeAnswers({ DOCKER_HOST: `unix://${socketPath}` }, 200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe(startDynamoDbLocal, () => {
  describe('when there is no endpoint, no container runtime and no Java', () => {
    it('fails with a message that says what to install', async () => {
      const path = process.env.PATH;
      process.env.PATH = folder;
      try {
        const error = await startDynamoDbLocal({
          inMemory: true,
          env: missingSocket,
          log: () => undefined,
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        const message = (error as Error).message;
        expect(message).toContain('DYNAMODB_ENDPOINT');
        expect(message).toContain('Docker');
        expect(message).toContain('Java 17');
      } finally {
        process.env.PATH = path;
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  it('needs a dbPath unless in memory', async () => {
    await expect(startDynamoDbLocal({ inMemory: false, env: missingSocket })).rejects.toThrow(/dbPath/);
  });
});
