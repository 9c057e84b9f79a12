import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Target = { readonly socketPath: string } | { readonly host: string; readonly port: number };

// Where Docker Engine, Docker Desktop, rootless Docker and Podman listen by default; DOCKER_HOST wins.
const targetsOf = (env: NodeJS.ProcessEnv): Target[] => {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost !== undefined && dockerHost !== '') {
    if (dockerHost.startsWith('unix://')) return [{ socketPath: dockerHost.slice('unix://'.length) }];
    const url = URL.canParse(dockerHost) ? new URL(dockerHost) : undefined;
    return url === undefined ? [] : [{ host: url.hostname, port: Number(url.port || 2375) }];
  }
  const runtimeDir = env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`;
  return [
    '/var/run/docker.sock',
    join(homedir(), '.docker/run/docker.sock'),
    join(homedir(), '.docker/desktop/docker.sock'),
    join(runtimeDir, 'docker.sock'),
    join(runtimeDir, 'podman/podman.sock'),
  ]
    .filter((socketPath) => existsSync(socketPath))
    .map((socketPath) => ({ socketPath }));
};

// A bare HTTP/1.0 ping over a plain socket. Only Docker's (or Podman's) own answer counts: 200 with an
// Api-Version header. Anything else that speaks HTTP there (a proxy, another service) is not a runtime.
const isRuntimeAnswer = (head: string): boolean =>
  /^HTTP\/1\.[01] 200 /.test(head) && /\r\napi-version:/i.test(head);

const ping = (target: Target, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = 'socketPath' in target ? connect({ path: target.socketPath }) : connect(target);
    let answer = '';
    const finish = (answered: boolean): void => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => {
      finish(false);
    });
    socket.on('connect', () => {
      socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n');
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish(isRuntimeAnswer(answer));
    });
    socket.on('error', () => {
      finish(false);
    });
    socket.on('end', () => {
      finish(false);
    });
  });

/**
 * Whether a container runtime answers, decided within `timeoutMs`: without one, asking testcontainers
 * would take much longer to fail.
 */
export const containerRuntimeAnswers = async (
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 1_000,
): Promise<boolean> => {
  const targets = targetsOf(env);
  if (targets.length === 0) return false;
  const answers = await Promise.all(targets.map((target) => ping(target, timeoutMs)));
  return answers.includes(true);
};
