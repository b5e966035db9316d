// Texts to throw at the answers readers: mutated examples, documents of any shape, what --save-answers writes,
// and lines put together from the pieces the quick reader's choices turn on.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Bank } from '../../src/core/types.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';

export const MANAGER = readFileSync(new URL('../../examples/manager.yaml', import.meta.url), 'utf8');
export const TEAM = new URL('../../examples/team/', import.meta.url);

// The quick parse may refuse what the positioned one accepts (the slow path then runs), never the reverse,
// and never read a text differently: else a file would score one way and be reported another.
export const PIECES = [
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
export const mutated = fc
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
export const documents = fc
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

// What --save-answers writes, with any text a person might type.
export const savedAnswers = (bank: Bank, text: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.record({
        role: fc.option(fc.constantFrom('manager', 'rep') as fc.Arbitrary<'manager' | 'rep'>, {
          nil: undefined,
        }),
        respondent: fc.option(text, { nil: undefined }),
        team: fc.option(text, { nil: undefined }),
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
export const lines = fc
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
