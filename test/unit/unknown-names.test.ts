/**
 * Unknown names in a file (answer ids, keys, CSV columns): each is shown so that it cannot look like the name
 * it is not, a suggestion is offered for the first few, and a file with thousands costs a bounded amount of
 * work and prints a bounded number of lines.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { checkAnswers } from '../../src/core/answers.js';
import { quote } from '../../src/core/quote.js';
import { MAX_UNKNOWN_LISTED, nearest } from '../../src/core/suggest.js';
import type { Bank, Question } from '../../src/core/types.js';
import { builtinBank } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';

const bank = builtinBank();

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo({ files });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

/**
 * Edit distance with a swap of neighbours as one edit (optimal string alignment), the textbook way: the reference
 * the bounded one must agree with.
 */
function distance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      const above = table[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((table[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}

/**
 * The first candidate at the smallest distance among those close enough to be a typo: within a third of the
 * input's length (two at least), and past one edit only with the same first letter.
 */
function referenceNearest(input: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lowered = input.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const other = candidate.toLowerCase();
    const d = distance(lowered, other);
    const typo =
      d <= Math.max(2, Math.floor(input.length / 3)) &&
      (d <= 1 || (lowered !== '' && lowered[0] === other[0]));
    if (typo && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

describe('nearest', () => {
  test('finds what the textbook distance finds, stopping early or not', () => {
    // A small alphabet, so that near and far candidates both come up often.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-'), maxLength: 14 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (input, candidates) => {
        expect(nearest(input, candidates)).toBe(referenceNearest(input, candidates));
      }),
      { numRuns: 3000 },
    );
  });

  test('never suggests the name itself', () => {
    expect(nearest('give-time', ['give-time'])).toBeUndefined();
    expect(nearest('Give-Time', ['give-time'])).toBe('give-time');
  });
});

describe('quote', () => {
  test.each([
    ['plain text as it is', 'give-time', {}, '"give-time"'],
    ['a NUL', 'give\0time', {}, '"give\\0time"'],
    ['tab, line feed and carriage return', 'a\tb\nc\rd', {}, '"a\\tb\\nc\\rd"'],
    ['other controls, C0 and C1', 'a\x1b[2Jb\x9bc\x7f', {}, '"a\\x1b[2Jb\\x9bc\\x7f"'],
    ['a zero-width space', 'give\u200b-time', {}, '"give\\u200b-time"'],
    ['a right-to-left override', 'a\u202eb', {}, '"a\\u202eb"'],
    ['a byte-order mark', '\ufeffid', {}, '"\\ufeffid"'],
    ['a lone surrogate', 'a\ud800b', {}, '"a\\ud800b"'],
    ['quotes and backslashes', 'a"b\\c', {}, '"a\\"b\\\\c"'],
    ['letters beyond ASCII, as they are', 'Café', {}, '"Café"'],
    ['a look-alike letter, escaped for an id', 'give-tim\u0435', { ascii: true }, '"give-tim\\u0435"'],
    ['an emoji, escaped for an id', 'a😀', { ascii: true }, '"a\\u{1f600}"'],
    ['long text, cut', 'x'.repeat(500), {}, `"${'x'.repeat(197)}..."`],
    ['long text, cut at a chosen length', 'x'.repeat(61), { max: 60 }, `"${'x'.repeat(57)}..."`],
    ['long emoji text, never cut inside a character', '😀'.repeat(300), {}, `"${'😀'.repeat(197)}..."`],
  ])('shows %s', (_what, text, options, expected) => {
    expect(quote(text, options)).toBe(expected);
  });
});

describe('an unknown key that looks like a known one', () => {
  test.each([
    ['a NUL inside', '"give-time\\0"', '"give-time\\0"'],
    ['a zero-width space inside', '"give\\u200B-time"', '"give\\u200b-time"'],
    ['a Cyrillic letter', 'give-tim\u0435', '"give-tim\\u0435"'],
    ['a trailing right-to-left mark', '"give-time\\u200F"', '"give-time\\u200f"'],
  ])('is shown escaped beside its suggestion: %s', async (_what, key, shown) => {
    const result = await run(['--answers', 'a.yaml'], { 'a.yaml': `answers:\n  ${key}: 3\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`a.yaml:2:3: unknown question id ${shown}. Did you mean "give-time"?`);
  });

  test('at the top of the file too', async () => {
    const result = await run(['--answers', 'a.yaml'], { 'a.yaml': '"bank\\0": x\nanswers: {}\n' });
    expect(result.stderr).toContain('a.yaml:1:1: unknown key "bank\\0". Did you mean "bank"?');
  });
});

describe('thousands of unknown names', () => {
  const COUNT = 5100;
  const unlisted = COUNT - MAX_UNKNOWN_LISTED;
  const keys = Array.from({ length: COUNT }, (_, i) => `no-such-question-${i}`);

  test('answers: the first few are listed, the rest counted', async () => {
    const text = `answers:\n${keys.map((key) => `  ${key}: 3\n`).join('')}`;
    const result = await run(['--answers', 'a.yaml'], { 'a.yaml': text });
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.slice(0, MAX_UNKNOWN_LISTED)).toEqual(
      keys
        .slice(0, MAX_UNKNOWN_LISTED)
        .map((key, i) =>
          expect.stringMatching(new RegExp(`^a\\.yaml:${i + 2}:3: unknown question id "${key}"\\.`)),
        ),
    );
    expect(lines[MAX_UNKNOWN_LISTED]).toBe(
      `a.yaml:${MAX_UNKNOWN_LISTED + 2}:3: … and ${unlisted.toLocaleString('en-US')} more unknown question ids`,
    );
    expect(lines).toHaveLength(MAX_UNKNOWN_LISTED + 2);
  });

  test('answers against a bank of 10,000 questions: quickly', () => {
    const template = bank.questions.find((q) => q.type === 'scale') as Question;
    const big: Bank = {
      ...bank,
      questions: Array.from({ length: 10_000 }, (_, i) => ({ ...template, id: `question-number-${i}` })),
    };
    const started = Date.now();
    const { answers, problems } = checkAnswers(
      { answers: Object.fromEntries(keys.map((key) => [`${key}x`, 3])) },
      big,
    );
    expect(answers).toBeUndefined();
    expect(problems).toHaveLength(MAX_UNKNOWN_LISTED + 1);
    expect(problems.at(-1)?.message).toBe(
      `… and ${unlisted.toLocaleString('en-US')} more unknown question ids`,
    );
    // Every name against every question took minutes; the bound is loose for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('CSV columns: the first few are listed, the rest counted, quickly', async () => {
    const columns = Array.from(
      { length: 5000 },
      (_, i) => `What do you think about ${'blah '.repeat(30)}${i}`,
    );
    const csv = `${columns.join(',')}\n${columns.map(() => '3').join(',')}\n`;
    const started = Date.now();
    const result = await run(['team', 'wide.csv'], { 'wide.csv': csv });
    // Each column against each question text took half a minute.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('wide.csv:'));
    expect(lines).toHaveLength(MAX_UNKNOWN_LISTED + 1);
    expect(lines.at(-1)).toBe(
      `wide.csv:1:${MAX_UNKNOWN_LISTED + 1}: … and ${(5000 - MAX_UNKNOWN_LISTED).toLocaleString('en-US')} more columns match no question`,
    );
  });
});
