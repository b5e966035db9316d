/** `compare BEFORE AFTER`: what moved between two rounds, in-process through main(). */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { builtinBankText, edit } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';
import { AFTER, BEFORE, COACHING, EXAMPLE } from '../support/round-fixtures.js';

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo({ files });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

const json = async (files: Record<string, string> = { 'before.yaml': BEFORE, 'after.yaml': AFTER }) => {
  const result = await run(['compare', 'before.yaml', 'after.yaml', '--format', 'json'], files);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

describe('compare: only coaching moved, from 1 to 4', () => {
  test('JSON: coaching first with +3; given and balance change by what 3 points on one item of 9 weigh', async () => {
    const report = await json();
    expect(report.kind).toBe('compare');
    expect(report.items).toEqual([
      {
        id: 'coach-strugglers',
        label: 'coaching the reps who struggle',
        before: 1,
        after: 4,
        change: 3,
        beforeWords: 'Never',
        afterWords: 'Usually',
      },
    ]);
    // The owed ledger weighs 9 (give-time counts twice); 3 points of a 1–5 scale are 0.75 of one item.
    const given = Math.round((2.75 / 9) * 1000) / 10;
    const givenAfter = Math.round((3.5 / 9) * 1000) / 10;
    expect(report.before.scores).toEqual({
      asked: 85.7,
      given,
      balance: Math.round((100 - (85.7 - given)) * 10) / 10,
    });
    expect(report.after.scores.given).toBe(givenAfter);
    expect(report.change).toEqual({
      asked: 0,
      given: Math.round((givenAfter - given) * 10) / 10,
      balance: Math.round((report.after.scores.balance - report.before.scores.balance) * 10) / 10,
    });
    expect(report.change.given).toBe(8.3);
    expect(report.change.balance).toBe(8.3);
    expect(report.before.leaning).toBe('asks-exceed-gives');
    expect(report.after.leaning).toBe('asks-exceed-gives');
    expect(report.before.date).toBe('2026-11-27');
    expect(report.after.date).toBe('2027-02-27');
    expect(report.commonItemsOnly).toBeNull();
  });

  test('JSON: the coaching commitment, with what AFTER said of it and how its item moved', async () => {
    const report = await json();
    expect(report.commitments).toEqual([
      {
        text: COACHING,
        item: 'coach-strugglers',
        label: 'coaching the reps who struggle',
        due: '2027-03-01',
        status: 'kept',
        note: 'Missed two weeks in January',
        itemChange: { before: 1, after: 4, change: 3, beforeWords: 'Never', afterWords: 'Usually' },
      },
      { text: 'Ask each rep what they need from me', item: null, label: null, due: null },
    ]);
  });

  test('text: the item first with +3, the commitment beside it, then each commitment in a sentence', async () => {
    const { stdout, code } = await run(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': BEFORE,
      'after.yaml': AFTER,
    });
    expect(code).toBe(0);
    const moved = stdout.slice(stdout.indexOf('What moved'));
    const lines = moved.split('\n');
    expect(lines[1]).toBe('   +3  coaching the reps who struggle: Never → Usually');
    // Next, before any other item: the commitment that served it.
    expect(lines.slice(2, 4).join(' ').replace(/\s+/g, ' ')).toBe(
      ` You committed to “${COACHING}” (you said: kept)`,
    );
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      `“${COACHING}”: coaching the reps who struggle went from Never to Usually (+3); you said: kept.`,
    );
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      '“Ask each rep what they need from me”: no follow-up was given.',
    );
    expect(stdout).toMatch(/change\s+0\s+\+8\.3\s+\+8\.3/);
  });

  test('Markdown: a table of the move, the commitment in its row', async () => {
    const { stdout } = await run(['compare', 'before.yaml', 'after.yaml', '--format', 'markdown'], {
      'before.yaml': BEFORE,
      'after.yaml': AFTER,
    });
    expect(stdout).toContain(
      `| +3 | coaching the reps who struggle | Never | Usually | ${COACHING} (kept) |`,
    );
    expect(stdout).toContain('| **Change** | | **0** | **+8.3** | **+8.3** | |');
  });

  test('the same round twice: nothing moved', async () => {
    const report = await json({ 'before.yaml': EXAMPLE, 'after.yaml': EXAMPLE });
    expect(report.items).toEqual([]);
    expect(report.change).toEqual({ asked: 0, given: 0, balance: 0 });
    const text = await run(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': EXAMPLE,
      'after.yaml': EXAMPLE,
    });
    expect(text.stdout).toContain('Nothing moved.');
  });

  test('moves are listed largest first, whatever the direction', async () => {
    const after = edit(
      edit(EXAMPLE, '  give-time: 2', '  give-time: 3'),
      '  held-accountable: 5',
      '  held-accountable: 2',
    );
    const report = await json({ 'before.yaml': EXAMPLE, 'after.yaml': after });
    expect(report.items.map((i: { id: string; change: number }) => [i.id, i.change])).toEqual([
      ['held-accountable', -3],
      ['give-time', 1],
    ]);
  });
});

describe('compare refuses what cannot be compared', () => {
  const otherBank = edit(
    edit(builtinBankText(), 'id: who-failed-whom', 'id: field-sales'),
    'title: Who Failed Whom?',
    'title: Field sales',
  );

  test('answers for two different banks: exit 2, located at the second bank', async () => {
    const after = edit(AFTER, 'bank: who-failed-whom', 'bank: field-sales');
    const { code, stderr } = await run(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': BEFORE,
      'after.yaml': after,
      'field.yaml': otherBank,
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'after.yaml:4:7: these answers are for bank "field-sales", but before.yaml\'s are for bank "who-failed-whom"',
    );
    expect(stderr).toContain('compare takes two rounds of the same bank.');
  });

  test("a manager's round and a rep's: exit 2", async () => {
    const { code, stderr } = await run(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': BEFORE,
      'after.yaml': edit(AFTER, 'role: manager', 'role: rep'),
    });
    expect(code).toBe(2);
    expect(stderr).toContain("before.yaml is a manager's round and after.yaml a rep's");
  });

  test('one file only: exit 2 with usage', async () => {
    const { code, stderr } = await run(['compare', 'before.yaml'], { 'before.yaml': BEFORE });
    expect(code).toBe(2);
    expect(stderr).toContain('compare needs two answers files');
  });

  test('a round too little answered to score: exit 2, naming it', async () => {
    const sparse = 'bank: who-failed-whom\nanswers:\n  give-time: 3\n  reach-financial-goals: 4\n';
    const { code, stderr } = await run(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': BEFORE,
      'after.yaml': sparse,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('after.yaml: too little of the asked ledger is answered to score it');
  });
});

describe('rounds made for two versions of one bank', () => {
  // Version 3 of the bank drops activity-levels; the old round still lists it.
  const v2 = builtinBankText()
    .replace('version: 2', 'version: 3')
    .replace(/ {2}- id: activity-levels\n(?: {4}.*\n)+\n/, '');

  test('are compared on the questions both list, and the report says so', async () => {
    const after = edit(edit(AFTER, 'bankVersion: 2', 'bankVersion: 3'), '  activity-levels: 3\n', '');
    const io = memoryIo({ files: { 'before.yaml': BEFORE, 'after.yaml': after, 'v2.yaml': v2 } });
    const code = await main(
      ['compare', 'before.yaml', 'after.yaml', '--questions', 'v2.yaml', '--format', 'json'],
      io,
    );
    expect(io.stderrText).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.stdoutText);
    expect(report.commonItemsOnly).toEqual({ versions: [2, 3], items: 18, leftOut: [] });
    expect(report.items.map((i: { id: string }) => i.id)).toEqual(['coach-strugglers']);

    const text = memoryIo({ files: { 'before.yaml': BEFORE, 'after.yaml': after, 'v2.yaml': v2 } });
    await main(['compare', 'before.yaml', 'after.yaml', '--questions', 'v2.yaml'], text);
    expect(text.stdoutText.replace(/\s+/g, ' ')).toContain(
      'The rounds were made for different versions of bank who-failed-whom (before: version 2; after: version 3), so they are compared on the 18 questions both list.',
    );
  });

  test('a question the later version added is left out of both', async () => {
    // The old round (version 2) lacks give-time; the new one answers it.
    const before = edit(edit(BEFORE, '  give-time: 2\n', ''), 'bankVersion: 2', 'bankVersion: 2');
    const after = edit(AFTER, 'bankVersion: 2', 'bankVersion: 3');
    const v2same = builtinBankText().replace('version: 2', 'version: 3');
    const io = memoryIo({ files: { 'before.yaml': before, 'after.yaml': after, 'v2.yaml': v2same } });
    const code = await main(
      ['compare', 'before.yaml', 'after.yaml', '--questions', 'v2.yaml', '--format', 'json'],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(io.stdoutText);
    expect(report.commonItemsOnly.leftOut).toEqual(['give-time']);
    // give-time (2 of 5, weight 2) is out of both: the given ledger is what the other 7 owed items weigh.
    expect(report.before.scores.given).toBe(Math.round((2.25 / 7) * 1000) / 10);
  });
});
