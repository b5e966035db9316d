/**
 * `validate`, its warnings and --strict, and bank versions, in-process. Every expected position is computed from
 * the text of the test file, independently of the code under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { positionOf as at, edit, lines, reEscape } from '../support/helpers.js';
import { EXAMPLE, type MainResult, memoryFolder } from '../support/in-process.js';
import { BUILTIN_BANK_PATH as BUILTIN } from '../support/memory-io.js';

const HINT = 'Fix each line above, then run who-failed-whom validate again.';
const ws = memoryFolder();
const file = (text: string, name?: string) => ws.file(text, name);

function expectFailed(result: MainResult, expected: string[], hint = HINT): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(lines(result.stderr)).toEqual([
    ...expected.map((line) => expect.stringMatching(`^${reEscape(line)}`)),
    hint,
  ]);
  expect(result.code).toBe(2);
}

/** Two asked items and two owed ones, every asked item supported: valid, nothing to warn about. */
const BANK = `id: mini
version: 3
title: Mini
scales:
  firm: {min: 1, max: 5}
  often: {min: 1, max: 5}
verdicts: {asks-exceed-gives: A., balanced: B., gives-exceed-asks: C.}
sections:
  - {id: asked, title: Asked}
  - {id: owed, title: Owed}
questions:
  - id: ask-a
    section: asked
    type: scale
    scale: firm
    side: asked
    prompt: Asked A?
    supportedBy: [owe-a]
  - id: ask-b
    section: asked
    type: scale
    scale: firm
    side: asked
    prompt: Asked B?
    supportedBy: [owe-b]
  - id: owe-a
    section: owed
    type: scale
    scale: often
    side: owed
    prompt: Owed A?
  - id: owe-b
    section: owed
    type: scale
    scale: often
    side: owed
    prompt: Owed B?
`;

describe('validate: clean files', () => {
  test('the built-in bank and the example answers: exit 0, one ok line each, nothing on stderr', async () => {
    const result = await ws.run(['validate', BUILTIN, EXAMPLE]);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      `${BUILTIN}: ok (bank who-failed-whom, version 2, 19 questions)`,
      `${EXAMPLE}: ok (answers for bank who-failed-whom, version 2, 18 answered)`,
    ]);
    expect(result.code).toBe(0);
  });

  test('a bank given as JSON, and answers on stdin', async () => {
    const json = file(JSON.stringify(parse(BANK), null, 2), 'mini.json');
    const result = await ws.run(['validate', json, '-'], { stdin: 'answers:\n  give-time: 3\n' });
    expect(lines(result.stdout)).toEqual([
      `${json}: ok (bank mini, version 3, 4 questions)`,
      '<stdin>: ok (answers for bank who-failed-whom, version 2, 1 answered)',
    ]);
    expect(result.code).toBe(0);
  });
});

describe('validate: a broken bank gets every problem listed, each where it is', () => {
  const cases: [string, string, [string, string][]][] = [
    [
      'duplicate ids',
      edit(
        edit(BANK, '  - id: ask-b\n', '  - id: ask-a #dup\n'),
        '  - {id: owed, title: Owed}\n',
        '  - {id: owed, title: Owed}\n  - {id: owed, title: Again}\n',
      ),
      [
        ['owed, title: Again', 'duplicate section id "owed"'],
        ['ask-a #dup', 'duplicate question id "ask-a"'],
      ],
    ],
    [
      'references to missing ids',
      edit(
        edit(
          edit(BANK, '[owe-b]', '[owe-c]'),
          'scale: firm\n    side: asked\n    prompt: Asked B?',
          'scale: frim\n    side: asked\n    prompt: Asked B?',
        ),
        'section: owed\n    type: scale\n    scale: often\n    side: owed\n    prompt: Owed B?',
        'section: oweed\n    type: scale\n    scale: often\n    side: owed\n    prompt: Owed B?',
      ),
      [
        ['frim', 'unknown scale "frim". Did you mean "firm"?'],
        ['owe-c]', 'unknown question "owe-c". Did you mean "owe-a"?'],
        ['oweed', 'unknown section "oweed". Did you mean "owed"?'],
      ],
    ],
    [
      'misspelt keys',
      edit(
        edit(
          edit(BANK, 'title: Mini', 'titel: Mini\ntitle: Mini'),
          '    prompt: Asked B?',
          '    prompt: Asked B?\n    wieght: 2',
        ),
        '    prompt: Owed A?',
        '    prompt: Owed A?\n    hlep: More.',
      ),
      [
        ['titel', 'unknown key "titel". Did you mean "title"? Allowed here: $schema, id, version, title'],
        ['wieght', 'unknown key "wieght". Did you mean "weight"?'],
        ['hlep', 'unknown key "hlep". Did you mean "help"?'],
      ],
    ],
    [
      'scales with min >= max',
      edit(
        edit(BANK, 'firm: {min: 1, max: 5}', 'firm: {min: 5, max: 5}'),
        'often: {min: 1, max: 5}',
        'often: {min: 4, max: 2}',
      ),
      [
        ['5}', 'max (5) must be greater than min (5)'],
        ['2}', 'max (2) must be greater than min (4)'],
      ],
    ],
    [
      'wrong types',
      edit(
        edit(
          edit(BANK, 'version: 3', 'version: three'),
          '    prompt: Asked B?',
          '    prompt: Asked B?\n    weight: heavy',
        ),
        'type: scale\n    scale: often\n    side: owed\n    prompt: Owed B?',
        'type: essay\n    scale: often\n    side: owed\n    prompt: Owed B?',
      ),
      [
        ['three', 'expected number, got "three"'],
        ['heavy', 'expected number, got "heavy"'],
        ['essay', 'expected one of scale, choice, text, got "essay".'],
      ],
    ],
  ];

  test.each(cases)('%s', async (_what, bank, expected) => {
    const path = file(bank);
    const result = await ws.run(['validate', path]);
    expect(result.stdout).toBe('');
    expectFailed(
      result,
      expected.map(([needle, message]) => `${at(bank, needle, path)}: ${message}`),
    );
  });

  test('one broken file does not hide the others, nor their ok lines', async () => {
    const broken = file(edit(BANK, 'version: 3', 'version: three'));
    const missing = ws.path('nowhere.yaml');
    const neither = file('title: What is this?\n');
    const result = await ws.run(['validate', broken, BUILTIN, missing, neither]);
    expect(lines(result.stdout)).toEqual([`${BUILTIN}: ok (bank who-failed-whom, version 2, 19 questions)`]);
    expectFailed(result, [
      `${broken}:2:10: expected number, got "three"`,
      `${missing}: no such file`,
      `${neither}:1:1: neither a question bank (it has no "questions") nor an answers file (no "answers")`,
    ]);
  });
});

describe('validate: answers files', () => {
  test('every misspelt id, each with the nearest one', async () => {
    const text = 'answers:\n  give-tme: 3\n  remove-obstacle: 2\n  help-must-win-deals: 9\n';
    const path = file(text);
    const result = await ws.run(['validate', path]);
    expectFailed(result, [
      `${at(text, 'give-tme', path)}: unknown question id "give-tme". Did you mean "give-time"?`,
      `${at(text, 'remove-obstacle', path)}: unknown question id "remove-obstacle". Did you mean "remove-obstacles"?`,
      `${at(text, '9', path)}: help-must-win-deals: expected a whole number from 1 to 5, got 9`,
    ]);
  });

  test('--questions checks them against that bank; without it, answers for another bank are refused', async () => {
    const bank = file(BANK);
    const text = 'bank: mini\nbankVersion: 3\nanswers:\n  ask-a: 4\n  owe-b: 2\n';
    const answers = file(text);
    const ok = await ws.run(['validate', '--questions', bank, answers]);
    expect(lines(ok.stdout)).toEqual([`${answers}: ok (answers for bank mini, version 3, 2 answered)`]);
    expect(ok.code).toBe(0);
    const refused = await ws.run(['validate', answers]);
    expectFailed(refused, [
      `${answers}:1:7: these answers are for the bank "mini", not "who-failed-whom"; pass its bank with --questions`,
      `${answers}:4:3: unknown question id "ask-a"`,
      `${answers}:5:3: unknown question id "owe-b"`,
    ]);
  });

  test('a broken --questions bank is told once; its answers files are not checked', async () => {
    const bank = file(edit(BANK, 'version: 3', 'version: three'));
    const result = await ws.run(['validate', '--questions', bank, EXAMPLE, EXAMPLE]);
    expectFailed(result, [
      `${bank}:2:10: expected number, got "three"`,
      `${EXAMPLE}: not checked, because the question bank to check it against has problems`,
      `${EXAMPLE}: not checked, because the question bank to check it against has problems`,
    ]);
  });
});

describe('warnings and --strict', () => {
  // One asked item, with no supporter; two questions asking the same thing.
  const suspicious = edit(
    edit(
      BANK.slice(0, BANK.indexOf('  - id: ask-b')) + BANK.slice(BANK.indexOf('  - id: owe-a')),
      '    supportedBy: [owe-a]\n',
      '',
    ),
    'prompt: Owed B?',
    'prompt: owed a? #same',
  );
  // In the order of the file, as validate lists them.
  const expected = (path: string) => [
    `${at(suspicious, 'ask-a', path)}: warning: asked item "ask-a" names no owed item that supports it`,
    `${at(suspicious, 'asked\n    prompt: Asked A?', path)}: warning: the asked ledger has a single item ("ask-a")`,
    `${at(suspicious, 'owed a? #same', path)}: warning: question "owe-b" has the same prompt as "owe-a"`,
  ];

  test('a suspicious bank: exit 0, the warnings on stderr, the count in the ok line', async () => {
    const path = file(suspicious);
    const result = await ws.run(['validate', path]);
    expect(lines(result.stdout)).toEqual([`${path}: ok (bank mini, version 3, 3 questions, 3 warnings)`]);
    expect(lines(result.stderr)).toEqual(
      expected(path).map((line) => expect.stringMatching(`^${reEscape(line)}`)),
    );
    expect(result.code).toBe(0);
  });

  test('--strict: the same lines as errors, exit 2', async () => {
    const path = file(suspicious);
    const result = await ws.run(['validate', '--strict', path]);
    expect(result.stdout).toBe('');
    expectFailed(
      result,
      expected(path).map((line) => line.replace(': warning: ', ': ')),
      '--strict counts warnings as errors: fix them, or drop --strict.',
    );
  });

  describe('answers made for another version of the bank', () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace('bankVersion: 2', 'bankVersion: 9');
    const warning = 'answers were made for version 9 of bank who-failed-whom; this is version 2';

    test('scoring them warns on stderr and still reports, exit 0', async () => {
      const path = file(text);
      const result = await ws.run(['-a', path, '-f', 'json']);
      expect(lines(result.stderr)).toEqual([`${at(text, '9\nrole', path)}: warning: ${warning}`]);
      expect(JSON.parse(result.stdout).scores.balance).toBe(44.9);
      expect(result.code).toBe(0);
    });

    test('--strict refuses them, exit 2', async () => {
      const path = file(text);
      const result = await ws.run(['-a', path, '-f', 'json', '--strict']);
      expect(result.stdout).toBe('');
      expectFailed(
        result,
        [`${at(text, '9\nrole', path)}: ${warning}`],
        '--strict counts warnings as errors: score them with the bank they were made for (--questions FILE), or drop --strict.',
      );
    });

    test('validate warns; validate --strict fails', async () => {
      const path = file(text);
      const warned = await ws.run(['validate', path]);
      expect(lines(warned.stderr)).toEqual([`${at(text, '9\nrole', path)}: warning: ${warning}`]);
      expect(warned.code).toBe(0);
      const strict = await ws.run(['validate', '--strict', path]);
      expect(strict.code).toBe(2);
    });
  });
});
