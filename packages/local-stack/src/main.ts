// `pnpm start` (through scripts/start.mjs): the local stack on this machine. `--help` lists the options.
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { parseCliOptions, USAGE, UsageError } from './cli-options';
import { startLocalStack, type LocalStack } from './stack';

// A closed terminal (SIGHUP) must not turn the shutdown's own progress lines into a crash.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const say = (line: string) => console.log(line);
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

const banner = (stack: LocalStack): string => {
  const api = `${stack.apiUrl}/api/products`;
  return [
    '',
    'Catalog local stack is up',
    `  REST API        ${api}   (stage "${stack.stage}", Cognito-style bearer tokens required)`,
    `  API page        ${stack.origin}/_local/   (reference with "Try it out", live events)`,
    `  token           pnpm -s token   (npm run -s token, or curl -s -X POST ${stack.origin}/_local/token)`,
    `  events          ${stack.origin}/_local/events  (also ${stack.eventsUrl}/_local/events; ?productId=&detailType=)`,
    `  storage         ${stack.storage}`,
    `  stream          ${stack.stream}`,
    '',
    'Try:',
    `  TOKEN=$(pnpm -s token)      # or: TOKEN=$(npm run -s token)`,
    `  curl -s -X POST ${api} -H "authorization: Bearer $TOKEN" \\`,
    `       -H 'content-type: application/json' -d '{"name":"Cup","price":{"amount":450,"currency":"EUR"}}'`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
};

let options;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

let stack: LocalStack | undefined;
let stopping = false;
const shutdown = (reason: string) => {
  if (stopping) return;
  stopping = true;
  say(`\n${reason}: stopping the local stack...`);
  // Whatever hangs, the process ends: the JVM goes with it (its stdin closes).
  setTimeout(() => {
    console.error('the local stack did not stop within 10 s; exiting anyway');
    process.exit(1);
  }, 10_000).unref();
  (stack?.stop() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('failed to stop cleanly:', error);
      process.exit(1);
    },
  );
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
// Started by scripts/start.mjs with an IPC channel: when that parent dies (even by SIGKILL), so do we.
process.on('disconnect', () => shutdown('parent gone'));

try {
  stack = await startLocalStack({
    port: options.port,
    eventsPort: options.eventsPort,
    host: options.host,
    stage: options.stage,
    backend: options.backend,
    dataDir: options.dataDir,
    postgresDataDir: options.postgresDataDir,
    requiredScopes: options.requiredScopes,
    logLevel: options.logLevel,
    logStream: options.quiet ? quiet : process.stdout,
    say,
  });
  say(banner(stack));
} catch (error) {
  console.error(
    `\nThe local stack could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
