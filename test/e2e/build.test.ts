import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { COMPILED_BANK_FORMAT } from '../../src/core/bank.js';
import { builtinBank } from '../support/helpers.js';
import { assertBuilt, ROOT, runCli } from '../support/spawn-cli.js';

beforeAll(assertBuilt);

// A run trusts dist/bank.json without checking it again, so the build must have written exactly what
// checkBank makes of the YAML.
test('dist/bank.json is the built-in bank as checkBank reads it', () => {
  const compiled = JSON.parse(readFileSync(join(ROOT, 'dist', 'bank.json'), 'utf8'));
  expect(compiled).toEqual({ format: COMPILED_BANK_FORMAT, bank: builtinBank() });
});

describe('the build puts in the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  test.each(['--version', '-v'])('%s prints the package.json version', async (flag) => {
    const result = await runCli([flag], { stdin: 'ignore' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${pkg.version}\n`);
    expect(result.code).toBe(0);
  });

  test('template and init point editors at the schemas of this version', async () => {
    const template = await runCli(['template'], { stdin: 'ignore' });
    expect(template.stdout.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${pkg.version}/schema/answers.schema.json`,
    );
    const init = await runCli(['init', '-'], { stdin: 'ignore' });
    expect(init.stdout.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${pkg.version}/schema/bank.schema.json`,
    );
  });
});
