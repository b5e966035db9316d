import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { checkAnswers } from '../../src/core/answers.js';
import type { Answers } from '../../src/core/types.js';
import type { AnswersCheck } from '../../src/input/located.js';
import { quickAnswers } from '../../src/input/quick-answers.js';
import { quickParse } from '../../src/input/quick-yaml.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { documents, lines, MANAGER, mutated, savedAnswers, TEAM } from '../support/answers-texts.js';
import { builtinBank } from '../support/helpers.js';

const bank = builtinBank();
const CHECKS: [string, AnswersCheck][] = [
  ['no warnings wanted', {}],
  ['warnings heard', { warn: () => {} }],
  ['warnings fail', { strict: true }],
  ['other versions read leniently', { lenientOtherVersion: true }],
];

/** Answers with their map and set as lists, so the order of their entries is compared too. */
const inOrder = (answers: Answers | undefined) =>
  answers && { ...answers, values: [...answers.values], listed: [...(answers.listed ?? [])] };

/** What the quick parse and the check make of a text, where a reader would take it (as readRespondent does). */
function theLongWay(text: string, check: AnswersCheck): Answers | undefined {
  const data = quickParse(text);
  if (data === undefined) return undefined;
  const { answers, problems } = checkAnswers(data, bank, check);
  const warningsMatter = check.warn !== undefined || check.strict === true;
  return answers && (problems.length === 0 || !warningsMatter) ? answers : undefined;
}

/** Whatever the plain reader takes, the long way takes the same, in the same order; it may leave any text to it. */
function agreesWithTheLongWay(texts: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(texts, fc.constantFrom(...CHECKS), (text, [, check]) => {
      const plain = quickAnswers(text, bank, check);
      if (plain !== undefined) expect(inOrder(plain)).toStrictEqual(inOrder(theLongWay(text, check)));
    }),
    { numRuns },
  );
}

// An answers file's lines, top-level fields and answers alike, from values each check turns on.
const scale = bank.questions.find((q) => q.type === 'scale');
const choice = bank.questions.find((q) => q.type === 'choice');
const TOP = [
  ...[
    'bank: who-failed-whom',
    'bank: other',
    'bank:',
    'bank: 1',
    `bankVersion: ${bank.version}`,
    'bankVersion: 9',
  ],
  ...[
    'bankVersion: 1.5',
    'bankVersion: "1"',
    'bankVersion:',
    'role: manager',
    'role: rep',
    'role: boss',
    'role:',
  ],
  ...[
    'team: East',
    'team: "  "',
    "team: ''",
    'team:',
    'team: 3',
    'team: true',
    'respondent: Dana',
    'date: "2026-11-27"',
  ],
  ...[
    '$schema: x',
    '$schema:',
    'followUp:',
    'other: 1',
    'null: 1',
    'answers:',
    'answers: 1',
    '# a comment',
    '',
  ],
];
// The bank's ids, and keys that nearly are one (one character short, longer, or another last character).
const ANSWER_KEYS = [
  ...bank.questions.flatMap((q) => [
    q.id,
    q.id,
    q.id.slice(0, -1),
    `${q.id}x`,
    `${q.id}-x`,
    `${q.id.slice(0, -1)}_`,
  ]),
  ...['no-such-question', 'null', 'a b'],
];
const ANSWER_VALUES = [
  ...[
    '',
    '1',
    '3',
    '5',
    '0',
    '6',
    '2.5',
    '-1',
    '"3"',
    'null',
    '~',
    'true',
    "''",
    '"  "',
    '" padded "',
    'words',
  ],
  ...(choice?.choices ?? []).map((c) => c.value),
  ...['# comment', '"é"', 'é', '[1]'],
];
// Each document indents its answers one way, with a line now and then that does not.
const answersLike = fc
  .tuple(
    fc.constantFrom('  ', '    ', ' '),
    fc.array(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...TOP) },
        {
          weight: 3,
          arbitrary: fc.tuple(
            fc.oneof(
              { weight: 9, arbitrary: fc.constant('') },
              { weight: 1, arbitrary: fc.constantFrom(' ', '  ') },
            ),
            fc.constantFrom(...ANSWER_KEYS),
            fc.constantFrom(...ANSWER_VALUES),
          ),
        },
      ),
      { maxLength: 12 },
    ),
  )
  .map(([indent, parts]) =>
    [
      'answers:',
      ...parts.map((part) =>
        typeof part === 'string'
          ? part
          : `${indent}${part[0]}${part[1]}:${part[2] === '' ? '' : ` ${part[2]}`}`,
      ),
    ].join('\n'),
  );

// The bank's questions in order, as files list them, now and then a key that nearly is the next one (a character
// short, longer, another last one) or a line whose colon is missing or astray.
const often = <T>(common: T, ...others: T[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(common) },
    { weight: 1, arbitrary: fc.constantFrom(...others) },
  );
const nearMisses = fc
  .tuple(
    ...bank.questions.map((q) =>
      fc.record({
        listed: fc.boolean(),
        key: often(q.id, q.id.slice(0, -1), `${q.id}x`, `${q.id}-x`, `${q.id.slice(0, -1)}_`),
        colon: often(': ', ' ', ':', ' : ', 'x '),
        // Answers the question takes, so that what the line says is all that decides.
        value:
          q.type === 'scale'
            ? fc.constantFrom(String(q.scale?.min ?? 1), String(q.scale?.max ?? 5))
            : q.type === 'choice'
              ? fc.constantFrom(...(q.choices ?? []).map((c) => c.value))
              : fc.constantFrom('words', '"quoted"'),
      }),
    ),
  )
  .map((lines) =>
    [
      'role: rep',
      'answers:',
      ...lines.filter((l) => l.listed).map((l) => `  ${l.key}${l.colon}${l.value}`),
    ].join('\n'),
  );

describe('the plain answers reader', () => {
  test('reads the key of the next question as the long way does, and a key that nearly is one', () => {
    agreesWithTheLongWay(nearMisses, 3000);
  });

  test('reads answers files as the quick parse and the check do, or leaves them to them', () => {
    agreesWithTheLongWay(answersLike, 5000);
  });

  test('reads saved answers, documents, mutated examples and any lines as the long way does', () => {
    agreesWithTheLongWay(savedAnswers(bank, fc.string({ unit: 'grapheme' })), 1000);
    agreesWithTheLongWay(mutated, 2000);
    agreesWithTheLongWay(documents, 1000);
    agreesWithTheLongWay(lines, 1000);
  });

  // Else the files a team folder holds by the thousand silently take the long way, and only the bench notices.
  const printable = fc.string({ unit: fc.constantFrom(...'abc XYZ 019 ,.;!?#-*&|>@%'.split('')) });
  test.each([
    ['the example', MANAGER],
    ...readdirSync(TEAM).map((name) => [`examples/team/${name}`, readFileSync(new URL(name, TEAM), 'utf8')]),
    ['a blank template', renderAnswersFile(bank)],
    ['a file naming its team', MANAGER.replace('role: manager', 'role: manager\nteam: East')],
    ['CRLF line ends', MANAGER.replaceAll('\n', '\r\n')],
    ['a byte-order mark', `\uFEFF${MANAGER}`],
  ])('takes %s', (_what, text) => {
    for (const [, check] of CHECKS) {
      expect(quickAnswers(text, bank, check)).not.toBeUndefined();
      expect(inOrder(quickAnswers(text, bank, check))).toStrictEqual(inOrder(theLongWay(text, check)));
    }
  });

  test('takes saved answers whose text is printable ASCII', () => {
    fc.assert(
      fc.property(savedAnswers(bank, printable), (text) => {
        expect(quickAnswers(text, bank)).not.toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    [
      'another version, when warnings are heard',
      `bankVersion: 9\nanswers:\n  ${scale?.id}: 3\n`,
      { warn: () => {} },
    ],
    [
      'another version, when warnings fail',
      `bankVersion: 9\nanswers:\n  ${scale?.id}: 3\n`,
      { strict: true },
    ],
    ['an unknown question', `answers:\n  nope: 3\n`, {}],
    ['an answer out of range', `answers:\n  ${scale?.id}: 9\n`, {}],
    ['a CR alone', `answers:\r  ${scale?.id}: 3\n`, {}],
    ['an empty answers mapping', 'answers:\n', {}],
    [
      'an unknown question twice',
      `bankVersion: 9\nanswers:\n  gone: 1\n  gone: 2\n`,
      { lenientOtherVersion: true },
    ],
    [
      'a key read as null',
      `bankVersion: 9\nanswers:\n  null: 1\n  ${scale?.id}: 3\n`,
      { lenientOtherVersion: true },
    ],
  ])('leaves %s to the long way', (_what, text, check) => {
    expect(quickAnswers(text, bank, check)).toBeUndefined();
  });

  test('reads answers for another version when the caller takes them (a team run), unknown questions left out if asked', () => {
    const text = `bankVersion: 9\nanswers:\n  ${scale?.id}: 3\n  gone-question: 2\n`;
    expect(quickAnswers(text, bank, {})).toBeUndefined();
    const lenient = quickAnswers(text, bank, { lenientOtherVersion: true });
    expect(inOrder(lenient)).toStrictEqual(inOrder(theLongWay(text, { lenientOtherVersion: true })));
    expect(lenient?.values.get(scale?.id ?? '')).toBe(3);
  });
});
