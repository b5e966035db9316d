/**
 * Reading YAML and JSON with positions (src/input/source.ts): repeated keys found in one pass and located
 * exactly, and the library's wording replaced where it speaks of its own API.
 */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { InputError } from '../../src/errors.js';
import { parseSource } from '../../src/input/source.js';
import { memoryIo } from '../support/memory-io.js';
import { positionOf } from './helpers.js';

function linesOf(text: string, name = 'a.yaml'): string[] {
  try {
    parseSource(text, name);
  } catch (error) {
    if (error instanceof InputError) return error.lines;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('repeated keys', () => {
  test.each([
    [
      'after a comment that names the key',
      '# give-time: how much time you give\nanswers:\n  give-time: 3\n  give-time: 4 #2nd\n',
      'give-time: 4 #2nd',
      '"give-time" (first on line 3)',
    ],
    [
      'in a nested mapping, the same key in another mapping first',
      'a:\n  x: 1\nb:\n  x: 1\n  y: 2\n  x: 3 #2nd\n',
      'x: 3 #2nd',
      '"x" (first on line 4)',
    ],
    [
      'in a flow mapping',
      'answers: {give-time: 3, remove-obstacles: 2, give-time: 4}\n',
      'give-time: 4',
      '"give-time" (first on line 1)',
    ],
    [
      'quoted, in JSON',
      '{\n  "answers": {},\n  "answers": {}\n}\n',
      '"answers": {}\n}',
      '"answers" (first on line 2)',
    ],
    ['inside a list', 'l:\n  - k: 1\n    k: 2\n', 'k: 2', '"k" (first on line 2)'],
  ])('are reported at the repeat, with the line of the first: %s', (_what, text, repeat, named) => {
    expect(linesOf(text)).toEqual([
      `${positionOf(text, repeat, 'a.yaml')}: duplicate key ${named}; each key may appear once`,
    ]);
  });

  test('every repeat is reported, in the order of the file', () => {
    const text = 'a: 1\nb: 1\na: 2\nc:\n  d: 1\n  d: 2\nb: 3\n';
    expect(linesOf(text)).toEqual([
      'a.yaml:3:1: duplicate key "a" (first on line 1); each key may appear once',
      'a.yaml:6:3: duplicate key "d" (first on line 5); each key may appear once',
      'a.yaml:7:1: duplicate key "b" (first on line 2); each key may appear once',
    ]);
  });

  test('a mapping of 1 MB of keys is read in one pass', () => {
    const keys = [];
    for (let size = 0, i = 0; size < 1_000_000 - 20; i++) {
      keys.push(`  k${i.toString(36)}: 1\n`);
      size += (keys.at(-1) as string).length;
    }
    const text = `answers:\n${keys.join('')}  k0: 2\n`;
    const started = Date.now();
    expect(linesOf(text)).toEqual([
      `a.yaml:${keys.length + 2}:3: duplicate key "k0" (first on line 2); each key may appear once`,
    ]);
    // Comparing each key with every earlier one took minutes; the bound is loose for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('thousands of repeats are counted past the first fifty', () => {
    const text = `a: 0\n${Array.from({ length: 3000 }, (_, i) => `a: ${i + 1}\n`).join('')}`;
    const lines = linesOf(text);
    expect(lines).toHaveLength(51);
    expect(lines[49]).toBe('a.yaml:51:1: duplicate key "a" (first on line 1); each key may appear once');
    expect(lines[50]).toBe('a.yaml:52:1: … and 2,950 more problems');
  });
});

describe("the library's wording", () => {
  test('two documents in one file are said in our words, with what to do', async () => {
    const io = memoryIo({ files: { 'a.yaml': 'answers:\n  give-time: 3\n---\nanswers:\n  give-time: 4\n' } });
    expect(await main(['--answers', 'a.yaml'], io)).toBe(2);
    expect(io.stderrText).toBe(
      'a.yaml:3:1: holds more than one YAML document (a --- line starts another); a file holds one\n' +
        'Keep one document per file (remove the --- line and what follows it), or score many at once with: who-failed-whom team\n',
    );
  });
});
