import { describe, expect, test } from '@jest/globals';
import { checkAnswers } from '../../src/core/answers.js';
import { InputError } from '../../src/errors.js';
import type { AnswersCheck } from '../../src/input/located.js';
import { parseAnswers } from '../../src/input/respondent.js';
import { MAX_INPUT_BYTES } from '../../src/limits.js';
import { builtinBank, positionOf } from '../support/helpers.js';

const bank = builtinBank();
const NAME = 'answers.yaml';

async function inputError(text: string, name = NAME, check: AnswersCheck = {}): Promise<InputError> {
  try {
    await parseAnswers(text, name, bank, check);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but the answers were accepted');
}

describe('valid answers', () => {
  test('keep meta and every answered value, with the right types', async () => {
    const answers = await parseAnswers(
      [
        'bank: who-failed-whom',
        'bankVersion: 1',
        'role: rep',
        'respondent: Dana',
        'date: "2026-01-31"',
        'answers:',
        '  give-time: 4',
        '  ask-before-deciding: talk-it-through',
        '  out-of-balance-view: yes',
        '  what-we-owe: "  Our time.  "',
      ].join('\n'),
      NAME,
      bank,
    );
    expect(answers.meta).toEqual({
      bank: 'who-failed-whom',
      bankVersion: 1,
      role: 'rep',
      respondent: 'Dana',
      date: '2026-01-31',
    });
    expect([...answers.values]).toEqual([
      ['give-time', 4],
      ['ask-before-deciding', 'talk-it-through'],
      ['out-of-balance-view', 'yes'],
      ['what-we-owe', 'Our time.'],
    ]);
  });

  test('need no meta at all', () => {
    expect(checkAnswers({ answers: { 'give-time': 1 } }, bank)).toMatchObject({ problems: [] });
  });

  test.each([
    ['null', 'give-time: null'],
    ['~', 'give-time: ~'],
    ['an empty value', 'give-time:'],
    ['an empty string', 'give-time: ""'],
    ['blank text', 'what-we-owe: "   "'],
  ])('%s means not answered, not 0', async (_what, line) => {
    const answers = await parseAnswers(`answers:\n  ${line}\n  remove-obstacles: 2\n`, NAME, bank);
    expect([...answers.values]).toEqual([['remove-obstacles', 2]]);
  });

  test('an alias that resolves is fine', async () => {
    const answers = await parseAnswers(
      'answers:\n  give-time: &three 3\n  remove-obstacles: *three\n',
      NAME,
      bank,
    );
    expect(answers.values.get('remove-obstacles')).toBe(3);
  });

  test('JSON works, as JSON is read as YAML', async () => {
    const answers = await parseAnswers(
      '{"bank": "who-failed-whom", "answers": {"give-time": 5, "what-we-owe": "Time"}}',
      'answers.json',
      bank,
    );
    expect([...answers.values]).toEqual([
      ['give-time', 5],
      ['what-we-owe', 'Time'],
    ]);
  });
});

// [what, id, value as written, a fragment of the message]; the problem must point at the value.
const badValues: [string, string, string, string][] = [
  ['above the scale', 'give-time', '6', 'give-time: expected a whole number from 1 to 5, got 6'],
  ['below the scale', 'give-time', '0', 'got 0'],
  ['not an integer', 'give-time', '2.5', 'got 2.5'],
  ['a quoted number', 'give-time', '"3"', 'got "3"'],
  ['a number for text', 'what-we-owe', '5', 'what-we-owe: expected text, got number'],
  ['a list for text', 'what-we-owe', '[a, b]', 'expected text, got object'],
  [
    'an unknown choice',
    'ask-before-deciding',
    'look-at-mysef',
    'expected one of look-at-myself, talk-it-through, review-their-numbers, performance-plan, got "look-at-mysef". Did you mean "look-at-myself"?',
  ],
  ['a far-off choice, with no suggestion', 'ask-before-deciding', 'blame', 'performance-plan, got "blame".'],
  ['a boolean for a choice', 'out-of-balance-view', 'true', 'expected one of yes, no, not-sure, got true.'],
];

describe('invalid answers', () => {
  test.each(badValues)('%s is reported at the value', async (_what, id, value, message) => {
    const text = `bank: who-failed-whom\nanswers:\n  remove-obstacles: 3\n  ${id}: ${value} #here\n`;
    const error = await inputError(text);
    expect(error.lines).toHaveLength(1);
    const prefix = `${positionOf(text, `${value} #here`, NAME)}: ${id}: `;
    expect(error.lines[0]?.slice(0, prefix.length)).toBe(prefix);
    expect(error.lines[0]?.slice(-message.length)).toBe(message);
    expect(error.hint).toContain('who-failed-whom template');
  });

  test('an unknown id suggests the nearest one and points at the key', async () => {
    const text = 'answers:\n  remove-obstacles: 3\n  give-tim: 3\n';
    expect((await inputError(text)).lines).toEqual([
      `${positionOf(text, 'give-tim:', NAME)}: unknown question id "give-tim". Did you mean "give-time"? See the ids with: who-failed-whom questions`,
    ]);
  });

  test('an unknown top-level key suggests the nearest one', async () => {
    const text = 'answers: {}\nanswer: 3\n';
    expect((await inputError(text)).lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${positionOf(text, 'answer:', NAME)}: unknown key "answer". Did you mean "answers"\\?`),
      ),
    ]);
  });

  test('answers for another bank are refused at the bank id', async () => {
    const text = 'bank: other-bank\nanswers: {}\n';
    expect((await inputError(text)).lines).toEqual([
      `${positionOf(text, 'other-bank', NAME)}: these answers are for the bank "other-bank", not "who-failed-whom"; pass its bank with --questions`,
    ]);
  });

  test('every problem is reported, not only the first', async () => {
    expect((await inputError('answers:\n  give-time: 9\n  nope: 1\n  what-we-owe: 2\n')).lines).toHaveLength(
      3,
    );
  });

  test('JSON errors are located too', async () => {
    const text = '{\n  "answers": {\n    "remove-obstacles": 2,\n    "give-time": 9\n  }\n}\n';
    expect((await inputError(text, 'answers.json')).lines).toEqual([
      `${positionOf(text, '9', 'answers.json')}: give-time: expected a whole number from 1 to 5, got 9`,
    ]);
  });
});

describe('answers made for another version of the bank', () => {
  const other = bank.version + 10;
  const text = `bank: who-failed-whom\nbankVersion: ${other}\nanswers:\n  give-time: 3\n`;
  const where = positionOf(text, `${other}\n`, NAME);
  const message = `answers were made for version ${other} of bank ${bank.id}; this is version ${bank.version}`;

  test('are accepted with a located warning', async () => {
    const warnings: string[] = [];
    const answers = await parseAnswers(text, NAME, bank, { warn: (line) => warnings.push(line) });
    expect(answers.values.get('give-time')).toBe(3);
    expect(warnings).toEqual([`${where}: warning: ${message}`]);
  });

  test('are refused with --strict, the warning now an error', async () => {
    expect((await inputError(text, NAME, { strict: true })).lines).toEqual([`${where}: ${message}`]);
  });
});

describe('unreadable answers', () => {
  test.each([
    [
      'a bad indent',
      'answers:\n  give-time: 3\n give-time: 4\n',
      ' give-time: 4',
      'must start at the same column',
    ],
    ['a tab indent', 'answers:\n\tgive-time: 3\n', '\tgive-time', 'Tabs are not allowed'],
  ])('malformed YAML (%s) is an InputError with name:line:col', async (_what, text, needle, message) => {
    const error = await inputError(text);
    expect(error.lines).toEqual([expect.stringContaining(message)]);
    expect(error.lines[0]).toMatch(new RegExp(`^${positionOf(text, needle, NAME)}: `));
    expect(error.hint).toContain('YAML syntax');
  });

  test('a duplicate key names the key and its first line, without a syntax hint', async () => {
    const text = 'answers:\n  give-time: 3\n  give-time: 4 #dup\n';
    const error = await inputError(text);
    expect(error.lines).toEqual([
      `${positionOf(text, 'give-time: 4 #dup', NAME)}: duplicate key "give-time" (first on line 2); each key may appear once`,
    ]);
    expect(error.hint).toBeUndefined();
  });

  test.each([
    ['an unclosed flow map', 'answers: {give-time: 3\n'],
    ['an unclosed quote', 'answers:\n  what-we-owe: "unclosed\n'],
  ])('malformed YAML (%s) is an InputError with name:line:col', async (_what, text) => {
    expect((await inputError(text)).lines[0]).toMatch(/^answers\.yaml:\d+:\d+: \S/);
  });

  test('an unresolved alias is an InputError at the alias, not a crash', async () => {
    const text = 'answers:\n  give-time: *nowhere\n';
    expect((await inputError(text)).lines).toEqual([
      expect.stringMatching(new RegExp(`^${positionOf(text, '*nowhere', NAME)}: Unresolved alias`)),
    ]);
  });

  test('an alias bomb is refused as an InputError, quickly', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, next] of [...'abcdefgh'].map((c, i, all) => [c, all[i + 1] ?? 'z'])) {
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const error = await inputError(`${levels.join('\n')}\nanswers: {}\n`);
    expect(error.lines).toEqual([
      expect.stringMatching(/^answers\.yaml:2:\d+: too many aliases \(\*name\) to expand/),
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test.each([
    ['an empty', ''],
    ['a blank', ' \n\t\n'],
  ])('%s file is a clear InputError', async (_what, text) => {
    const error = await inputError(text);
    expect(error.lines).toEqual([`${NAME}: is empty; expected an answers file`]);
    expect(error.hint).toContain('template');
  });

  test('a file over the size cap is refused before parsing', async () => {
    const text = `answers: {}\n#${'x'.repeat(MAX_INPUT_BYTES)}\n`;
    expect((await inputError(text)).lines).toEqual([
      `${NAME}: is larger than 1 MiB; this is not an answers or bank file`,
    ]);
  });
});
