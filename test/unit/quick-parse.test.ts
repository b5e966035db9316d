import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { COMPILED_BANK_FORMAT } from '../../src/core/bank.js';
import { loadBank } from '../../src/input/load.js';
import { quickParse } from '../../src/input/quick-yaml.js';
import { parseSource } from '../../src/input/source.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { builtinBank } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';

const MANAGER = readFileSync(new URL('../../examples/manager.yaml', import.meta.url), 'utf8');
const TEAM = new URL('../../examples/team/', import.meta.url);

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

// The quick parse may refuse what the positioned one accepts (the slow path then runs), never the reverse,
// and never read a text differently: else a file would score one way and be reported another.
const PIECES = [
  ...['\t', ' ', '  ', '\n', '\r', '\r\n', '\uFEFF', '\u2028', '\u0085', '\u00a0', '\0', '\x7f', '\uD800'],
  ...[':', '- ', '#', ' #', '"', "'", '{', '}', '[', ']', ',', '?', '|', '>', '%', '@', '`', '\\'],
  ...['!!str ', '*a', '&a ', '<<: ', '---', '...', 'a: b', ' x: 1\n', '- x', "''", '""', '"a\\"b"', "'a''b'"],
  ...[
    '\\x41',
    '\\u00e9',
    '\\N',
    '\\ ',
    '\\t',
    'yes',
    'Null',
    'NULL',
    'TRUE',
    'True',
    '~',
    '2026-11-27',
    '1:20',
  ],
  ...['0o7', '0x1F', '0b101', '012', '+1', '-1', '1_000', '.5', '-.5', '1e3', '.inf', '-.inf', '.NaN'],
];
const mutated = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }))), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([edits]) => {
    let text = MANAGER;
    for (const [at, piece] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });

// Documents of any shape: nesting, indentation, value styles, comments, blank lines, line ends.
type Tree = { key: string; value: string | Tree }[];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.array(
    fc.record({
      key: fc.oneof(
        fc.constantFrom('a', 'b', 'give-time', '$schema', 'x.y', '0', '__proto__', 'a b', '-'),
        fc.string({ maxLength: 4 }),
      ),
      value: fc.oneof(
        {
          weight: 3,
          arbitrary: fc.oneof(
            fc.constantFrom(...PIECES),
            fc.string({ maxLength: 6 }),
            fc.integer().map(String),
            fc.string().map((t) => JSON.stringify(t)),
            fc.string().map((t) => `'${t.replaceAll("'", "''")}'`),
          ),
        },
        { weight: 1, arbitrary: tie('tree') },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
})).tree;
const documents = fc
  .tuple(tree, fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([root, step, comments, eol]) => {
    const lines: string[] = [];
    const write = (entries: Tree, depth: number) => {
      for (const { key, value } of entries) {
        const pad = ' '.repeat(depth * step);
        if (comments) lines.push(`${pad}# about ${key}`, '');
        if (typeof value === 'string') lines.push(`${pad}${key}: ${value}`);
        else {
          lines.push(`${pad}${key}:`);
          write(value, depth + 1);
        }
      }
    };
    write(root, 0);
    return lines.join(eol) + eol;
  });

describe('quickParse', () => {
  test.each([
    ['a syntax error', 'answers:\n  give-time: [1\n'],
    ['a repeated key', 'answers:\n  give-time: 1\n  give-time: 2\n'],
    ['an anchor', 'answers:\n  give-time: &a 1\n  remove-obstacles: *a\n'],
    ['an empty text', ''],
    ['only a comment', '# nothing\n'],
    ['a text over the size cap', `x: "${'a'.repeat(1024 * 1024)}"\n`],
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

  // What --save-answers writes, with any text a person might type.
  const bank = builtinBank();
  const savedAnswers = (text: fc.Arbitrary<string>) =>
    fc
      .tuple(
        fc.record({
          respondent: fc.option(text, { nil: undefined }),
          date: fc.option(text, { nil: undefined }),
        }),
        ...bank.questions.map((q) => {
          if (q.type === 'text') return fc.option(text, { nil: undefined });
          if (q.type === 'choice')
            return fc.option(fc.constantFrom(...(q.choices ?? []).map((c) => c.value)), { nil: undefined });
          return fc.option(fc.integer({ min: q.scale?.min ?? 1, max: q.scale?.max ?? 5 }), {
            nil: undefined,
          });
        }),
      )
      .map(([meta, ...values]) => {
        const answers = new Map<string, string | number>();
        values.forEach((value, i) => {
          const q = bank.questions[i];
          if (q && value !== undefined) answers.set(q.id, value);
        });
        const cleanMeta = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
        return renderAnswersFile(bank, { meta: cleanMeta, values: answers });
      });

  test('reads saved answers as the positioned parse does, whatever their text', () => {
    agreesWithTheLibrary(savedAnswers(fc.string({ unit: 'grapheme' })), 1000);
  });

  test('takes saved answers whose text is printable', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abc XYZ 019 ,.;:!?\'"#-*&|>@%é😀'.split('')) });
    fc.assert(
      fc.property(savedAnswers(printable), (text) => {
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

  // Lines of a key and a value (or a comment) put together from the pieces each choice of the reader turns on.
  const KEYS = ['a', 'give-time', '$schema', 'x.y', '_k', 'null', 'True', 'a b', '0', '-', '', 'é'];
  const VALUE_PIECES = [
    ...['1', '0', '05', '-1', '-', '-x', '1.5', '1.', '.5', '12abc', '1e3', '0x1F', '007', '3 ', '3  '],
    ...['"a"', '"a\\"b"', '"\\u00e9"', '"\\u00g9"', '"\\x"', '"a', '""', '"a"b', '"\t"', '"é"'],
    ...["'a'", "'a''b'", "'a'' #c'", "'a'' #c", "''", "'a", "'a'b", "'\t'"],
    ...['words', 'two words', 'a:b', 'a: b', 'a:', 'a#b', 'a #b', 'a  # c', 'a\t', 'a\tb', 'null', '~'],
    ...['true', 'FALSE', 'yes', '?', ',', '[1]', '{a}', '&a', '*a', '!t', '|', '>', '%', '@', '`', '.', '+1'],
    ...['é', 'caf\u00e9', 'a\u2028b', 'a\u0085', 'a\x7f', '😀', '\uD800', '# c', '#c', ' # c', '#\té'],
    ...['', ' ', '  ', ':', '::', '\r', 'a:', 'ab:', 'a: ', 'a::b', 'x #', 'x  ', '1. ', '1.x'],
  ];
  const COMMENTS = ['', ' # c', '# c', '  #', ' #é', ' #\t', ' #\x85', ' #\u2028', ' #\x7f', ' #:'];
  const often = <T>(common: T, ...others: T[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(common) },
      { weight: 2, arbitrary: fc.constantFrom(...others) },
    );
  const lines = fc
    .array(
      fc.record({
        indent: often('', ' ', '  ', '   ', '\t'),
        key: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
          { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
        ),
        colon: often(': ', ':', ':  ', ' :', ''),
        value: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...VALUE_PIECES) },
          { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
          { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }) },
        ),
        comment: often('', ...COMMENTS),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .chain((parts) =>
      fc
        .constantFrom('\n', '\r\n')
        .map((eol) =>
          parts
            .map(({ indent, key, colon, value, comment }) => `${indent}${key}${colon}${value}${comment}`)
            .join(eol),
        ),
    );

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
