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

  test('reads documents of any shape as the positioned parse does, or leaves them to it', () => {
    agreesWithTheLibrary(documents, 3000);
  });

  test('never reads a text the positioned parse refuses or reads differently', () => {
    agreesWithTheLibrary(mutated, 3000);
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
