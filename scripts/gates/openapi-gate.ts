/**
 * `pnpm run gate:openapi -- --base <ref>`: the HTTP API description (docs/api/openapi.yaml) makes no
 * breaking change against the base ref. The rule set is api-smart-diff's OpenAPI classification: a change
 * is breaking when an existing client can fail with it — an operation, response, parameter or property
 * removed; a request narrowed (a new required parameter or property, a tighter limit, a removed enum value);
 * a response widened (a new type or enum value, a looser limit, a property no longer required). New
 * operations, new optional inputs and new response properties are not breaking.
 * A breaking change passes only with a new major `info.version` (the API announces it); it is still listed.
 * Changes the tool cannot classify are listed for review and do not fail the gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiCompare } from 'api-smart-diff';
import { parse } from 'yaml';
import { parseGateArgs, readAtRef } from './git-ref';

export const OPENAPI_PATH = 'docs/api/openapi.yaml';

export interface ApiChange {
  readonly type: string;
  readonly action: string;
  readonly path: string;
  readonly description: string;
}

export interface ApiGateResult {
  readonly breaking: readonly ApiChange[];
  readonly unclassified: readonly ApiChange[];
  readonly nonBreaking: number;
  readonly majorBump: boolean;
  readonly baseMissing: boolean;
}

type Document = Record<string, unknown> & { info?: { version?: unknown } };

const major = (document: Document): number => {
  const version = document.info?.version;
  const match = typeof version === 'string' ? /^(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : 0;
};

/** Compares two parsed OpenAPI documents; components are reported where operations use them. */
export const compareApis = (before: Document, after: Document): Omit<ApiGateResult, 'baseMissing'> => {
  const { diffs } = apiCompare(before, after);
  const changes = diffs
    .filter((diff) => diff.path[0] !== 'components')
    .map((diff) => ({
      type: diff.type,
      action: diff.action,
      path: diff.path.map(String).join(' > '),
      description: diff.description ?? '',
    }));
  return {
    breaking: changes.filter((change) => change.type === 'breaking'),
    unclassified: changes.filter((change) => change.type === 'unclassified'),
    nonBreaking: changes.filter((change) => change.type === 'non-breaking').length,
    majorBump: major(after) > major(before),
  };
};

export const checkOpenApi = (base: string, root: string): ApiGateResult => {
  const after = parse(readFileSync(join(root, OPENAPI_PATH), 'utf8')) as Document;
  const text = readAtRef(base, OPENAPI_PATH, root);
  if (text === undefined) {
    return { breaking: [], unclassified: [], nonBreaking: 0, majorBump: false, baseMissing: true };
  }
  return { ...compareApis(parse(text) as Document, after), baseMissing: false };
};

const main = () => {
  const { base, root } = parseGateArgs(process.argv.slice(2));
  const result = checkOpenApi(base, root);
  if (result.baseMissing) {
    console.log(`✔ gate:openapi: ${OPENAPI_PATH} does not exist at ${base}; nothing to be compatible with`);
    return;
  }
  console.log(
    `OpenAPI changes against ${base}: ${result.breaking.length} breaking, ` +
      `${result.nonBreaking} non-breaking, ${result.unclassified.length} unclassified`,
  );
  const show = (label: string, list: readonly ApiChange[]) => {
    for (const change of list)
      console.log(`  ${label} ${change.action} ${change.path}\n      ${change.description}`);
  };
  show('BREAKING', result.breaking);
  show('REVIEW  ', result.unclassified);
  if (result.breaking.length > 0 && !result.majorBump) {
    console.error(
      `\n✖ gate:openapi: ${result.breaking.length} breaking change(s) to the HTTP API. Make the change ` +
        'compatible, or raise the major info.version to announce a breaking release.',
    );
    process.exit(1);
  }
  console.log(
    result.breaking.length > 0
      ? '\n✔ gate:openapi: breaking changes accepted with a new major info.version'
      : '\n✔ gate:openapi: no breaking change',
  );
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (error) {
    console.error(`✖ gate:openapi: ${(error as Error).message}`);
    process.exit(2);
  }
}
