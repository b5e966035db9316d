import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { COMPILED_BANK_FORMAT } from '../../src/core/bank.js';
import { loadBank } from '../../src/input/load.js';
import { quickParse } from '../../src/input/quick-yaml.js';
import { parseSource } from '../../src/input/source.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { documents, lines, MANAGER, mutated, savedAnswers, TEAM } from '../support/answers-texts.js';
import { builtinBank } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';

/** The positioned parse's data, or undefined when it refuses the text. */
function positioned(text: string): unknown {
  try {
    return parseSource(text, 'answers.yaml').data;
  } catch {
    return undefined;
  }
}

/** Whatever the quick parse reads, the positioned parse (the YAML library) reads the same. */
function agreesWithTheLibrary(texts: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(texts, (text) => {
      const quick = quickParse(text);
      if (quick !== undefined) expect(quick).toEqual(positioned(text));
    }),
    { numRuns },
  );
}

describe('quickParse', () => {
  test.each([
    ['a syntax error', 'answers:\n  give-time: [1\n'],
    ['a repeated key', 'answers:\n  give-time: 1\n  give-time: 2\n'],
    ['an anchor', 'answers:\n  give-time: &a 1\n  remove-obstacles: *a\n'],
    ['an empty text', ''],
    ['only a comment', '# nothing\n'],
    ['a text over the size cap', `x: "${'a'.repeat(1024 * 1024)}"\n`],
    ['a CR at the very end', 'answers:\n  give-time: 3\r'],
    ['a CR before the end of a line', 'answers:\n  give-time: 3\r \n'],
    ['two CRs before a line break', 'answers:\r\r\n  give-time: 3\n'],
  ])('leaves %s to the positioned parse', (_what, text) => {
    expect(quickParse(text)).toBeUndefined();
  });

  test('reads the example like the positioned parse does', () => {
    expect(quickParse(MANAGER)).toEqual(positioned(MANAGER));
  });

  // Else a valid file silently takes the slow path, and only the benchmark would notice.
  test.each([
    ['the example', MANAGER],
    ...readdirSync(TEAM).map((name) => [`examples/team/${name}`, readFileSync(new URL(name, TEAM), 'utf8')]),
    ['a blank template', renderAnswersFile(builtinBank())],
    ['CRLF line ends', MANAGER.replaceAll('\n', '\r\n')],
  ])('takes %s', (_what, text) => {
    expect(quickParse(text)).toEqual(positioned(text));
    expect(quickParse(text)).not.toBeUndefined();
  });

  const bank = builtinBank();

  test('reads saved answers as the positioned parse does, whatever their text', () => {
    agreesWithTheLibrary(savedAnswers(bank, fc.string({ unit: 'grapheme' })), 1000);
  });

  test('takes saved answers whose text is printable', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abc XYZ 019 ,.;:!?\'"#-*&|>@%é😀'.split('')) });
    fc.assert(
      fc.property(savedAnswers(bank, printable), (text) => {
        expect(quickParse(text)).toEqual(positioned(text));
        expect(quickParse(text)).not.toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  test('reads documents of any shape as the positioned parse does, or leaves them to it', () => {
    agreesWithTheLibrary(documents, 3000);
  });

  test('never reads a text the positioned parse refuses or reads differently', () => {
    agreesWithTheLibrary(mutated, 3000);
  });
});

describe('the hand reader of common lines', () => {
  /** Whatever the hand reader reads or refuses, the line pattern alone reads or refuses the same. */
  function agreesWithThePattern(texts: fc.Arbitrary<string>, numRuns: number): void {
    fc.assert(
      fc.property(texts, (text) => {
        expect(quickParse(text)).toStrictEqual(quickParse(text, false));
      }),
      { numRuns },
    );
  }

  test('reads and refuses every line as the pattern does', () => {
    agreesWithThePattern(lines, 5000);
  });

  test('reads documents of any shape and mutated examples as the pattern does', () => {
    agreesWithThePattern(documents, 2000);
    agreesWithThePattern(mutated, 2000);
  });

  test('reads the examples as the pattern does', () => {
    for (const name of readdirSync(TEAM)) {
      const text = readFileSync(new URL(name, TEAM), 'utf8');
      expect(quickParse(text)).toStrictEqual(quickParse(text, false));
    }
    expect(quickParse(MANAGER)).toStrictEqual(quickParse(MANAGER, false));
  });
});

describe('the built-in bank compiled at build time', () => {
  const bank = builtinBank();
  const jsonPath = '/pkg/dist/bank.json';

  test('is used as it is when it says it is checkBank output', async () => {
    const compiled = { ...bank, title: 'Compiled title' };
    const io = memoryIo({
      files: { [jsonPath]: JSON.stringify({ format: COMPILED_BANK_FORMAT, bank: compiled }) },
    });
    io.builtinBankJsonPath = jsonPath;
    expect((await loadBank(io)).title).toBe('Compiled title');
  });

  test.each([
    ['missing', undefined],
    ['not JSON', '{'],
    ['another layout', JSON.stringify({ format: 'something else', bank: { title: 'Stale' } })],
    ['a bare bank (the old layout)', JSON.stringify({ ...bank, title: 'Stale' })],
  ])('falls back to the YAML when %s', async (_what, content) => {
    const io = memoryIo({ files: content === undefined ? {} : { [jsonPath]: content } });
    io.builtinBankJsonPath = jsonPath;
    expect(await loadBank(io)).toEqual(bank);
  });
});
