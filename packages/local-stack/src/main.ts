// `pnpm start`: the local stack on this machine. Options:
//   --port <n>         REST API port (default 3000)      --events-port <n>  local PutEvents endpoint (4010)
//   --in-memory        DynamoDB Local keeps no data       --memory           in-memory adapters, no DynamoDB Local
//   --data-dir <dir>   DynamoDB Local data (default .local/dynamodb)
//   --log-level <l>    debug | info | warn | error        --quiet            no function logs on stdout
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { startLocalStack } from './stack';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'events-port': { type: 'string', default: '4010' },
    'in-memory': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '.local/dynamodb' },
    'log-level': { type: 'string', default: 'info' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = (name: string, raw: string): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`--${name} must be a port number (got "${raw}")`);
    process.exit(2);
  }
  return value;
};

const logLevel = values['log-level'];
if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
  console.error(`--log-level must be debug, info, warn or error (got "${logLevel}")`);
  process.exit(2);
}

const say = (line: string) => console.log(line);
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

try {
  const stack = await startLocalStack({
    port: port('port', values.port),
    eventsPort: port('events-port', values['events-port']),
    backend: values.memory ? 'memory' : 'auto',
    inMemory: values['in-memory'],
    dataDir: values['data-dir'],
    logLevel: logLevel as 'info',
    logStream: values.quiet ? quiet : process.stdout,
    say,
  });
  const storage =
    stack.dynamoDb === undefined
      ? 'in-memory adapters (data is lost on exit)'
      : `DynamoDB Local via ${stack.dynamoDb.via} at ${stack.dynamoDb.endpoint} (${values['in-memory'] ? 'in memory' : `data in ${values['data-dir']}`}, up in ${stack.dynamoDb.startupMs} ms)`;
  say(
    [
      '',
      'Catalog local stack is up',
      `  REST API        ${stack.apiUrl}/api/products`,
      `  events          ${stack.eventsUrl}/_local/events   (DELETE to clear; ?productId=&detailType= filter)`,
      `  storage         ${storage}`,
      `  stream          ${stack.backend === 'dynamodb' ? 'table stream polled into the real stream handler' : 'in-memory change feed into the real stream handler'}`,
      '',
      `Try: curl -s -X POST ${stack.apiUrl}/api/products -H 'content-type: application/json' \\`,
      `       -d '{"name":"Cup","price":{"amount":450,"currency":"EUR"}}'`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the local stack...`);
    stack.stop().then(
      () => {
        say('stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('failed to stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(
    `\nThe local stack could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
