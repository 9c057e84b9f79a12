/**
 * `pnpm run gate:events -- --base <ref>`: the product event schemas stay compatible with their consumers.
 * Rule: every event the new schema (working tree) accepts must still be valid under the base ref's schema,
 * so a consumer validating with v1 never rejects what is published. Two checks, both must pass:
 * 1. structural: the new schema's accepted set is proved a subset of the old one's (schema-subset.ts);
 *    whatever cannot be proved (a changed pattern, an unsupported keyword) fails;
 * 2. samples: events generated from the new schema (json-schema-faker, fixed seeds) validate against the
 *    old one with ajv; a failure prints the counterexample.
 * A schema removed from the base is breaking too; a new schema file (a new detail type or a new major
 * version published beside v1) has nothing to be compatible with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { generateSync } from 'json-schema-faker';
import { listAtRef, parseGateArgs, readAtRef } from './git-ref';
import { type Schema, subsetViolations } from './schema-subset';

export const EVENTS_DIR = 'docs/events';
const SAMPLES = 200;

const newAjv = () => {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv;
};

/** The schema without its `$id`/`$schema`: base and new versions share an id, and each gets its own ajv. */
const anonymous = (schema: Record<string, unknown>, defs?: unknown): SchemaObject => {
  const { $id: _id, $schema: _dialect, ...rest } = schema;
  return defs === undefined ? rest : { ...rest, $defs: defs };
};

const validatorFor = (schema: Schema) =>
  newAjv().compile(typeof schema === 'boolean' ? schema : anonymous(schema));

/**
 * Validates a value against a sub-schema of `root`: the sub-schema is compiled with the root's `$defs`, so
 * its `#/$defs/...` references resolve as they do in the whole schema.
 */
const validates = (sub: Schema, root: Schema, value: unknown): boolean => {
  if (typeof sub === 'boolean') return sub;
  const defs = typeof root === 'boolean' ? undefined : root.$defs;
  return newAjv().validate(anonymous(sub, defs), value);
};

const sampleViolations = (candidate: Schema, reference: Schema): string[] => {
  const check = validatorFor(reference);
  const found: string[] = [];
  for (let seed = 1; seed <= SAMPLES && found.length < 3; seed++) {
    const sample = generateSync(candidate, { seed, alwaysFakeOptionals: seed % 2 === 0 });
    if (!check(sample)) {
      const error = check.errors?.[0];
      found.push(
        `sample (seed ${seed}) refused by the base schema: ${error?.instancePath ?? ''} ${error?.message ?? ''}` +
          `${error?.params ? ` ${JSON.stringify(error.params)}` : ''}\n      ${JSON.stringify(sample)}`,
      );
    }
  }
  return found;
};

export interface SchemaResult {
  readonly file: string;
  readonly status: 'compatible' | 'breaking' | 'new';
  readonly reasons: readonly string[];
}

export const checkEventSchemas = (base: string, root: string): SchemaResult[] => {
  const current = readdirSync(join(root, EVENTS_DIR)).filter((name) => name.endsWith('.schema.json'));
  const previous = listAtRef(base, EVENTS_DIR, root)
    .map((path) => path.slice(EVENTS_DIR.length + 1))
    .filter((name) => name.endsWith('.schema.json'));
  const results: SchemaResult[] = previous
    .filter((name) => !current.includes(name))
    .map((file) => ({
      file,
      status: 'breaking',
      reasons: ['removed: consumers of this detail type lose its schema'],
    }));
  for (const file of current) {
    const before = readAtRef(base, `${EVENTS_DIR}/${file}`, root);
    if (before === undefined) {
      results.push({ file, status: 'new', reasons: [] });
      continue;
    }
    const candidate = JSON.parse(readFileSync(join(root, EVENTS_DIR, file), 'utf8')) as Schema;
    const reference = JSON.parse(before) as Schema;
    validatorFor(candidate); // a schema that does not compile is refused before anything is compared
    const reasons = [
      ...subsetViolations(candidate, reference, validates),
      ...sampleViolations(candidate, reference),
    ];
    results.push({ file, status: reasons.length > 0 ? 'breaking' : 'compatible', reasons });
  }
  return results;
};

const main = () => {
  const { base, root } = parseGateArgs(process.argv.slice(2));
  const results = checkEventSchemas(base, root);
  console.log(`Event schema compatibility against ${base} (${SAMPLES} samples per schema):`);
  for (const result of results) {
    console.log(`  ${result.status.toUpperCase().padEnd(10)} ${EVENTS_DIR}/${result.file}`);
    for (const reason of result.reasons) console.log(`      - ${reason}`);
  }
  const breaking = results.filter((result) => result.status === 'breaking');
  if (breaking.length > 0) {
    console.error(
      `\n✖ gate:events: ${breaking.length} schema(s) would make a consumer of the base version reject events.` +
        '\n  Keep changes narrowing (or publish a new major version as a new schema file beside the old one).',
    );
    process.exit(1);
  }
  console.log('\n✔ gate:events: every event valid under the new schemas is valid under the base schemas');
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (error) {
    console.error(`✖ gate:events: ${(error as Error).message}`);
    process.exit(2);
  }
}
