/**
 * Commitments (made at the end of a round) and follow-up (how the last round's went) in answers files: read,
 * checked as strictly as answers, carried into the report, written back by --save-answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { main } from '../../src/cli/main.js';
import { checkBank } from '../../src/core/bank.js';
import { buildReport } from '../../src/core/report.js';
import { score } from '../../src/core/score.js';
import { parseAnswers } from '../../src/input/load.js';
import { parseSource } from '../../src/input/source.js';
import { commitmentChoices } from '../../src/prompt/rounds.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { memoryIo } from '../support/memory-io.js';
import { builtinBank, builtinBankText, edit, positionOf, ROOT } from './helpers.js';

const bank = builtinBank();
const EXAMPLE = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
const FOLLOW_UP = [
  'followUp:',
  '  - text: Coach the two reps furthest behind for an hour each week',
  '    item: coach-strugglers',
  '    status: kept',
  '    note: Missed two weeks in January',
  '  - text: Cancel no one-to-one for admin',
  '    status: not-kept',
  '',
].join('\n');
const COMMITMENTS = [
  '',
  'commitments:',
  '  - item: remove-obstacles',
  '    text: Clear one pricing approval a week',
  '    due: "2027-03-01"',
  '  - text: Ask each rep what they need from me',
  '',
].join('\n');
const WITH_BOTH = edit(EXAMPLE, 'answers:\n', `${FOLLOW_UP}answers:\n`) + COMMITMENTS;

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo({ files });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('an answers file with commitments and followUp', () => {
  test('scores exactly as the same answers without them', async () => {
    const plain = await run(['--answers', 'a.yaml', '--format', 'json'], { 'a.yaml': EXAMPLE });
    const both = await run(['--answers', 'a.yaml', '--format', 'json'], { 'a.yaml': WITH_BOTH });
    expect(both.stderr).toBe('');
    expect(both.code).toBe(0);
    const before = JSON.parse(plain.stdout);
    const after = JSON.parse(both.stdout);
    expect(after.scores).toEqual(before.scores);
    expect(after.gaps).toEqual(before.gaps);
  });

  test('JSON: the arrays commitments and followUp with their fields', async () => {
    const { stdout } = await run(['--answers', 'a.yaml', '--format', 'json'], { 'a.yaml': WITH_BOTH });
    const report = JSON.parse(stdout);
    expect(report.followUp).toEqual([
      {
        text: 'Coach the two reps furthest behind for an hour each week',
        item: 'coach-strugglers',
        label: 'coaching the reps who struggle',
        status: 'kept',
        note: 'Missed two weeks in January',
      },
      { text: 'Cancel no one-to-one for admin', item: null, label: null, status: 'not-kept', note: null },
    ]);
    expect(report.commitments).toEqual([
      {
        text: 'Clear one pricing approval a week',
        item: 'remove-obstacles',
        label: 'removing obstacles inside your own company',
        due: '2027-03-01',
      },
      { text: 'Ask each rep what they need from me', item: null, label: null, due: null },
    ]);
  });

  test('text: opens with how the last round went, ends with the commitments', async () => {
    const { stdout } = await run(['--answers', 'a.yaml'], { 'a.yaml': WITH_BOTH });
    const followUp = stdout.indexOf("Last round's commitments");
    expect(followUp).toBeGreaterThan(0);
    expect(followUp).toBeLessThan(stdout.indexOf('What you ask of your reps'));
    expect(stdout).toContain('Coach the two reps furthest behind for an hour each week: ✓ kept');
    expect(stdout).toContain('Missed two weeks in January');
    expect(stdout).toContain('Cancel no one-to-one for admin: ✗ not kept');
    const plan = stdout.indexOf('Your commitments for the next round');
    expect(plan).toBeGreaterThan(stdout.indexOf('Your reflections'));
    const flat = stdout.slice(plan).replace(/\s+/g, ' ');
    expect(flat).toContain(
      '1. Clear one pricing approval a week (removing obstacles inside your own company, by 2027-03-01)',
    );
    expect(flat).toContain('2. Ask each rep what they need from me');
  });

  test('Markdown: a table of how each went, and a numbered plan', async () => {
    const { stdout } = await run(['--answers', 'a.yaml', '--format', 'markdown'], { 'a.yaml': WITH_BOTH });
    expect(stdout).toContain(
      "### Last round's commitments\n\n| Commitment | How it went | Note |\n|---|---|---|\n" +
        '| Coach the two reps furthest behind for an hour each week | kept | Missed two weeks in January |\n' +
        '| Cancel no one-to-one for admin | not kept |  |',
    );
    expect(stdout).toContain(
      '### Your commitments for the next round\n\n' +
        '1. Clear one pricing approval a week _(removing obstacles inside your own company, by 2027-03-01)_\n' +
        '2. Ask each rep what they need from me',
    );
  });

  test('a rep reads them as their manager’s commitments', async () => {
    const rep = edit(WITH_BOTH, 'role: manager', 'role: rep');
    const { stdout } = await run(['--answers', 'a.yaml', '--format', 'markdown'], { 'a.yaml': rep });
    expect(stdout).toContain("### Your manager's commitments from last round");
  });

  test('the answers schema (checked by Ajv, independent of the code) accepts it', () => {
    const schema = JSON.parse(readFileSync(`${ROOT}schema/answers.schema.json`, 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(parseSource(WITH_BOTH, 'a.yaml').data)).toBe(true);
    const bad = parseSource(edit(WITH_BOTH, 'status: kept', 'status: done'), 'a.yaml').data;
    expect(validate(bad)).toBe(false);
  });

  test('--save-answers-style output reads back to the same commitments and follow-up', async () => {
    const answers = await parseAnswers(WITH_BOTH, 'a.yaml', bank);
    const again = await parseAnswers(renderAnswersFile(bank, answers), 'again.yaml', bank);
    expect(again.commitments).toEqual(answers.commitments);
    expect(again.followUp).toEqual(answers.followUp);
    expect([...again.values]).toEqual([...answers.values]);
  });

  test('an empty status is a commitment not yet followed up: left out, not an error', async () => {
    const text = edit(WITH_BOTH, '    status: not-kept\n', '    status:\n');
    const answers = await parseAnswers(text, 'a.yaml', bank);
    expect(answers.followUp?.map((f) => f.status)).toEqual(['kept']);
  });
});

describe('strict like answers: exit 2, file:line:col, and the nearest valid value', () => {
  test.each([
    [
      'a misspelt status',
      ['status: kept', 'status: kep'],
      'kep\n',
      'expected one of kept, partly, not-kept, got "kep". Did you mean "kept"?',
    ],
    [
      'a misspelt owed item',
      ['item: coach-strugglers', 'item: coach-struggler'],
      'coach-struggler\n',
      '"coach-struggler" is not one of the owed items (what you owe your reps). Did you mean "coach-strugglers"?',
    ],
    [
      'an asked item, which no commitment serves',
      ['item: remove-obstacles', 'item: pipeline-current'],
      'pipeline-current\n    text',
      '"pipeline-current" is not one of the owed items',
    ],
    [
      'a due date that is not a date',
      ['due: "2027-03-01"', 'due: next week'],
      'next week',
      'expected a date as YYYY-MM-DD, got "next week"',
    ],
    [
      'a due date not in the calendar',
      ['due: "2027-03-01"', 'due: "2027-02-30"'],
      '"2027-02-30"',
      '2027-02-30 is not a date in the calendar',
    ],
    [
      'an unknown key in a commitment',
      ['    due: "2027-03-01"', '    date: "2027-03-01"'],
      'date: "2027-03-01"\n  - text',
      'unknown key "date". Did you mean "due"?',
    ],
    [
      'a blank commitment',
      ['text: Ask each rep what they need from me', 'text: "  "'],
      '"  "',
      'must not be empty',
    ],
  ])('%s', async (_what, [from, to], at, message) => {
    const text = edit(WITH_BOTH, from as string, to as string);
    const { code, stderr } = await run(['--answers', 'a.yaml'], { 'a.yaml': text });
    expect(code).toBe(2);
    const where = positionOf(text, at, 'a.yaml');
    expect(stderr).toContain(`${where}: `);
    expect(stderr).toContain(message);
  });

  test('more than three commitments', async () => {
    const four = `${WITH_BOTH}  - text: A third\n  - text: A fourth\n`;
    const { code, stderr } = await run(['--answers', 'a.yaml'], { 'a.yaml': four });
    expect(code).toBe(2);
    expect(stderr).toContain(`${positionOf(four, '  - item: remove', 'a.yaml').replace(/:1$/, ':3')}: `);
    expect(stderr).toContain('must have at most 3 items, got 4');
  });

  test('validate says the same', async () => {
    const text = edit(WITH_BOTH, 'status: kept', 'status: kep');
    const { code, stderr } = await run(['validate', 'a.yaml'], { 'a.yaml': text });
    expect(code).toBe(2);
    expect(stderr).toContain(`${positionOf(text, 'kep\n', 'a.yaml')}: expected one of kept, partly`);
  });
});

describe('the bank’s suggestions', () => {
  test('every owed item of the built-in bank has one, and nothing else does', () => {
    for (const q of bank.questions) {
      if (q.side === 'owed') expect(q.suggestion).toEqual(expect.stringMatching(/\w/));
      else expect(q.suggestion).toBeUndefined();
    }
  });

  test('a suggestion on an item that is not owed is refused, located', () => {
    const text = edit(
      builtinBankText(),
      '    label: following your sales process\n',
      '    label: following your sales process\n    suggestion: Hold them to it\n',
    );
    const source = parseSource(text, 'bank.yaml');
    const { bank: checked, problems } = checkBank(source.data);
    expect(checked).toBeUndefined();
    expect(problems.map((p) => source.locate(p.path))).toEqual([
      positionOf(text, 'Hold them to it', 'bank.yaml'),
    ]);
    expect(problems[0]?.message).toContain('only owed items carry a suggestion');
  });

  test('a bank may leave them out (and the rounds wording too)', () => {
    const text = builtinBankText()
      .replace(/^ {4}suggestion: .*\n/gm, '')
      .replace(/^rounds:\n(?: .*\n|\n)*?(?=sections:)/m, '');
    const { bank: checked, problems } = checkBank(parseSource(text, 'bank.yaml').data);
    expect(problems).toEqual([]);
    expect(checked?.rounds).toBeUndefined();
    expect(checked?.questions.some((q) => q.suggestion !== undefined)).toBe(false);
  });
});

describe('the commitments offered after the report', () => {
  const reportFor = async (text: string) => {
    const answers = await parseAnswers(text, 'a.yaml', bank);
    return buildReport(bank, answers, score(bank, answers));
  };

  test('are the owed items behind the widest gaps, widest first, each once, with the bank’s suggestion', async () => {
    const report = await reportFor(EXAMPLE);
    const expected = [...new Set(report.gaps.flatMap((g) => g.lagging.map((l) => l.id)))].slice(0, 5);
    const offered = commitmentChoices(report, bank);
    expect(offered.map((o) => o.item)).toEqual(expected);
    for (const o of offered) {
      const q = bank.questions.find((question) => question.id === o.item);
      expect(o).toEqual({ item: o.item, label: q?.label, text: q?.suggestion });
    }
  });

  test('with no gap, the owed items rated lowest', async () => {
    // Everything asked at the bottom: nothing asked sits above what supports it.
    const flat = EXAMPLE.replace(
      /^( {2}(?:reach-financial-goals|follow-sales-process|held-accountable|pipeline-current|accurate-forecast|activity-levels)): \d$/gm,
      '$1: 1',
    );
    const report = await reportFor(flat);
    expect(report.gaps).toEqual([]);
    const lowest = [...report.ledgers.owed.items].sort((a, b) => a.score - b.score).map((i) => i.id);
    expect(commitmentChoices(report, bank).map((o) => o.item)).toEqual(lowest.slice(0, 5));
  });

  test('a bank without suggestions offers none (the person writes their own)', async () => {
    const bare = { ...bank, questions: bank.questions.map(({ suggestion: _s, ...q }) => q) };
    expect(commitmentChoices(await reportFor(EXAMPLE), bare)).toEqual([]);
  });
});
