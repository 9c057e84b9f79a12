import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_DIR } from './events-gate';
import { tempRepo } from './temp-repo.test-support';

const UPDATED = `${EVENTS_DIR}/product-updated.schema.json`;
let repo: ReturnType<typeof tempRepo> | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** The parts of product-updated.schema.json the planted changes touch. */
interface UpdatedSchema {
  properties: {
    data: { properties: Record<string, unknown> & { changedFields: { items: { enum: string[] } } } };
  };
  $defs: {
    product: {
      properties: { name: { maxLength: number }; price: { properties: { amount: { maximum: number } } } };
    };
  };
}

/** The repository's event schemas committed as the base; `change` edits the working tree's copy. */
const withChange = (change: (schema: UpdatedSchema) => void) => {
  repo = tempRepo([EVENTS_DIR]);
  const schema = JSON.parse(repo.read(UPDATED)) as UpdatedSchema;
  change(schema);
  repo.write(UPDATED, JSON.stringify(schema, null, 2));
  return repo.gate('events-gate.ts');
};

// Each case spawns tsx and git (a second or two on a busy machine).
describe('pnpm run gate:events', { timeout: 30_000 }, () => {
  it('passes the schemas as they are', () => {
    const { code, output } = withChange(() => undefined);
    expect(output).toMatch(/COMPATIBLE +docs\/events\/product-updated\.schema\.json/);
    expect(code).toBe(0);
  });

  it('passes a narrowing change (a shorter name)', () => {
    const { code } = withChange((schema) => {
      schema.$defs.product.properties.name.maxLength = 80;
    });
    expect(code).toBe(0);
  });

  it('fails on a new property a v1 consumer refuses, with a counterexample', () => {
    const { code, output } = withChange((schema) => {
      schema.properties.data.properties.colour = { type: 'string' };
    });
    expect(code).toBe(1);
    expect(output).toMatch(/BREAKING +docs\/events\/product-updated\.schema\.json/);
    expect(output).toMatch(/\$\.data\.colour \(new property\): accepted now, refused by the reference/);
    expect(output).toMatch(
      /sample \(seed \d+\) refused by the base schema: \/data must NOT have additional properties/,
    );
  });

  it('fails on a new changedFields value and on a looser price limit', () => {
    const { code, output } = withChange((schema) => {
      schema.properties.data.properties.changedFields.items.enum.push('colour');
      schema.$defs.product.properties.price.properties.amount.maximum = 2_000_000_000;
    });
    expect(code).toBe(1);
    expect(output).toMatch(/changedFields\[\]: the value "colour" is not accepted/);
    expect(output).toMatch(/amount: maximum 2000000000 is above the reference's 1000000000/);
  });

  it('fails when a schema is removed, and accepts a new schema file', () => {
    repo = tempRepo([EVENTS_DIR]);
    repo.remove(`${EVENTS_DIR}/product-deleted.schema.json`);
    repo.write(`${EVENTS_DIR}/product-archived.schema.json`, repo.read(UPDATED));
    const { code, output } = repo.gate('events-gate.ts');
    expect(code).toBe(1);
    expect(output).toMatch(/BREAKING +docs\/events\/product-deleted\.schema\.json\n +- removed/);
    expect(output).toMatch(/NEW +docs\/events\/product-archived\.schema\.json/);
  });

  it('refuses a base ref that does not exist', () => {
    repo = tempRepo([EVENTS_DIR]);
    const { code, output } = repo.gate('events-gate.ts', 'no-such-branch');
    expect(code).toBe(2);
    expect(output).toMatch(/base ref "no-such-branch" is not a commit/);
  });
});
