/**
 * Scoring runs in-process (`main(argv, memoryIo())`), judged by stdout, stderr and the exit code only. Answers are
 * generated from what `questions --format json` lists, so the tests follow the bank instead of copying it.
 * test/e2e/cli.test.ts keeps what needs a real process: stdin kinds, FIFOs, signals, a reader that goes away,
 * a full disk.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { reEscape } from '../support/helpers.js';
import { EXAMPLE, type MainResult, memoryFolder, type RunOptions } from '../support/in-process.js';
import {
  type AnswerValue,
  answersYaml,
  listQuestions,
  makeAnswers,
  type QuestionList,
} from '../support/question-list.js';

/** A stack frame line, as Node prints them under an uncaught error. */
const STACK_FRAME = /\n\s+at /;
/** The escape character that starts every colour (and cursor) sequence. */
const ESC = '\u001b';

interface ReportItem {
  id: string;
  score: number;
}
interface Report {
  schemaVersion: number;
  bank: { id: string; version: number; title: string };
  scores: { asked: number; given: number; balance: number };
  leaning: string;
  tolerance: number;
  verdict: string;
  gaps: { asked: ReportItem; lagging: ReportItem[]; size: number }[];
  missing: string[];
}

let list: QuestionList;
const dir = memoryFolder();
let fileCount = 0;

/** Writes text to a new file in the folder and returns its path. */
const file = (text: string | Uint8Array, name = `answers-${++fileCount}.yaml`): string =>
  dir.file(text, name);

/** Runs main in the folder; stdin is the text given (nothing for 'ignore' or '/dev/null'). */
const runCli = (args: string[], { stdin, ...options }: RunOptions & { stdin: string }): Promise<MainResult> =>
  dir.run(args, stdin === 'ignore' || stdin === '/dev/null' ? options : { ...options, stdin });

const ids = (filter: (q: QuestionList['questions'][number]) => boolean = () => true) =>
  list.questions.filter(filter).map((q) => q.id);

/** The answers block written by hand, one `id: value` per line from line 2, so positions are known. */
function handWritten(answers: Record<string, AnswerValue | null>): {
  text: string;
  lineOf: (id: string) => number;
} {
  const entries = Object.entries(answers);
  const text = `answers:\n${entries.map(([id, value]) => `  ${id}: ${value === null ? '' : JSON.stringify(value)}`).join('\n')}\n`;
  return {
    text,
    lineOf: (id) => 2 + entries.findIndex(([key]) => key === id),
  };
}

/** `stderr`: the "written to" lines a run that writes files ends with. */
function expectOk(result: MainResult, stderr = ''): void {
  expect(result.stderr).toBe(stderr);
  expect(result.code).toBe(0);
}

/** Exit 2, nothing on stdout, one readable message and no stack trace on stderr. */
function expectInvalid(result: MainResult): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.code).toBe(2);
}

function parseReport(stdout: string): Report {
  const report = JSON.parse(stdout) as Report;
  expect(report.schemaVersion).toBe(1);
  expect(report.bank).toEqual(expect.objectContaining({ id: list.bank.id, version: list.bank.version }));
  for (const value of [report.scores.asked, report.scores.given, report.scores.balance]) {
    expect(typeof value).toBe('number');
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(100);
  }
  expect(report.scores.balance).toBeCloseTo(100 - Math.abs(report.scores.asked - report.scores.given), 1);
  expect(typeof report.verdict).toBe('string');
  expect(report.verdict.trim()).not.toBe('');
  expect(Array.isArray(report.gaps)).toBe(true);
  const sizes = report.gaps.map((gap) => gap.size);
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  for (const gap of report.gaps) {
    expect(gap.size).toBeGreaterThan(0);
    expect(gap.size).toBeLessThanOrEqual(100);
    expect(gap.lagging.length).toBeGreaterThan(0);
  }
  expect(Array.isArray(report.missing)).toBe(true);
  return report;
}

beforeAll(async () => {
  list = await listQuestions();
});

describe('scoring answers given on stdin or as a file', () => {
  const cases = [
    {
      name: 'asks at the top, gives at the bottom',
      asked: 'top',
      owed: 'bottom',
      leaning: 'asks-exceed-gives',
    },
    {
      name: 'gives at the top, asks at the bottom',
      asked: 'bottom',
      owed: 'top',
      leaning: 'gives-exceed-asks',
    },
  ] as const;

  test.each(cases)('$name → $leaning, a low balance', async ({ asked, owed, leaning }) => {
    const yaml = answersYaml(list, makeAnswers(list, { asked, owed }));
    const result = await runCli(['--format', 'json'], { stdin: yaml });
    expectOk(result);
    const report = parseReport(result.stdout);
    expect(report.leaning).toBe(leaning);
    expect(report.scores.balance).toBeLessThan(50);
    if (leaning === 'asks-exceed-gives') {
      expect(report.scores.asked).toBe(100);
      expect(report.scores.given).toBe(0);
      // Every asked item that names supporters outruns them.
      const supported = list.questions.filter((q) => q.side === 'asked' && (q.supportedBy ?? []).length > 0);
      expect(report.gaps.map((g) => g.asked.id).sort()).toEqual(supported.map((q) => q.id).sort());
    } else {
      expect(report.scores.asked).toBe(0);
      expect(report.scores.given).toBe(100);
      expect(report.gaps).toEqual([]);
    }
    expect(report.missing).toEqual([]);
  });

  test('everything in the middle → balanced; unanswered reflections are listed as missing', async () => {
    const yaml = answersYaml(list, makeAnswers(list, { asked: 'middle', owed: 'middle' }, false));
    const result = await runCli(['--format', 'json'], { stdin: yaml });
    expectOk(result);
    const report = parseReport(result.stdout);
    expect(report.leaning).toBe('balanced');
    expect(report.scores.balance).toBeGreaterThanOrEqual(100 - report.tolerance);
    expect(report.missing).toEqual(ids((q) => q.side === null));
  });

  test('each leaning has its own verdict', async () => {
    const verdicts = new Set<string>();
    for (const levels of [
      { asked: 'top', owed: 'bottom' },
      { asked: 'bottom', owed: 'top' },
      { asked: 'middle', owed: 'middle' },
    ] as const) {
      const result = await runCli(['--format', 'json'], {
        stdin: answersYaml(list, makeAnswers(list, levels)),
      });
      expectOk(result);
      verdicts.add(parseReport(result.stdout).verdict);
    }
    expect(verdicts.size).toBe(3);
  });

  test('piped stdin, --answers FILE and --answers - give the identical report', async () => {
    const yaml = answersYaml(list, makeAnswers(list, { asked: 'top', owed: 'middle' }));
    const path = file(yaml);
    const piped = await runCli(['--format', 'json'], { stdin: yaml });
    const fromFile = await runCli(['--answers', path, '--format', 'json'], { stdin: 'ignore' });
    const dash = await runCli(['--answers', '-', '--format', 'json'], { stdin: yaml });
    const short = await runCli(['-a', path, '-f', 'json'], { stdin: '/dev/null' });
    for (const result of [piped, fromFile, dash, short]) expectOk(result);
    parseReport(piped.stdout);
    expect(fromFile.stdout).toBe(piped.stdout);
    expect(dash.stdout).toBe(piped.stdout);
    expect(short.stdout).toBe(piped.stdout);
  });

  test('an answers file in JSON is read as well as YAML', async () => {
    const answers = makeAnswers(list, { asked: 'top', owed: 'bottom' });
    const yaml = await runCli(['--format', 'json'], { stdin: answersYaml(list, answers) });
    const json = await runCli(
      ['--answers', file(JSON.stringify({ answers }), 'answers.json'), '-f', 'json'],
      {
        stdin: 'ignore',
      },
    );
    expectOk(json);
    expect(parseReport(json.stdout).scores).toEqual(parseReport(yaml.stdout).scores);
  });

  test('the shipped example scores, with gaps of different sizes sorted widest first', async () => {
    const result = await runCli(['--answers', EXAMPLE, '--format', 'json'], { stdin: 'ignore' });
    expectOk(result);
    const report = parseReport(result.stdout);
    expect(report.leaning).toBe('asks-exceed-gives');
    expect(new Set(report.gaps.map((g) => g.size)).size).toBeGreaterThan(1);
  });

  test('the text report shows both scores and the balance', async () => {
    const json = parseReport((await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' })).stdout);
    const result = await runCli(['--answers', EXAMPLE], { stdin: 'ignore' });
    expectOk(result);
    expect(result.stdout).toContain(`Balance ${json.scores.balance} of 100`);
    expect(result.stdout).toContain(list.bank.title);
  });
});

describe('no answers', () => {
  test('--answers - with empty stdin → exit 2 pointing to the template', async () => {
    const result = await runCli(['--answers', '-'], { stdin: '' });
    expectInvalid(result);
    expect(result.stderr).toContain('<stdin>: is empty');
    expect(result.stderr).toContain('template');
  });

  test('a missing file and a folder are named, not thrown', async () => {
    const missing = await runCli(['--answers', dir.path('nope.yaml')], { stdin: 'ignore' });
    expectInvalid(missing);
    expect(missing.stderr).toContain(`${dir.path('nope.yaml')}: no such file`);
    const folder = await runCli(['--answers', dir.cwd], { stdin: 'ignore' });
    expectInvalid(folder);
    expect(folder.stderr).toContain(`${dir.cwd}: is a folder`);
  });
});

describe('invalid answers point at file:line:col', () => {
  test('malformed YAML → the line of the mistake', async () => {
    const path = file('answers:\n  give-time: 3\nfoo: bar: baz\n  held-accountable: 4\n');
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toMatch(new RegExp(`^${reEscape(path)}:3:\\d+: `));
    expect(result.stderr).toContain('YAML');
  });

  test('a duplicated answer → the line of the second one', async () => {
    const path = file('answers:\n  give-time: 3\n  held-accountable: 4\n  give-time: 4\n');
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toMatch(new RegExp(`^${reEscape(path)}:4:3: duplicate key "give-time"`, 'm'));
  });

  test('an unknown id → its line and column, and the id it probably meant', async () => {
    const { text, lineOf } = handWritten({
      ...makeAnswers(list, { asked: 'top', owed: 'top' }),
      'give-tme': 3,
    });
    const path = file(text);
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain(`${path}:${lineOf('give-tme')}:3: unknown question id "give-tme".`);
    expect(result.stderr).toContain('Did you mean "give-time"?');
  });

  test('a value outside the scale → its position and the allowed range', async () => {
    const giveTime = list.questions.find((q) => q.id === 'give-time');
    const max = giveTime?.scale?.max ?? Number.NaN;
    const { text, lineOf } = handWritten({
      ...makeAnswers(list, { asked: 'top', owed: 'top' }),
      'give-time': max + 1,
    });
    const path = file(text);
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    const col = 3 + 'give-time: '.length;
    expect(result.stderr).toContain(
      `${path}:${lineOf('give-time')}:${col}: give-time: expected a whole number from ${giveTime?.scale?.min} to ${max}, got ${max + 1}`,
    );
  });

  test('a choice that is not offered → the choices it probably meant', async () => {
    const { text, lineOf } = handWritten({ 'ask-before-deciding': 'look-at-mysef' });
    const path = file(text);
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain(`${path}:${lineOf('ask-before-deciding')}:`);
    expect(result.stderr).toContain('Did you mean "look-at-myself"?');
  });

  test.each([[[]], [['--answers', '-']]])(
    'errors in stdin %j are located as <stdin>:line:col',
    async (args) => {
      const { text, lineOf } = handWritten({ 'held-accountable': 4, 'give-tme': 3 });
      const unknown = await runCli(args, { stdin: text });
      expectInvalid(unknown);
      expect(unknown.stderr).toContain(`<stdin>:${lineOf('give-tme')}:3: unknown question id "give-tme".`);

      const syntax = await runCli(args, { stdin: 'answers:\n  give-time: 3\nfoo: bar: baz\n' });
      expectInvalid(syntax);
      expect(syntax.stderr).toMatch(/^<stdin>:3:\d+: /);
    },
  );

  test('a key the answers file does not know is refused', async () => {
    const path = file(`answer:\n  give-time: 3\n`);
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain(path);
  });
});

describe('too few answers to score a ledger', () => {
  test('nothing on the owed side → exit 2 naming the ledger and what to answer', async () => {
    const result = await runCli([], { stdin: answersYaml(list, makeAnswers(list, { asked: 'top' })) });
    expectInvalid(result);
    const owed = ids((q) => q.side === 'owed');
    expect(result.stderr).toContain(
      `<stdin>: too little of the owed ledger is answered to score it: 0 of ${owed.length} items, 0% of its weight`,
    );
    expect(result.stderr).toContain(`Answer more of: ${owed.join(', ')}`);
  });

  test('one asked item of many → exit 2 with the share that is needed', async () => {
    const asked = ids((q) => q.side === 'asked');
    const answers = { ...makeAnswers(list, { owed: 'top' }), [asked[1] as string]: 3 };
    const path = file(answersYaml(list, answers));
    const result = await runCli(['--answers', path], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain(
      `${path}: too little of the asked ledger is answered to score it: 1 of ${asked.length} items`,
    );
    expect(result.stderr).toMatch(/at least \d+% is needed/);
  });

  test('an answer left empty counts as skipped, not as zero', async () => {
    const answers: Record<string, AnswerValue | null> = makeAnswers(list, { asked: 'top', owed: 'top' });
    answers['give-time'] = null;
    const result = await runCli(['-f', 'json'], { stdin: handWritten(answers).text });
    expectOk(result);
    const report = parseReport(result.stdout);
    expect(report.scores.given).toBe(100);
    expect(report.missing).toEqual(['give-time']);
  });
});

describe('--fail-under', () => {
  test('101 → exit 1, the report still printed', async () => {
    const result = await runCli(['-a', EXAMPLE, '-f', 'json', '--fail-under', '101'], { stdin: 'ignore' });
    const report = parseReport(result.stdout);
    expect(result.stderr).toBe(`Balance ${report.scores.balance} is below --fail-under 101.\n`);
    expect(result.code).toBe(1);
  });

  test('0 → exit 0', async () => {
    const result = await runCli(['-a', EXAMPLE, '-f', 'json', '--fail-under', '0'], { stdin: 'ignore' });
    expectOk(result);
    parseReport(result.stdout);
  });

  test('a balance equal to the threshold passes; a hair above it fails', async () => {
    const json = parseReport((await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' })).stdout);
    const balance = json.scores.balance;
    const equal = await runCli(['-a', EXAMPLE, '--fail-under', String(balance)], { stdin: 'ignore' });
    expectOk(equal);
    const above = await runCli(['-a', EXAMPLE, '--fail-under', String(balance + 0.1)], { stdin: 'ignore' });
    expect(above.code).toBe(1);
    expect(above.stdout).toContain(`Balance ${balance} of 100`);
  });

  test.each(['abc', '-1', '102', ''])('%j is refused with exit 2', async (value) => {
    const result = await runCli(['-a', EXAMPLE, '--fail-under', value], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain('--fail-under');
  });
});

describe('colour', () => {
  const textReport = (env: Record<string, string>, extra: string[] = []) =>
    runCli(['--answers', EXAMPLE, ...extra], { stdin: 'ignore', env });

  test('NO_COLOR=1 with FORCE_COLOR unset → no escape sequences', async () => {
    const result = await textReport({ NO_COLOR: '1' });
    expectOk(result);
    expect(result.stdout).toContain('Balance');
    expect(result.stdout).not.toContain(ESC);
  });

  test('FORCE_COLOR=1 → colour, even into a pipe', async () => {
    const result = await textReport({ FORCE_COLOR: '1' });
    expectOk(result);
    expect(result.stdout).toMatch(new RegExp(`${ESC}\\[\\d+m`));
  });

  test('FORCE_COLOR=1 with --no-color → none', async () => {
    const result = await textReport({ FORCE_COLOR: '1' }, ['--no-color']);
    expectOk(result);
    expect(result.stdout).not.toContain(ESC);
  });

  test('TERM=dumb → none', async () => {
    const result = await textReport({ TERM: 'dumb' });
    expectOk(result);
    expect(result.stdout).not.toContain(ESC);
  });

  test.each(['json', 'markdown'])(
    '--format %s never carries colour, even with FORCE_COLOR=1',
    async (format) => {
      const result = await textReport({ FORCE_COLOR: '1' }, ['--format', format]);
      expectOk(result);
      expect(result.stdout).not.toContain(ESC);
    },
  );
});

describe('output formats and files', () => {
  test('--format markdown: a score table and the verdict', async () => {
    const json = parseReport((await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' })).stdout);
    const result = await runCli(['--answers', EXAMPLE, '--format', 'markdown'], { stdin: 'ignore' });
    expectOk(result);
    expect(result.stdout).toMatch(/^## /);
    expect(result.stdout).toContain('|---|---:|');
    // The row labels are wording; the order (asked, given, balance) and the numbers are the contract.
    expect(result.stdout).toMatch(
      new RegExp(
        `^\\| [^|\\n]+ \\| ${reEscape(String(json.scores.asked))} \\|\\n\\| [^|\\n]+ \\| ${reEscape(String(json.scores.given))} \\|\\n`,
        'm',
      ),
    );
    expect(result.stdout).toContain(`| **Balance** | **${json.scores.balance}** |`);
    expect(result.stdout).toContain(json.verdict);
  });

  test('-o FILE writes the report there and nothing to stdout', async () => {
    const piped = await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' });
    const out = dir.path('report.json');
    const result = await runCli(['-a', EXAMPLE, '-f', 'json', '-o', out], { stdin: 'ignore' });
    expectOk(result, `Report written to ${out}\n`);
    expect(result.stdout).toBe('');
    expect(dir.read(out)).toBe(piped.stdout);
  });

  test('-o FILE with the text format never writes colour into the file', async () => {
    const out = dir.path('report.txt');
    const result = await runCli(['-a', EXAMPLE, '--output', out], {
      stdin: 'ignore',
      env: { FORCE_COLOR: '1' },
    });
    expectOk(result, `Report written to ${out}\n`);
    expect(result.stdout).toBe('');
    const text = dir.read(out);
    expect(text).toContain('Balance');
    expect(text).not.toContain(ESC);
  });

  test('-o - is stdout', async () => {
    const result = await runCli(['-a', EXAMPLE, '-f', 'json', '-o', '-'], { stdin: 'ignore' });
    expectOk(result);
    parseReport(result.stdout);
  });

  test('--save-answers with --answers writes a file that replays to the identical JSON', async () => {
    const saved = dir.path('saved.yaml');
    const first = await runCli(['-a', EXAMPLE, '-f', 'json', '--save-answers', saved], { stdin: 'ignore' });
    expectOk(first, `Answers written to ${saved}\n`);
    const replay = await runCli(['-a', saved, '-f', 'json'], { stdin: 'ignore' });
    expectOk(replay);
    expect(replay.stdout).toBe(first.stdout);
    // It reads like a filled-in template.
    expect(dir.read(saved)).toContain('# Score it with: who-failed-whom --answers');
  });

  test('--save-answers from stdin answers replays identically too', async () => {
    const saved = dir.path('saved-stdin.yaml');
    const yaml = answersYaml(list, makeAnswers(list, { asked: 'middle', owed: 'top' }));
    const first = await runCli(['-f', 'json', '--save-answers', saved], { stdin: yaml });
    expectOk(first, `Answers written to ${saved}\n`);
    const replay = await runCli(['-a', saved, '-f', 'json'], { stdin: 'ignore' });
    expect(replay.stdout).toBe(first.stdout);
  });

  test('--save-answers onto an existing file: exit 2 without --force, the file unchanged; --force overwrites', async () => {
    // Bytes of its own: a run that wrote the file, even with the same text, would leave a string there.
    const precious = Buffer.from('precious: true\n');
    const existing = file(precious, 'existing.yaml');
    const refused = await runCli(['-a', EXAMPLE, '--save-answers', existing], { stdin: 'ignore' });
    expectInvalid(refused);
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr).toContain(existing);
    expect(dir.read(existing)).toBe('precious: true\n');
    expect(dir.entry(existing)).toBe(precious);

    const forced = await runCli(['-a', EXAMPLE, '-f', 'json', '--save-answers', existing, '--force'], {
      stdin: 'ignore',
    });
    expectOk(forced, `Answers written to ${existing}\n`);
    const replay = await runCli(['-a', existing, '-f', 'json'], { stdin: 'ignore' });
    expect(replay.stdout).toBe(forced.stdout);
  });
});

describe('template and questions', () => {
  test('template is YAML with every question id as an empty answer', async () => {
    const result = await runCli(['template'], { stdin: 'ignore' });
    expectOk(result);
    const doc = parse(result.stdout) as {
      bank: string;
      bankVersion: number;
      answers: Record<string, unknown>;
    };
    expect(doc.bank).toBe(list.bank.id);
    expect(doc.bankVersion).toBe(list.bank.version);
    expect(Object.keys(doc.answers)).toEqual(ids());
    expect(Object.values(doc.answers).every((value) => value === null)).toBe(true);
    for (const q of list.questions) expect(result.stdout).toContain(q.prompt);
  });

  test('the blank template is refused as unscorable; filled in, it scores', async () => {
    const template = (await runCli(['template'], { stdin: 'ignore' })).stdout;
    const blank = await runCli(['-a', file(template)], { stdin: 'ignore' });
    expectInvalid(blank);
    expect(blank.stderr).toContain('too little of the');

    const answers = makeAnswers(list, { asked: 'top', owed: 'bottom' });
    const filled = template.replace(/^ {2}([a-z0-9-]+):$/gm, (line, id: string) =>
      id in answers ? `${line} ${JSON.stringify(answers[id])}` : line,
    );
    const result = await runCli(['-a', file(filled), '-f', 'json'], { stdin: 'ignore' });
    expectOk(result);
    expect(parseReport(result.stdout).leaning).toBe('asks-exceed-gives');
  });

  test('questions --format json describes every question', async () => {
    const result = await runCli(['questions', '--format', 'json'], { stdin: 'ignore' });
    expectOk(result);
    const listed = JSON.parse(result.stdout) as QuestionList;
    expect(listed.bank).toEqual(
      expect.objectContaining({ id: 'who-failed-whom', version: expect.any(Number) }),
    );
    expect(listed.questions.length).toBeGreaterThan(0);
    expect(new Set(listed.questions.map((q) => q.id)).size).toBe(listed.questions.length);
    for (const q of listed.questions) {
      expect(q).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          section: expect.any(String),
          type: expect.stringMatching(/^(scale|choice|text)$/),
          prompt: expect.any(String),
        }),
      );
      expect([null, 'asked', 'owed']).toContain(q.side);
      if (q.type === 'scale') {
        expect(Number.isInteger(q.scale?.min)).toBe(true);
        expect(Number.isInteger(q.scale?.max)).toBe(true);
        expect(q.scale?.max).toBeGreaterThan(q.scale?.min ?? Number.POSITIVE_INFINITY);
      }
      if (q.type === 'choice') {
        expect(q.choices?.length).toBeGreaterThan(1);
        for (const choice of q.choices ?? []) {
          expect(typeof choice.value).toBe('string');
          // A rated choice needs a score; a reflection choice has none.
          if (q.side) expect(typeof choice.score).toBe('number');
          else expect(choice.score).toBeNull();
        }
      }
    }
    // Both ledgers exist, or there is nothing to balance.
    expect(listed.questions.some((q) => q.side === 'asked')).toBe(true);
    expect(listed.questions.some((q) => q.side === 'owed')).toBe(true);
  });

  test('questions (text) lists every id', async () => {
    const result = await runCli(['questions'], { stdin: 'ignore' });
    expectOk(result);
    for (const id of ids()) expect(result.stdout).toContain(id);
  });
});

describe('options', () => {
  test('--help describes usage and the exit codes', async () => {
    const result = await runCli(['--help'], { stdin: 'ignore' });
    expectOk(result);
    expect(result.stdout).toMatch(/^Usage: who-failed-whom/);
    expect(result.stdout).toContain('--answers');
    expect(result.stdout).toContain('Exit codes');
  });

  test('an unknown option → exit 2 with a suggestion', async () => {
    const result = await runCli(['--answer', EXAMPLE], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toContain("unknown option '--answer'");
    expect(result.stderr).toContain('Did you mean --answers?');
    expect(result.stderr).toContain('--help');
  });

  test('an unknown --format → exit 2 listing the choices', async () => {
    const result = await runCli(['-a', EXAMPLE, '--format', 'yaml'], { stdin: 'ignore' });
    expectInvalid(result);
    expect(result.stderr).toMatch(/text.*json.*markdown/);
  });
});
