import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const ci = readFileSync(new URL('.ci/run', root), 'utf8');

/** The commands of the README's "The two commands" block, without their comments. */
const readmeCommands = (): string[] => {
  const section = /## The two commands\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return section
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
};

describe('the README and CI', () => {
  it('name two commands that need only npm', () => {
    expect(readmeCommands()).toEqual(['npm start', 'npm test']);
  });

  it('.ci/run runs each README command verbatim', () => {
    const commands = ci
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const command of readmeCommands()) {
      expect(commands.some((line) => line === command || line.startsWith(`${command} `))).toBe(true);
    }
  });
});
