import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
// @ts-expect-error: a plain .mjs script without type declarations
import { check } from '../../scripts/check-layers.mjs';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway src/ tree: path → text. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wfw-layers-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the layer check', () => {
  test('the real tree follows every rule, with no circles', () => {
    expect(check()).toEqual([]);
  });

  test.each([
    [
      'node:fs from core',
      { 'core/a.ts': "import { readFileSync } from 'node:fs';" },
      'core layer may not import "node:fs"',
    ],
    [
      'a command from a renderer',
      { 'render/a.ts': "import type { X } from '../commands/team.js';", 'commands/team.ts': '' },
      'render layer may not import commands',
    ],
    ['chalk from core', { 'core/a.ts': "import chalk from 'chalk';" }, 'core layer may not import "chalk"'],
    [
      'process edge from a command',
      { 'commands/a.ts': "import { start } from '../node/start.js';", 'node/start.ts': '' },
      'commands layer may not import node',
    ],
    [
      'a lazy import upward',
      { 'core/a.ts': "const m = await import('../input/load.js');", 'input/load.ts': '' },
      'core layer may not import input',
    ],
    ['an unknown folder', { 'misc/a.ts': '' }, 'is not a layer'],
  ])('refuses %s', (_name, files, message) => {
    expect(check(tree(files)).join('\n')).toContain(message);
  });

  test('finds a circle, type-only imports included', () => {
    const problems = check(
      tree({
        'input/a.ts': "import type { B } from './b.js';",
        'input/b.ts': "import { a } from './a.js';",
      }),
    );
    expect(problems).toEqual(['import circle: input/a.ts → input/b.ts → input/a.ts']);
  });
});
