/** A mistake in the command line: reported with the usage, before anything is read or changed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: pnpm ops <command> --env <dev|staging|prod> [options]

Commands:
  redrive   Republish the stream batches the publisher gave up on (the on-failure queue's messages):
            re-reads each batch's records from the table's stream (kept 24 hours), publishes them through
            the stream function's use case and publisher with their original event ids, and deletes a
            message only once all of its records were published.
            --apply            publish and delete (default: dry run, which changes nothing)
            --max-messages N   handle at most N messages (default 100)
  replay    Replay the event archive into the bus for a time window (EventBridge StartReplay).
            --from <ISO time>  start of the window (required)
            --to <ISO time>    end of the window (required, not in the future)
            --apply            start the replay (default: dry run, which prints the request)

Reads the environment's Terraform outputs (terraform -chdir=terraform/environments/<env> output -json).`;

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export type Command =
  | {
      readonly name: 'redrive';
      readonly env: Environment;
      readonly apply: boolean;
      readonly maxMessages: number;
    }
  | {
      readonly name: 'replay';
      readonly env: Environment;
      readonly apply: boolean;
      readonly from: Date;
      readonly to: Date;
    };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const timeOf = (flag: string, value: string | undefined): Date => {
  if (value === undefined)
    throw new UsageError(`${flag} is required (an ISO 8601 time such as 2026-05-01T12:00:00Z)`);
  if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time with a zone, such as 2026-05-01T12:00:00Z (got "${value}")`,
    );
  }
  return new Date(value);
};

const ALLOWED_FLAGS = {
  redrive: ['--env', '--apply', '--max-messages'],
  replay: ['--env', '--apply', '--from', '--to'],
} as const;

/** The command's flags: `--apply` alone, every other flag with its value; each flag at most once. */
const flagsOf = (name: 'redrive' | 'replay', rest: readonly string[]): Map<string, string | true> => {
  const flags = new Map<string, string | true>();
  const allowed: readonly string[] = ALLOWED_FLAGS[name];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (!flag.startsWith('--')) throw new UsageError(`Unexpected argument "${flag}"`);
    if (!allowed.includes(flag)) throw new UsageError(`Unknown option ${flag} for ${name}`);
    if (flags.has(flag)) throw new UsageError(`${flag} is given twice`);
    if (flag === '--apply') {
      flags.set(flag, true);
      continue;
    }
    const value = rest[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return flags;
};

const environmentOf = (env: string | true | undefined): Environment => {
  if (typeof env !== 'string') throw new UsageError('--env is required (dev, staging or prod)');
  if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new UsageError(`--env must be one of ${ENVIRONMENTS.join(', ')} (got "${env}")`);
  }
  return env as Environment;
};

const maxMessagesOf = (raw: string | true | undefined): number => {
  const maxMessages = raw === undefined ? 100 : Number(raw);
  if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10_000) {
    throw new UsageError(`--max-messages must be an integer from 1 to 10000 (got "${String(raw)}")`);
  }
  return maxMessages;
};

/** Parses `argv` (after the script name); every mistake is a UsageError naming the argument. */
export const parseCommand = (argv: readonly string[], now: Date = new Date()): Command => {
  const [name, ...rest] = argv;
  if (name !== 'redrive' && name !== 'replay') {
    throw new UsageError(name === undefined ? 'No command given' : `Unknown command "${name}"`);
  }
  const flags = flagsOf(name, rest);
  const env = environmentOf(flags.get('--env'));
  const apply = flags.get('--apply') === true;
  if (name === 'redrive')
    return { name, env, apply, maxMessages: maxMessagesOf(flags.get('--max-messages')) };
  const from = timeOf('--from', flags.get('--from') as string | undefined);
  const to = timeOf('--to', flags.get('--to') as string | undefined);
  if (from >= to) throw new UsageError('--from must be before --to');
  if (to > now) throw new UsageError('--to must not be in the future');
  return { name, env, apply, from, to };
};
