/**
 * `who-failed-whom team` in-process, on folders, form exports (CSV) and a stream of YAML documents built in a
 * memory folder (and a real one where only the real file system can show a case). Respondents are generated from
 * what `questions --format json` lists; every figure the tests expect is computed here from those answers, and
 * every `file:line:col` from the fixture's own text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { positionOf as positionIn, reEscape } from '../support/helpers.js';
import { type MainResult, memoryFolder, realIo } from '../support/in-process.js';
import { ROOT } from '../support/memory-io.js';
import {
  type AnswerValue,
  type ListedQuestion,
  listQuestions,
  type QuestionList,
} from '../support/question-list.js';

// ---- The report, as far as the tests read it ----------------------------------------------------------

type Role = 'manager' | 'rep';
interface RoleStats {
  n: number;
  mean: number | null;
  median: number | null;
  spread: number | null;
  distribution: Record<string, number> | null;
  favourable: number | null;
  agreement: { rwg: number; band: string } | null;
  indicative: boolean;
  withheld: string | null;
}
interface TeamReport {
  schemaVersion: number;
  kind: string;
  minGroup: number;
  respondents: Record<Role, number>;
  scores: Record<
    Role,
    {
      respondents: number;
      withheld: string | null;
      asked?: number;
      given?: number;
      balance?: number;
      leaning?: string;
    }
  >;
  items: { id: string; side: string | null; byRole: Record<Role, RoleStats> }[];
  perceptionGaps: { id: string; label: string; manager: number; rep: number; gap: number }[];
  reflections: { id: string; role: Role; prompt: string; answers: string[]; withheld: string | null }[];
  people: { name: string; role: Role }[] | null;
  skipped: { source: string; reason: string }[];
  skippedCount: number;
}

// ---- The bank's wording that `questions --format json` does not list (labels, the reps' choice labels) ----

interface BankQuestion {
  id: string;
  label?: string;
  choices?: { value: string; label: string; rep?: { label: string } }[];
}
const bankFile = parse(readFileSync(join(ROOT, 'questions', 'who-failed-whom.yaml'), 'utf8')) as {
  questions: BankQuestion[];
};
const bankQuestion = (id: string): BankQuestion => {
  const q = bankFile.questions.find((candidate) => candidate.id === id);
  if (!q) throw new Error(`${id} is not in questions/who-failed-whom.yaml`);
  return q;
};
const labelOf = (id: string): string => {
  const label = bankQuestion(id).label;
  if (!label) throw new Error(`${id} has no label`);
  return label;
};
/** The label a respondent of `role` clicked for a choice value in a form. */
function choiceLabel(id: string, value: string, role: Role): string {
  const choice = bankQuestion(id).choices?.find((c) => c.value === value);
  if (!choice) throw new Error(`${id} has no choice ${value}`);
  return role === 'rep' ? (choice.rep?.label ?? choice.label) : choice.label;
}

// ---- Respondents ---------------------------------------------------------------------------------------

interface Person {
  file: string;
  role: Role;
  name: string;
  email: string;
  values: Record<string, AnswerValue>;
}

let list: QuestionList;
const root = memoryFolder();
let people: Person[];
let folderJson: TeamReport;

const rated = () => list.questions.filter((q) => q.side !== null);
const owedIds = () => list.questions.filter((q) => q.side === 'owed').map((q) => q.id);

/** Scored choices of a choice question, as listed. */
const scoredChoices = (q: ListedQuestion) => (q.choices ?? []).filter((c) => c.score !== null);

/** The scale points an answer stands for. */
function pointsOf(q: ListedQuestion, value: AnswerValue): number {
  if (typeof value === 'number') return value;
  const score = q.choices?.find((c) => c.value === value)?.score;
  if (score === null || score === undefined) throw new Error(`${q.id}: ${value} has no score`);
  return score;
}

const NAMES = ['Mona Managerly', 'Abel Repson', 'Bea Repford', 'Cyd Repton', 'Dov Repley', 'Eli Repwood'];
const REP_OWE = [
  'Time, mostly.',
  'Help on the big deals.',
  'someone to unblock legal',
  'A weekly one-to-one, "not cancelled".',
  'Coaching when a quarter goes wrong.',
];

/** One manager and five reps; every rated item answered by all, varied so that spreads and gaps differ. */
function makePeople(): Person[] {
  const textIds = list.questions.filter((q) => q.type === 'text').map((q) => q.id);
  const viewChoices = list.questions.find((q) => q.id === 'out-of-balance-view')?.choices ?? [];
  return NAMES.map((name, r) => {
    const role: Role = r === 0 ? 'manager' : 'rep';
    const values: Record<string, AnswerValue> = {};
    rated().forEach((q, k) => {
      if (q.type === 'choice') {
        const choices = scoredChoices(q);
        values[q.id] = (choices[(k + r * 3) % choices.length] as { value: string }).value;
      } else {
        const { min, max } = q.scale ?? { min: 1, max: 5 };
        values[q.id] = min + ((k * 2 + r * r + r) % (max - min + 1));
      }
    });
    const view = viewChoices[r % viewChoices.length];
    if (view) values['out-of-balance-view'] = view.value;
    if (role === 'manager') {
      for (const id of textIds) values[id] = `The manager's thought on ${id}.`;
    } else {
      values['what-we-owe'] = REP_OWE[r - 1] as string;
      if (r <= 3) values['commitments-to-them'] = `Rep note ${4 - r} on commitments.`;
      if (r <= 2) values['commitments-equal'] = `Rep ${r} says: out of balance, secretly.`;
    }
    const file =
      role === 'manager'
        ? 'manager.yaml'
        : r === 4
          ? 'rep-4.json'
          : r === 5
            ? 'more/rep-5.yml'
            : `rep-${r}.yaml`;
    const email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
    return { file, role, name, email, values };
  });
}

/** An answers file written by hand, one `id: value` per line, so positions are known. */
function yamlOf(person: Person): string {
  const lines = Object.entries(person.values).map(
    ([id, value]) => `  ${id}: ${typeof value === 'number' ? value : JSON.stringify(value)}`,
  );
  return `bank: who-failed-whom\nbankVersion: 2\nrole: ${person.role}\nrespondent: ${person.name}\ndate: "2026-11-27"\nanswers:\n${lines.join('\n')}\n`;
}

function textOf(person: Person): string {
  if (!person.file.endsWith('.json')) return yamlOf(person);
  const { role, name, values } = person;
  return `${JSON.stringify({ bank: 'who-failed-whom', bankVersion: 2, role, respondent: name, answers: values }, null, 2)}\n`;
}

/** Writes files (path relative to the folder → text); folders are made as needed. */
async function writeTree(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) root.file(text, path);
}

/** The team as a folder under `folder`, people replaced or added by `extra`. */
async function writeTeam(folder: string, who = people, extra: Record<string, string> = {}): Promise<void> {
  const files: Record<string, string> = {};
  for (const person of who) files[`${folder}/${person.file}`] = textOf(person);
  for (const [name, text] of Object.entries(extra)) files[`${folder}/${name}`] = text;
  await writeTree(files);
}

/** A stack frame line, as Node prints them under an uncaught error. */
const STACK_FRAME = /\n\s+at /;

/** Runs `team` in the folder; stdin is the text given, or nothing. */
const team = (args: string[], stdin?: string): Promise<MainResult> =>
  root.run(['team', ...args], stdin === undefined ? {} : { stdin });

function json(result: { stdout: string; stderr: string }): TeamReport {
  expect(result.stderr).not.toMatch(STACK_FRAME);
  return JSON.parse(result.stdout) as TeamReport;
}

/** Exit 2, nothing on stdout, a readable message and no stack trace. */
function expectInvalid(result: MainResult): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.code).toBe(2);
}

/**
 * The Markdown tables of a report: runs of lines starting with '|'. Each must have a header, a separator row
 * and the same number of cells on every row, or a Markdown renderer would not show it as a table.
 */
function markdownTables(text: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of [...text.split('\n'), '']) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  const cells = (row: string) => row.split(/(?<!\\)\|/).length;
  for (const table of tables) {
    expect(table.length).toBeGreaterThanOrEqual(3);
    expect(table[1]).toMatch(/^\|(\s*:?-+:?\s*\|)+$/);
    for (const row of table)
      expect({ row, cells: cells(row) }).toEqual({ row, cells: cells(table[0] as string) });
  }
  return tables;
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const repsOf = (who: Person[]) => who.filter((p) => p.role === 'rep');
const managerOf = (who: Person[]) => who.find((p) => p.role === 'manager') as Person;
/** Points given to a question by the people of a role. */
const pointsBy = (who: Person[], q: ListedQuestion) =>
  who.flatMap((p) => (p.values[q.id] === undefined ? [] : [pointsOf(q, p.values[q.id] as AnswerValue)]));

beforeAll(async () => {
  list = await listQuestions();
  people = makePeople();
  await writeTeam('team');
  const result = await team(['team', '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  folderJson = json(result);
});

// ---- A folder with 1 manager and 5 reps ---------------------------------------------------------------

describe('a folder with 1 manager and 5 reps', () => {
  test('the fixture: the manager and every rep answered every owed item; names are in the files', async () => {
    expect(owedIds().length).toBeGreaterThan(0);
    for (const person of people) {
      for (const id of owedIds()) expect(person.values[id]).toBeDefined();
      expect(root.read(`team/${person.file}`)).toContain(person.name);
    }
  });

  test('text: the first screen, then per item the manager’s answer in words, the reps’ figures and the gap', async () => {
    const result = await team(['team']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain('1 manager, 5 reps');
    // Nothing is withheld but the reps' reflection that only two reps wrote.
    expect(text.slice(0, text.indexOf('\nReflections'))).not.toMatch(/withheld/);
    expect(text.slice(text.indexOf('\nReflections'))).toMatch(
      /the commitments they\s+ask you to make\? \(reps\)\n\s+withheld: /,
    );

    const perItem = text.slice(text.indexOf('\nPer item'));
    const lines = perItem.split('\n');
    const repStats = `n=5 · (?:median (\\d) \\([^)]+\\) · mean (\\d\\.\\d) · )?(\\d+)% favourable`;
    for (const q of rated()) {
      const at = lines.findIndex((line) => line.trim() === labelOf(q.id));
      expect(at).toBeGreaterThan(-1);
      // One manager: their answer in words, never a one-person statistic.
      const answer = managerOf(people).values[q.id];
      const words =
        q.type === 'choice'
          ? q.choices?.find((c) => c.value === answer)?.label
          : `${answer} ${q.scale?.labels?.[String(answer)] ?? ''}`.trim();
      expect(lines[at + 1]?.trim()).toBe(`you: ${words}`);
      expect(lines[at + 1]).not.toMatch(/n=1|mean/);
      const reps = new RegExp(repStats).exec(lines[at + 2] ?? '');
      expect(reps).not.toBeNull();
      const repPoints = pointsBy(repsOf(people), q);
      if (q.type === 'scale') expect(reps?.[2]).toBe(mean(repPoints).toFixed(1));
      expect(Number(reps?.[3])).toBe(Math.round((100 * repPoints.filter((p) => p >= 4).length) / 5));
      if (q.side === 'owed') {
        const manager = (pointsBy([managerOf(people)], q)[0] as number).toFixed(1);
        expect(perItem.slice(perItem.indexOf(labelOf(q.id)))).toMatch(
          new RegExp(
            `perception gap [-+]?\\d\\.\\d \\(${reEscape(manager)} vs ${reEscape(mean(repPoints).toFixed(1))} of 5`,
          ),
        );
      }
    }

    // The first screen: the three widest gaps, each in words.
    const first = text.slice(text.indexOf('What your reps see most differently'), text.indexOf('\nPer item'));
    expect(first.match(/^ {2}\d\. /gm)).toHaveLength(3);
    expect(first).toMatch(/you: \w+; your reps: \w+/);
    expect(first).toContain('Discuss: ');
  });

  test('json: schemaVersion 1, kind team, respondents, both views, items by role, one gap per owed item', async () => {
    const report = folderJson;
    expect(report.schemaVersion).toBe(1);
    expect(report.kind).toBe('team');
    expect(report.respondents).toEqual({ manager: 1, rep: 5 });
    for (const role of ['manager', 'rep'] as const) {
      const view = report.scores[role];
      expect(view.withheld).toBeNull();
      expect(view.respondents).toBe(role === 'manager' ? 1 : 5);
      expect(typeof view.balance).toBe('number');
      expect(view.balance).toBeCloseTo(100 - Math.abs((view.asked ?? 0) - (view.given ?? 0)), 1);
    }

    for (const q of rated()) {
      const item = report.items.find((i) => i.id === q.id);
      expect(item).toBeDefined();
      for (const role of ['manager', 'rep'] as const) {
        const stats = item?.byRole[role] as RoleStats;
        expect(Object.keys(stats).sort()).toEqual(
          [
            'agreement',
            'distribution',
            'favourable',
            'indicative',
            'mean',
            'median',
            'n',
            'spread',
            'withheld',
          ].sort(),
        );
        const who = role === 'manager' ? [managerOf(people)] : repsOf(people);
        const points = pointsBy(who, q);
        expect(stats.n).toBe(who.length);
        expect(stats.withheld).toBeNull();
        expect(stats.mean).toBeCloseTo(mean(points), 2);
        const sorted = [...points].sort((a, b) => a - b);
        expect(stats.median).toBe(sorted[(sorted.length - 1) / 2]);
        expect(stats.spread).toBeCloseTo(Math.sqrt(mean(points.map((p) => (p - mean(points)) ** 2))), 2);
        expect(stats.favourable).toBe(
          Math.round((100 * points.filter((p) => p >= 4).length) / points.length),
        );
        expect(stats.indicative).toBe(who.length >= 2 && who.length < 5);
        const expected: Record<string, number> = {};
        if (q.type === 'choice') for (const c of q.choices ?? []) expected[c.value] = 0;
        else for (let p = q.scale?.min ?? 1; p <= (q.scale?.max ?? 5); p++) expected[String(p)] = 0;
        for (const person of who) {
          const key = String(person.values[q.id]);
          expected[key] = (expected[key] ?? 0) + 1;
        }
        expect(stats.distribution).toEqual(expected);
      }
    }

    // One perception gap per owed item, as `questions --format json` lists them, largest first.
    expect(report.perceptionGaps).toHaveLength(owedIds().length);
    expect(report.perceptionGaps.map((g) => g.id).sort()).toEqual([...owedIds()].sort());
    const sizes = report.perceptionGaps.map((g) => Math.abs(g.gap));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const gap of report.perceptionGaps) expect(gap.gap).toBeCloseTo(gap.manager - gap.rep, 2);

    expect(report.people).toBeNull();
    expect(report.skipped).toEqual([]);
    expect(report.skippedCount).toBe(0);
  });

  test('reflections are sorted, the reps’ withheld below 5, and no name appears in any format', async () => {
    const owe = folderJson.reflections.find((r) => r.id === 'what-we-owe' && r.role === 'rep');
    expect(owe?.answers).toEqual([...REP_OWE].sort());
    const few = folderJson.reflections.find((r) => r.id === 'commitments-equal' && r.role === 'rep');
    expect(few).toMatchObject({
      answers: [],
      withheld: expect.stringContaining('fewer than 5 reps wrote one'),
    });

    for (const format of ['text', 'json', 'markdown']) {
      const result = await team(['team', '--format', format]);
      expect(result.code).toBe(0);
      for (const person of people) {
        expect(result.stdout).not.toContain(person.name);
        expect(result.stdout).not.toContain(person.email);
      }
      // A withheld reflection leaves no trace either.
      expect(result.stdout).not.toContain('secretly');
      expect(result.stdout).toContain('Help on the big deals.');
    }
  });

  test('--show-names shows every name, sorted by role then name', async () => {
    const text = await team(['team', '--show-names']);
    expect(text.code).toBe(0);
    for (const person of people) expect(text.stdout).toContain(person.name);
    const report = json(await team(['team', '--show-names', '--format', 'json']));
    expect(report.people?.map((p) => [p.role, p.name])).toEqual(
      [...people]
        .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name))
        .map((p) => [p.role, p.name]),
    );
  });
});

// ---- Anonymity: 2 reps only ---------------------------------------------------------------------------

describe('2 reps only', () => {
  beforeAll(async () => {
    await writeTeam('two-reps', people.slice(0, 3));
  });

  test("text: the reps' aggregates are withheld, and the report says why", async () => {
    const result = await team(['two-reps']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 manager, 2 reps');
    expect(result.stdout).toMatch(/withheld/);
    expect(result.stdout).toMatch(/fewer than 3 reps/);
    expect(result.stdout).toMatch(/your reps: withheld \(fewer than 3 reps\s+answered\)/);
    expect(result.stdout).toMatch(/your reps: n=2, withheld/);
    expect(result.stdout).not.toMatch(/n=2 ·|mean|perception gap/);
  });

  test('json: withheld reasons, means null, no perception gap', async () => {
    const report = json(await team(['two-reps', '--format', 'json']));
    expect(report.respondents).toEqual({ manager: 1, rep: 2 });
    expect(report.scores.rep).toEqual({
      respondents: 2,
      withheld: expect.stringContaining('fewer than 3 reps'),
    });
    expect(report.scores.manager.withheld).toBeNull();
    for (const q of rated()) {
      const stats = report.items.find((i) => i.id === q.id)?.byRole.rep;
      expect(stats).toMatchObject({ n: 2, mean: null, median: null, spread: null, distribution: null });
      expect(stats?.withheld).toMatch(/fewer than 3 reps/);
      expect(report.items.find((i) => i.id === q.id)?.byRole.manager.mean).not.toBeNull();
    }
    expect(report.perceptionGaps).toEqual([]);
  });

  test('--min-group 2 shows them', async () => {
    const report = json(await team(['two-reps', '--format', 'json', '--min-group', '2']));
    expect(report.minGroup).toBe(2);
    expect(report.scores.rep.withheld).toBeNull();
    expect(typeof report.scores.rep.balance).toBe('number');
    for (const q of rated()) {
      const stats = report.items.find((i) => i.id === q.id)?.byRole.rep;
      expect(stats?.withheld).toBeNull();
      expect(stats?.mean).toBeCloseTo(mean(pointsBy(people.slice(1, 3), q)), 2);
    }
    expect(report.perceptionGaps).toHaveLength(owedIds().length);
    const text = await team(['two-reps', '--min-group', '2', '--min-comments', '2']);
    expect(text.stdout).not.toMatch(/withheld/);
  });
});

// ---- Strict inputs ------------------------------------------------------------------------------------

describe('one bad file among good ones', () => {
  const badRep = (): Person => ({ ...(people[1] as Person), file: 'rep-9.yaml', name: 'Bad Rep' });
  let malformed: string;
  let unknownId: string;

  beforeAll(async () => {
    malformed = yamlOf(badRep()).replace(/\n {2}coach-strugglers: \d\n/, '\n  coach-strugglers: 2: 3\n');
    unknownId = yamlOf(badRep()).replace('\n  give-time:', '\n  give-tiem:');
    expect(malformed).toContain('coach-strugglers: 2: 3');
    expect(unknownId).toContain('give-tiem');
    await writeTeam('bad-syntax', people, { 'rep-9.yaml': malformed });
    await writeTeam('bad-id', people, { 'rep-9.yaml': unknownId });
  });

  test.each([
    ['malformed YAML', 'bad-syntax', () => positionIn(malformed, '2: 3', 'bad-syntax/rep-9.yaml')],
    ['an unknown id', 'bad-id', () => positionIn(unknownId, 'give-tiem', 'bad-id/rep-9.yaml')],
  ])('%s → exit 2 naming file:line:col, nothing on stdout', async (_name, folder, where) => {
    const result = await team([folder]);
    expectInvalid(result);
    expect(result.stderr).toMatch(new RegExp(`^${reEscape(where())}: `, 'm'));
    if (folder === 'bad-id') expect(result.stderr).toContain('give-time');
    // Only the bad file is named.
    for (const person of people) expect(result.stderr).not.toContain(person.file);
  });

  test.each([
    ['malformed YAML', 'bad-syntax'],
    ['an unknown id', 'bad-id'],
  ])(
    '%s with --skip-invalid → exit 0, the report on the good ones lists the skipped file',
    async (_name, folder) => {
      const text = await team([folder, '--skip-invalid']);
      expect(text.code).toBe(0);
      expect(text.stderr).toMatch(/Skipped 1 invalid input/);
      expect(text.stdout).toContain('1 manager, 5 reps');
      expect(text.stdout).toMatch(/Skipped \(1 invalid\)/);
      expect(text.stdout).toContain(`${folder}/rep-9.yaml`);

      const result = await team([folder, '--skip-invalid', '--format', 'json']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/Skipped 1 invalid input/);
      const report = json(result);
      expect(report.skippedCount).toBe(1);
      expect(report.skipped).toEqual([
        { source: `${folder}/rep-9.yaml`, reason: expect.stringContaining(`${folder}/rep-9.yaml:`) },
      ]);
      // Everything else is the good folder's report.
      expect({ ...report, skipped: [], skippedCount: 0 }).toEqual(folderJson);
    },
  );
});

describe('fixed bugs stay fixed', () => {
  test('a JSON answers file with a repeated id is refused, as validate refuses it', async () => {
    const text = `{"bank": "who-failed-whom", "role": "manager", "answers": {"give-time": 1, "give-time": 5}}\n`;
    await writeTree({ 'dup-json/manager.json': text });
    const validate = await root.run(['validate', 'dup-json/manager.json']);
    expect(validate.code).toBe(2);
    const result = await team(['dup-json']);
    expectInvalid(result);
    expect(result.stderr).toMatch(/^dup-json\/manager\.json:1:\d+: /m);
  });
});

// ---- Form exports (CSV) -------------------------------------------------------------------------------

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** A form export of `who`: Timestamp, Email Address, Role, then one column per question, headed by its text. */
function csvOf(who: Person[]): { header: string[]; rows: string[][] } {
  const header = ['Timestamp', 'Email Address', 'Role', ...list.questions.map((q) => q.prompt)];
  const rows = who.map((person, i) => [
    `2026/11/27 10:0${i}:00`,
    person.email,
    person.role === 'manager' ? 'Manager' : 'Rep',
    ...list.questions.map((q) => {
      const value = person.values[q.id];
      if (value === undefined) return '';
      if (q.type === 'choice') return choiceLabel(q.id, String(value), person.role);
      return String(value);
    }),
  ]);
  return { header, rows };
}
const csvText = ({ header, rows }: { header: string[]; rows: string[][] }) =>
  `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;

describe('a form export (CSV)', () => {
  test('headed by the question texts, choices as the labels clicked: the same report as the YAML files', async () => {
    const csv = csvOf(people);
    // The reps' rows really carry the reps' wording where it differs.
    const choiceColumn = 3 + list.questions.findIndex((q) => q.id === 'ask-before-deciding');
    const repCell = csv.rows[1]?.[choiceColumn] ?? '';
    expect(repCell).not.toBe('');
    expect(
      list.questions.find((q) => q.id === 'ask-before-deciding')?.choices?.map((c) => c.label),
    ).not.toContain(repCell);
    await writeTree({ 'responses.csv': csvText(csv) });
    const result = await team(['responses.csv', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result)).toEqual(folderJson);
    for (const person of people) expect(result.stdout).not.toContain(person.email);
  });

  test('a column that matches no question → exit 2 naming the column and the nearest question', async () => {
    const csv = csvOf(people);
    const index = 3 + list.questions.findIndex((q) => q.id === 'give-time');
    const typo = (csv.header[index] ?? '').replace('enough', 'enuf');
    expect(typo).not.toBe(csv.header[index]);
    csv.header[index] = typo;
    await writeTree({ 'unknown-column.csv': csvText(csv) });
    const result = await team(['unknown-column.csv']);
    expectInvalid(result);
    expect(result.stderr).toContain(`unknown-column.csv:1:${index + 1}: `);
    expect(result.stderr).toContain(`"${typo}"`);
    expect(result.stderr).toMatch(/Did you mean "give-time"/);
  });

  test('a cell outside the scale → exit 2 at its line and column; --skip-invalid drops only that row', async () => {
    const csv = csvOf(people);
    const index = 3 + list.questions.findIndex((q) => q.id === 'give-time');
    (csv.rows[2] as string[])[index] = '7'; // the third respondent, on line 4
    await writeTree({ 'bad-cell.csv': csvText(csv) });
    const result = await team(['bad-cell.csv']);
    expectInvalid(result);
    expect(result.stderr).toMatch(new RegExp(`^bad-cell\\.csv:4:${index + 1}: give-time: .*7`, 'm'));
    const skipped = await team(['bad-cell.csv', '--skip-invalid', '--format', 'json']);
    expect(skipped.code).toBe(0);
    const report = json(skipped);
    expect(report.respondents).toEqual({ manager: 1, rep: 4 });
    expect(report.skippedCount).toBe(1);
  });

  test('a ragged row → exit 2 with its line number', async () => {
    const csv = csvOf(people);
    csv.rows[2]?.pop(); // the third respondent, on line 4
    await writeTree({ 'ragged.csv': csvText(csv) });
    const result = await team(['ragged.csv']);
    expectInvalid(result);
    expect(result.stderr).toMatch(/^ragged\.csv:4:/m);
  });
});

// ---- A stream of YAML documents on stdin --------------------------------------------------------------

describe('team - (a stream of YAML documents)', () => {
  const stream = (texts: string[]) => texts.map((text) => `---\n${text}`).join('');

  test('gives the same report as the folder', async () => {
    const result = await team(['-', '--format', 'json'], stream(people.map(yamlOf)));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result)).toEqual(folderJson);
  });

  test('a bad document is reported as <stdin>:line:col, the line counted from the start of the stream', async () => {
    const texts = people.map(yamlOf);
    texts[3] = (texts[3] as string).replace('\n  give-time:', '\n  give-tiem:');
    texts[5] = (texts[5] as string).replace(/\n {2}coach-strugglers: \d\n/, '\n  coach-strugglers: 2: 3\n');
    const text = stream(texts);
    const result = await team(['-'], text);
    expectInvalid(result);
    const unknown = positionIn(text, 'give-tiem', '<stdin>');
    const malformed = positionIn(text, '2: 3', '<stdin>');
    // Far into the stream, not the line within its document.
    expect(Number(unknown.split(':')[1])).toBeGreaterThan(3 * yamlOf(people[0] as Person).split('\n').length);
    expect(result.stderr).toMatch(new RegExp(`^${reEscape(unknown)}: unknown question id "give-tiem"`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^${reEscape(malformed)}: `, 'm'));
  });
});

// ---- The gate and Markdown ----------------------------------------------------------------------------

describe('--fail-under', () => {
  const lowest = () => Math.min(folderJson.scores.manager.balance ?? 0, folderJson.scores.rep.balance ?? 0);

  test('above the lowest balance shown → exit 1, the report still printed', async () => {
    const over = (lowest() + 0.1).toFixed(1);
    const result = await team(['team', '--fail-under', over]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 manager, 5 reps');
    expect(result.stdout).toMatch(/What your reps see most differently/);
    expect(result.stderr).toContain(`Team balance ${lowest()} is below --fail-under ${Number(over)}`);
  });

  test('at the lowest balance shown → exit 0', async () => {
    const result = await team(['team', '--fail-under', String(lowest())]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('--format markdown renders tables, and fails the gate the same way', async () => {
    const result = await team(['team', '--format', 'markdown', '--fail-under', '101']);
    expect(result.code).toBe(1);
    const tables = markdownTables(result.stdout);
    expect(tables.length).toBeGreaterThanOrEqual(2); // the views, the items (folded)
    expect(tables.some((table) => /^\|\s*View\s*\|/.test(table[0] as string))).toBe(true);
    expect(result.stdout).toMatch(/<details>\n<summary>Per item<\/summary>\n\n\| Item /);
    // Every owed item's row carries its perception gap.
    const items = tables.find((table) => /^\|\s*Item\s*\|/.test(table[0] as string)) ?? [];
    for (const id of owedIds()) {
      const row = items.find((r) => r.startsWith(`| ${labelOf(id)} |`)) ?? '';
      expect(row).toMatch(/\| [-+]?\d\.\d \|/);
    }
  });

  test("--format markdown keeps its tables whole when the reps' figures are withheld", async () => {
    await writeTeam('two-reps-md', people.slice(0, 3));
    const result = await team(['two-reps-md', '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/withheld/);
    expect(markdownTables(result.stdout).length).toBeGreaterThanOrEqual(2);
  });
});

// ---- Folders ------------------------------------------------------------------------------------------

describe('a folder with a symlink loop (the real file system)', () => {
  let real: string;
  afterAll(() => rmSync(real, { recursive: true, force: true }));

  test('finishes and counts each file once', async () => {
    real = mkdtempSync(join(tmpdir(), 'wfw-team-'));
    for (const person of people) {
      const path = join(real, 'loop', person.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, textOf(person));
    }
    symlinkSync('..', join(real, 'loop', 'more', 'up')); // loop/more/up → loop
    symlinkSync('.', join(real, 'loop', 'self')); // loop/self → loop
    const { io, stdout, stderr } = realIo();
    const code = await main(['team', join(real, 'loop'), '--format', 'json'], io);
    expect(code).toBe(0);
    const report = json({ stdout: stdout(), stderr: stderr() });
    expect(report.respondents).toEqual({ manager: 1, rep: 5 });
    expect(report).toEqual(folderJson);
  });
});

describe('-o', () => {
  test('onto an existing answers file without --force → exit 2, the file unchanged', async () => {
    const answers = textOf(people[1] as Person);
    await writeTree({ 'keep.yaml': answers });
    const result = await team(['team', '-o', 'keep.yaml']);
    expectInvalid(result);
    expect(result.stderr).toContain('keep.yaml');
    expect(result.stderr).toContain('--force');
    expect(root.read('keep.yaml')).toBe(answers);

    const forced = await team(['team', '-o', 'keep.yaml', '--force', '--format', 'json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(root.read('keep.yaml') ?? '')).toEqual(folderJson);
  });

  test('onto a new file writes the report there, nothing on stdout', async () => {
    const result = await team(['team', '-o', 'report.md', '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(root.read('report.md')).toMatch(/^\| View/m);
  });
});
