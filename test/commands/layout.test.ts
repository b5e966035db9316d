/**
 * Issue 13, layout, for every text a command prints (team with and without --by, compare, history, questions,
 * validate, and the single report): run in-process on a terminal of 40 to 100 columns, no line is wider than the
 * terminal and no word is split or dropped. Colour is on (stdout is a terminal), so its codes must not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { edit, ROOT } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';
import { AFTER, BEFORE, DATA_DIR, EXAMPLE, ROUNDS } from '../support/round-fixtures.js';

const ESC = '\u001b';
const COLOUR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

const TEAM = Object.fromEntries(
  readdirSync(`${ROOT}examples/team`).map((name) => [
    name,
    readFileSync(`${ROOT}examples/team/${name}`, 'utf8'),
  ]),
);
/** Last round's commitment, as the manager and each rep followed it up. */
const followedUp = (text: string, status: string) =>
  edit(
    text,
    'answers:\n',
    `followUp:\n  - text: Coach the two reps furthest behind for an hour each week\n    item: coach-strugglers\n    status: ${status}\n    note: Missed two weeks in January, then kept to it every week since\nanswers:\n`,
  );
/** Two teams by folder, one with a name longer than the teams' column, both with last round's commitment. */
const ORG = Object.fromEntries(
  ['east', 'north-west-and-the-islands'].flatMap((team) =>
    Object.entries(TEAM).map(([name, text]) => [
      `org/${team}/${name}`,
      followedUp(text, name.startsWith('rep-a') ? 'not-kept' : 'kept'),
    ]),
  ),
);
const ROSTER = [
  'Name,Role,Team',
  'Rep A (example),rep,east',
  'Someone with a name longer than its column,rep,north-west-and-the-islands',
].join('\n');

const FILES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TEAM).map(([name, text]) => [`team/${name}`, text])),
  ...ORG,
  ...ROUNDS,
  'roster.csv': ROSTER,
  'm.yaml': EXAMPLE,
  'bank.yaml': readFileSync(`${ROOT}questions/who-failed-whom.yaml`, 'utf8'),
  'before.yaml': BEFORE,
  'after.yaml': AFTER,
};

const RUNS: [string, string[]][] = [
  ['team', ['team', 'team']],
  ['team --by folder', ['team', 'org', '--by', 'folder']],
  ['team --show-names --roster', ['team', 'org', '--by', 'folder', '--show-names', '--roster', 'roster.csv']],
  ['team --baseline', ['team', 'org', '--baseline', 'team']],
  ['compare', ['compare', 'before.yaml', 'after.yaml']],
  ['compare last', ['compare', 'last']],
  ['history', ['history']],
  ['questions', ['questions']],
  ['validate', ['validate', 'm.yaml', 'team/rep-a.yaml', 'bank.yaml']],
  ['the single report', ['--answers', 'm.yaml']],
  ['the single report, with its commitments', ['--answers', 'before.yaml']],
  ['the single report, with the follow-up', ['--answers', 'after.yaml']],
];

async function run(argv: string[], columns?: number): Promise<string> {
  const io = memoryIo({
    files: FILES,
    env: { WHO_FAILED_WHOM_DATA_DIR: DATA_DIR },
    ...(columns ? { columns } : {}),
  });
  expect(await main(argv, io)).toBe(0);
  return io.stdoutText.replace(COLOUR, '');
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** The bars of the single report are drawn to the width: not words. */
const notBars = (text: string) => words(text).filter((w) => !/[█░]/.test(w));

/**
 * Words only a narrow layout uses, as the labels of lines that a wide one puts in a table's columns (where they
 * are a column's heading, or not said at all).
 */
const LIST_WORDS = new Set([
  'manager',
  'reps',
  'asked',
  'given',
  'balance',
  'widest',
  'perception',
  'gap',
  'team',
  '·',
]);

describe.each(RUNS)('%s', (_what, argv) => {
  test.each([40, 50, 60, 80, 100])('at %i columns: no line wider, no word split or lost', async (columns) => {
    const [text, wide, piped] = await Promise.all([run(argv, columns), run(argv, 1000), run(argv)]);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    // A split word leaves a piece that no layout has as a word; a lost one is missing from this layout.
    const vocabulary = new Set([...notBars(wide), ...notBars(piped), ...LIST_WORDS]);
    expect(notBars(text).filter((w) => !vocabulary.has(w))).toEqual([]);
    const shown = new Set(notBars(text));
    const headings = /^(date|asked|given|balance|leaning|team|manager|reps|widest|perception|gap|\d+)$/;
    expect(notBars(wide).filter((w) => !shown.has(w) && !headings.test(w))).toEqual([]);
  });
});

describe('wide output is unchanged by the layouts for narrow terminals', () => {
  test.each(RUNS)('%s: a pipe gets the layout of 80 columns (lists one line a file)', async (_what, argv) => {
    const piped = await run(argv);
    const at80 = await run(argv, 80);
    if (argv[0] === 'questions') {
      // Lists to grep: one line each, however long.
      expect(piped).toMatch(/^ {2}reach-financial-goals +How firmly .*\[asked, scale, weight 2\]$/m);
      expect(words(piped)).toEqual(words(at80));
    } else if (argv[0] === 'validate') {
      expect(piped.trimEnd().split('\n')).toHaveLength(3);
      expect(words(piped)).toEqual(words(at80));
    } else expect(piped).toBe(at80);
  });

  test('tables where they fit, labelled lines below', async () => {
    const compare = ['compare', 'before.yaml', 'after.yaml'];
    expect(await run(compare, 80)).toMatch(
      /^ {2}before {2}2026-11-27 +85\.7 +30\.6 +44\.9 {2}asks exceed gives$/m,
    );
    expect(await run(compare, 40)).toMatch(
      /^ {2}before 2026-11-27\n {4}asked 85\.7 · given 30\.6\n {4}balance 44\.9\n/m,
    );
    const org = ['team', 'org', '--by', 'folder'];
    // The long name on a line of its own, never cut; its figures on the next line.
    expect(await run(org, 80)).toMatch(
      /^ {2}north-west-and-the-islands\n {20} +44\.9 +48\.6 {2}-1\.4 coaching/m,
    );
    expect(await run(org, 40)).toMatch(
      /^ {2}east\n {4}manager 44\.9 · reps 48\.6\n {4}widest perception gap -1\.4/m,
    );
    expect(await run(['history'], 60)).toMatch(
      /^ {2}2026-11-27 +85\.7 +30\.6 +44\.9 {2}asks exceed gives\n {38}1 commitment$/m,
    );
  });
});
