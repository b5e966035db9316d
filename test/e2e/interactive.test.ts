/**
 * End-to-end through a real pseudo-terminal: pty_driver.py (Python's stdlib pty, no native Node module) runs the
 * built binary as a person would, waits for each prompt and presses keys.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { parse } from 'yaml';
import { lockDocument } from '../../src/core/draft-lock.js';
import { hostile as trickery } from '../support/hostile.js';
import {
  type AnswerValue,
  answersYaml,
  type ListedQuestion,
  listQuestions,
  type QuestionList,
} from '../support/question-list.js';
import {
  assertBuilt,
  BIN,
  ESC,
  EXAMPLE,
  type PtyReport,
  type PtyStep,
  plain,
  ROOT,
  type RunResult,
  readText,
  runCli,
  runPty,
  STACK_FRAME,
  tempDir,
} from '../support/spawn-cli.js';

const ENTER = '\r';
const DOWN = `${ESC}[B`;
const LEFT = `${ESC}[D`;
const CTRL_C = '\u0003';
const SHOW_CURSOR = `${ESC}[?25h`;
/** After the report: "No more commitments", the last choice (the list does not loop, so extra presses stay there). */
const NO_COMMITMENT: PtyStep = { expect: '(1 of 3)', send: `${DOWN.repeat(12)}${ENTER}` };
const HIDE_CURSOR = `${ESC}[?25l`;

// Above runPty's own kill-timer, so a stuck session fails with the driver's account of where it stuck.
jest.setTimeout(90_000);

let list: QuestionList;
/** The questions in the order the questionnaire asks them: section by section. */
let asked: ListedQuestion[];
let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  assertBuilt();
  list = await listQuestions();
  const sections = [...new Set(list.questions.map((q) => q.section))];
  asked = sections.flatMap((section) => list.questions.filter((q) => q.section === section));
  dir = await tempDir();
});

afterAll(async () => {
  await dir?.remove();
});

const node = (...args: string[]) => [process.execPath, BIN, ...args];

let dataDirs = 0;
/** A data folder of the test's own, not made yet: the run makes it, and no other test's rounds are in it. */
function freshDataDir(): string {
  dataDirs += 1;
  return join(dir.path, `data-${dataDirs}`, 'who-failed-whom');
}

/** What the test types for a question, and the answer that is expected to record. */
interface Plan {
  keys: string;
  answer: AnswerValue;
}

/** Enter on every select (its first choice), and a sentence on every text prompt. */
function firstChoice(q: ListedQuestion): Plan {
  if (q.type === 'text') return { keys: `Typed for ${q.id}${ENTER}`, answer: `Typed for ${q.id}` };
  if (q.type === 'scale' && q.scale) return { keys: ENTER, answer: q.scale.min };
  const first = q.choices?.[0];
  if (!first) throw new Error(`${q.id} has no choices`);
  return { keys: ENTER, answer: first.value };
}

/** Arrow keys to the scale maximum on the asked side, the minimum on the owed side; the last choice otherwise. */
function varied(q: ListedQuestion): Plan {
  if (q.type === 'text') return { keys: `Why ${q.id}?${ENTER}`, answer: `Why ${q.id}?` };
  if (q.type === 'scale' && q.scale) {
    const presses = q.side === 'asked' ? q.scale.max - q.scale.min : 0;
    return { keys: DOWN.repeat(presses) + ENTER, answer: q.scale.min + presses };
  }
  const choices = q.choices ?? [];
  const last = choices[choices.length - 1];
  if (!last) throw new Error(`${q.id} has no choices`);
  return { keys: DOWN.repeat(choices.length - 1) + ENTER, answer: last.value };
}

/** One step per prompt: wait for its "(n/total)" and type the plan's keys. */
function stepsFor(plan: (q: ListedQuestion) => Plan): {
  steps: PtyStep[];
  answers: Record<string, AnswerValue>;
} {
  const answers: Record<string, AnswerValue> = {};
  const steps = asked.map((q, i) => {
    const { keys, answer } = plan(q);
    answers[q.id] = answer;
    return { expect: `(${i + 1}/${asked.length})`, send: keys };
  });
  // The review before scoring: Enter scores.
  steps.push({ expect: 'Score my answers', send: ENTER });
  return { steps, answers };
}

function expectNoCrash(result: RunResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.stderr).toBe(''); // the driver's own complaints (a step timed out) land here
  expect(plain(result.stdout)).not.toMatch(STACK_FRAME);
  expect(result.stdout).not.toMatch(/unexpected error/);
}

/** The JSON report for the same answers given as a file, to hold the interactive run against. */
async function scoreAsFile(answers: Record<string, AnswerValue>): Promise<{ scores: { balance: number } }> {
  const result = await runCli(['--format', 'json'], { stdin: answersYaml(list, answers) });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { scores: { balance: number } };
}

describe('the interactive questionnaire', () => {
  test('answering every prompt ends in the report, exit 0', async () => {
    const { steps, answers } = stepsFor(firstChoice);
    const data = freshDataDir();
    const result = await runPty({
      cmd: node(),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [...steps, { expect: 'Balance' }, NO_COMMITMENT],
    });
    expectNoCrash(result);
    const screen = plain(result.stdout);
    expect(screen).toContain(list.bank.title);
    expect(screen).toContain(`(1/${asked.length})`);
    expect(screen).toContain(`(${asked.length}/${asked.length})`);
    // The scale's labels are offered, the minimum first.
    const scale = asked.find((q) => q.type === 'scale')?.scale;
    for (const [point, label] of Object.entries(scale?.labels ?? {}))
      expect(screen).toContain(`${point}  ${label}`);
    // Enter picks the first choice, so the report is the one these answers give as a file.
    const expected = await scoreAsFile(answers);
    expect(screen).toContain(`Balance ${expected.scores.balance} of 100`);
    expect(screen).toContain('This round is kept, readable by you alone, in');
    expect(result.code).toBe(0);
  });

  test('Ctrl-C at the third prompt → exit 130, the two answers kept as a draft (not in --save-answers), the cursor shown again', async () => {
    const saved = join(dir.path, 'never.yaml');
    const data = freshDataDir();
    const result = await runPty({
      cmd: node('--save-answers', saved),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [
        { expect: '(1/', send: ENTER },
        { expect: '(2/', send: ENTER },
        { expect: '(3/', send: CTRL_C },
      ],
    });
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    const screen = plain(result.stdout);
    const draft = join(data, 'drafts', 'who-failed-whom', 'manager.json');
    expect(screen).toContain(
      `Interrupted; your answers so far are kept in\n  ${draft}\nRun the same command again to resume.`,
    );
    expect((await stat(draft)).mode & 0o777).toBe(0o600);
    expect(screen).not.toMatch(STACK_FRAME);
    expect(screen).not.toContain('(4/');
    expect(screen).not.toContain('Balance');
    // The prompt hid the cursor while it was up; the last word on the matter must be "show".
    expect(result.stdout).toContain(SHOW_CURSOR);
    expect(result.stdout.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(result.stdout.lastIndexOf(HIDE_CURSOR));
    await expect(readText(saved)).rejects.toThrow(/ENOENT/);
    await expect(stat(join(data, 'rounds'))).rejects.toThrow(/ENOENT/);
    // The run let go of the draft: the next one may keep it.
    await expect(stat(join(data, 'drafts', 'who-failed-whom', 'manager.lock'))).rejects.toThrow(/ENOENT/);
    expect(result.code).toBe(130);
  });

  // A signal (not a key) from outside: `kill`, a supervisor, a CI runner cancelling the job, a closed terminal
  // (HUP), a quit (QUIT). Each used to leave the terminal in raw mode with the cursor hidden, or not (INT, TERM).
  test.each([
    ['INT', 130],
    ['TERM', 143],
    ['HUP', 129],
    ['QUIT', 131],
  ])(
    'SIG%s during a prompt → exit %i, one "Interrupted" line, the cursor shown, the terminal out of raw mode',
    async (signal, code) => {
      const report = join(dir.path, `signal-${signal}.json`);
      const result = await runPty({
        cmd: node(),
        steps: [
          { expect: '(1/', send: ENTER },
          { expect: '(2/', signal },
        ],
        report,
      });
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      const screen = plain(result.stdout);
      expect(screen.match(/Interrupted; your answers so far are kept in/g)).toHaveLength(1);
      expect(screen).not.toMatch(STACK_FRAME);
      expect(result.stdout.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(result.stdout.lastIndexOf(HIDE_CURSOR));
      const { canonical, echo } = JSON.parse(await readText(report)) as PtyReport;
      expect({ canonical, echo }).toEqual({ canonical: true, echo: true });
      expect(result.code).toBe(code);
    },
  );

  test('--save-answers writes a file that, scored with --answers, gives the same JSON', async () => {
    const saved = join(dir.path, 'answers.yaml');
    const report = join(dir.path, 'report.json');
    const { steps, answers } = stepsFor(varied);
    const data = freshDataDir();
    const result = await runPty({
      cmd: node('--format', 'json', '-o', report, '--save-answers', saved, '--no-save'),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [...steps, NO_COMMITMENT],
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
    // --no-save: no round kept, and no folder made for one.
    expect(plain(result.stdout)).not.toContain('This round is kept');
    await expect(stat(data)).rejects.toThrow(/ENOENT/);
    const replay = await runCli(['--answers', saved, '--format', 'json'], { stdin: 'ignore' });
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toBe(await readText(report));
    // The arrow keys were honoured: the saved answers are the planned ones.
    const expected = await scoreAsFile(answers);
    expect(JSON.parse(replay.stdout).scores).toEqual(expected.scores);
  });

  test('with stdout redirected, the prompts still show (on stderr) and stdout is clean JSON', async () => {
    const out = join(dir.path, 'out.json');
    const { steps, answers } = stepsFor(firstChoice);
    const command = `exec "$0" "$1" --format json > "$2"`;
    const result = await runPty({
      cmd: ['sh', '-c', command, process.execPath, BIN, out],
      env: { WHO_FAILED_WHOM_DATA_DIR: freshDataDir() },
      steps: [...steps, NO_COMMITMENT],
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
    const screen = plain(result.stdout);
    expect(screen).toContain(`(1/${asked.length})`);
    expect(screen).not.toContain('"schemaVersion"');
    const json = await readText(out);
    expect(json).not.toContain(ESC);
    const report = JSON.parse(json) as { schemaVersion: number; scores: { balance: number } };
    expect(report.schemaVersion).toBe(1);
    expect(report.scores).toEqual((await scoreAsFile(answers)).scores);
  });
});

describe('rounds in a real terminal', () => {
  const bankYaml = parse(readFileSync(join(ROOT, 'questions', 'who-failed-whom.yaml'), 'utf8')) as {
    questions: { id: string; suggestion?: string }[];
  };
  const suggestionOf = (id: string) => bankYaml.questions.find((q) => q.id === id)?.suggestion;
  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
  const keptIn = (screen: string) =>
    /This round is kept, readable by you alone, in\s+(\S+\.yaml)/.exec(screen)?.[1];

  test('a full run keeps a round (0600 in 0700 folders) and says where; the next run asks about its ' +
    'commitment before the first question; history --format json lists both', async () => {
    const data = freshDataDir();
    const env = { WHO_FAILED_WHOM_DATA_DIR: data };
    const first = stepsFor(varied);
    const one = await runPty({
      cmd: node(),
      env,
      steps: [
        ...first.steps,
        // The first offered commitment, its words as the bank suggests them, a date; then no more.
        { expect: '(1 of 3)', send: ENTER },
        { expect: 'In your words', send: ENTER },
        { expect: 'By when?', send: `2027-03-01${ENTER}` },
        { expect: '(2 of 3)', send: `${DOWN.repeat(12)}${ENTER}` },
      ],
    });
    expectNoCrash(one);
    expect(one.code).toBe(0);
    const path = keptIn(plain(one.stdout).replace(/\n/g, ' '));
    expect(path?.startsWith(join(data, 'rounds', 'who-failed-whom', 'manager'))).toBe(true);
    const round = path ?? '';
    expect(await modeOf(round)).toBe(0o600);
    for (const folder of ['', 'rounds', 'rounds/who-failed-whom', 'rounds/who-failed-whom/manager']) {
      expect([folder, await modeOf(join(data, folder))]).toEqual([folder, 0o700]);
    }
    const kept = parse(await readText(round)) as {
      bank: string;
      bankVersion: number;
      role: string;
      date: string;
      commitments: { item: string; text: string; due: string }[];
    };
    expect(kept).toMatchObject({ bank: list.bank.id, bankVersion: list.bank.version, role: 'manager' });
    expect(kept.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(kept.commitments).toHaveLength(1);
    const [commitment] = kept.commitments;
    expect(commitment?.text).toBe(suggestionOf(commitment?.item ?? ''));
    expect(commitment?.due).toBe('2027-03-01');
    // What was kept scores as the run did.
    expect((await scoreAsFile(first.answers)).scores).toEqual(
      JSON.parse((await runCli(['--answers', round, '--format', 'json'], { stdin: 'ignore' })).stdout).scores,
    );

    const second = stepsFor(firstChoice);
    const two = await runPty({
      cmd: node(),
      env,
      steps: [
        { expect: 'Did you keep it?', send: `${DOWN}${ENTER}` },
        { expect: 'A word on how it went', send: `Half the weeks${ENTER}` },
        ...second.steps,
        NO_COMMITMENT,
      ],
    });
    expectNoCrash(two);
    expect(two.code).toBe(0);
    const screen = plain(two.stdout);
    const followUpAt = screen.indexOf('Did you keep it?');
    expect(followUpAt).toBeGreaterThan(screen.indexOf(commitment?.text ?? '\0'));
    expect(followUpAt).toBeLessThan(screen.indexOf(`(1/${asked.length})`));
    // The report opens with how it went.
    expect(screen).toContain("Last round's commitments");
    expect(screen.replace(/\s+/g, ' ')).toContain(`${commitment?.text}: ~ partly kept`);

    const history = await runCli(['history', '--format', 'json'], { stdin: 'ignore', env });
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    const rounds = (
      JSON.parse(history.stdout) as {
        rounds: { file: string; role: string; followUp: object; commitments: number }[];
      }
    ).rounds;
    expect(rounds).toHaveLength(2);
    expect(rounds[0]).toMatchObject({ file: round, role: 'manager', commitments: 1 });
    expect(rounds[1]).toMatchObject({ role: 'manager', followUp: { kept: 0, partly: 1, 'not-kept': 0 } });
    const again = parse(await readText(rounds[1]?.file ?? '')) as { followUp: object[] };
    expect(again.followUp).toEqual([
      { text: commitment?.text, item: commitment?.item, status: 'partly', note: 'Half the weeks' },
    ]);
  }, 180_000);

  test("a rep with --commitments is asked about the manager's commitments first, and picks none", async () => {
    const manager = join(dir.path, 'manager-with-commitments.yaml');
    const text = (await readText(EXAMPLE)).concat(
      'commitments:\n  - item: coach-strugglers\n    text: Coach whoever is behind, an hour a week\n',
    );
    await writeFile(manager, text);
    const data = freshDataDir();
    const repQuestions = (await runCli(['template', '--role', 'rep'], { stdin: 'ignore' })).stdout.match(
      /^ {2}[a-z0-9-]+:$/gm,
    );
    const total = repQuestions?.length ?? 0;
    const steps = Array.from({ length: total }, (_, i) => ({ expect: `(${i + 1}/${total})`, send: ENTER }));
    const result = await runPty({
      cmd: node('--role', 'rep', '--commitments', manager),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [
        { expect: 'Did your manager keep this?', send: `${DOWN}${DOWN}${ENTER}` },
        { expect: 'A word on how it went', send: ENTER },
        ...steps,
        { expect: 'Score my answers', send: ENTER },
      ],
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
    const screen = plain(result.stdout);
    expect(screen.indexOf('Coach whoever is behind, an hour a week')).toBeLessThan(screen.indexOf('(1/'));
    // A rep makes no commitments: no picking after the report.
    expect(screen).not.toContain('(1 of 3)');
    const kept = keptIn(screen.replace(/\n/g, ' ')) ?? '';
    expect(kept.startsWith(join(data, 'rounds', 'who-failed-whom', 'rep'))).toBe(true);
    expect((parse(await readText(kept)) as { followUp: object[] }).followUp).toEqual([
      { text: 'Coach whoever is behind, an hour a week', item: 'coach-strugglers', status: 'not-kept' },
    ]);
  });

  test('Ctrl-C while picking commitments → exit 130, no round kept, the answers kept as a draft', async () => {
    const data = freshDataDir();
    const { steps } = stepsFor(firstChoice);
    const result = await runPty({
      cmd: node(),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [...steps, { expect: '(1 of 3)', send: CTRL_C }],
    });
    expect(result.timedOut).toBe(false);
    expect(plain(result.stdout)).toContain('Interrupted; your answers so far are kept in');
    expect(result.code).toBe(130);
    await expect(stat(join(data, 'rounds'))).rejects.toThrow(/ENOENT/);
    expect((await stat(join(data, 'drafts', 'who-failed-whom', 'manager.json'))).isFile()).toBe(true);
  });
});

describe('colour in a real terminal', () => {
  const report = (env: Record<string, string>, unsetEnv: string[]) =>
    runPty({ cmd: node('--answers', EXAMPLE), steps: [], env, unsetEnv });

  test('on by default', async () => {
    const result = await report({}, ['NO_COLOR', 'FORCE_COLOR']);
    expectNoCrash(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${ESC}\\[\\d+m`));
  });

  test.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }],
    ['TERM=dumb', { TERM: 'dumb' }],
  ])('off with %s', async (_name, env) => {
    const result = await report(env, ['NO_COLOR', 'FORCE_COLOR']);
    expectNoCrash(result);
    expect(result.code).toBe(0);
    expect(plain(result.stdout)).toContain('Balance');
    expect(result.stdout).not.toContain(ESC);
  });

  test('off with --no-color', async () => {
    const result = await runPty({
      cmd: node('--answers', EXAMPLE, '--no-color'),
      steps: [],
      unsetEnv: ['NO_COLOR', 'FORCE_COLOR'],
    });
    expectNoCrash(result);
    expect(result.stdout).not.toContain(ESC);
  });

  // Issue 13: the prompts, not only the report.
  test.each([
    ['--no-color', ['--no-color'], {}, false],
    ['NO_COLOR=1', [], { NO_COLOR: '1' }, false],
    ['neither', [], {}, true],
  ])('the questionnaire with %s', async (_what, args, env, coloured) => {
    const result = await runPty({
      cmd: node(...args),
      steps: [
        { expect: '(1/', send: '3' },
        { expect: '(2/', send: CTRL_C },
      ],
      env,
      unsetEnv: ['NO_COLOR', 'FORCE_COLOR'],
    });
    expect(result.timedOut).toBe(false);
    expect(plain(result.stdout)).toMatch(/›\s+3\s+Somewhat/);
    expect(new RegExp(`${ESC}\\[[0-9;]*m`).test(result.stdout)).toBe(coloured);
  });
});

/** A bank whose first question asks for text, so a paste can be tried at once. */
const PASTE_BANK = `id: paste
version: 1
title: Paste
scales:
  s: { min: 1, max: 5, labels: { 1: One, 5: Five } }
verdicts: { asks-exceed-gives: A, balanced: B, gives-exceed-asks: C }
sections:
  - { id: words, title: Words }
  - { id: scored, title: Scored }
questions:
  - { id: note, section: words, type: text, prompt: Say something }
  - { id: ask, section: scored, type: scale, scale: s, side: asked, prompt: Ask?, supportedBy: [owe] }
  - { id: owe, section: scored, type: scale, scale: s, side: owed, prompt: Owe? }
`;

describe('pasting into a text answer (issue 10, finding 10)', () => {
  let bankFile: string;
  beforeAll(async () => {
    bankFile = join(dir.path, 'paste-bank.yaml');
    await writeFile(bankFile, PASTE_BANK);
  });

  /** Pastes `text` and Enter at the text question, answers the rest, and saves the answers. */
  async function paste(text: string, name: string) {
    const saved = join(dir.path, `${name}.yaml`);
    const report = join(dir.path, `${name}.json`);
    const result = await runPty({
      cmd: node(
        '--questions',
        bankFile,
        '--save-answers',
        saved,
        '--format',
        'json',
        '-o',
        join(dir.path, 'r'),
        '--no-save',
      ),
      steps: [
        { expect: '(1/3)', send: text + ENTER },
        { expect: '(2/3)', send: ENTER, timeout: 30 },
        { expect: '(3/3)', send: ENTER },
        { expect: 'Score my answers', send: ENTER },
        NO_COMMITMENT,
      ],
      report,
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
    const answer = (await readText(saved)).match(/^ {2}note: (".*")$/m)?.[1];
    return {
      result,
      answer: answer === undefined ? undefined : (JSON.parse(answer) as string),
      seconds: (JSON.parse(await readText(report)) as PtyReport).steps[1]?.seconds,
    };
  }

  const words = (length: number) => 'the deals they cannot move alone, '.repeat(length / 30).slice(0, length);

  test('a 10 KB paste is taken in under a second, whole (it took 36 s)', async () => {
    const text = words(10_240);
    const { answer, seconds } = await paste(text, 'paste-10k');
    expect(seconds).toBeLessThan(1);
    expect(answer).toBe(text.trim());
  });

  test('a paste longer than 20,000 characters keeps the first 20,000, and says so', async () => {
    const text = words(100_000);
    const { result, answer, seconds } = await paste(text, 'paste-100k');
    expect(seconds).toBeLessThan(5);
    expect(answer).toBe(text.slice(0, 20_000).trim());
    expect(plain(result.stdout)).toContain('Kept the first 20,000 characters of that answer.');
  });

  test('Ctrl-C after a long paste ends the run at once: exit 130 (it was not heard)', async () => {
    const report = join(dir.path, 'paste-ctrl-c.json');
    const result = await runPty({
      cmd: node('--questions', bankFile),
      steps: [{ expect: '(1/3)', send: words(300_000) + CTRL_C }, { expect: 'Interrupted' }],
      report,
    });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(130);
    expect((JSON.parse(await readText(report)) as PtyReport).steps[1]?.seconds).toBeLessThan(5);
  });
});

describe("a custom bank's own text in the questionnaire (issue 10, finding 3)", () => {
  /** The clipboard, the title, a link, a cleared screen, an overwritten line, reversed and hidden text. */
  const hostile = (word: string) => JSON.stringify(trickery(word));
  const bank = `id: hostile
version: 1
title: ${hostile('Title')}
intro: ${hostile('Intro')}
scales:
  s: { min: 1, max: 2, labels: { 1: ${hostile('Label')}, 2: Two } }
verdicts: { asks-exceed-gives: A, balanced: B, gives-exceed-asks: C }
sections:
  - { id: one, title: ${hostile('Section')}, intro: ${hostile('Section intro')} }
questions:
  - id: ask
    section: one
    type: scale
    scale: s
    side: asked
    prompt: ${hostile('Prompt')}
    help: ${hostile('Help')}
    supportedBy: [owe]
  - id: owe
    section: one
    type: choice
    scale: s
    side: owed
    prompt: Owe?
    choices: [{ value: a, label: ${hostile('Choice')}, score: 1 }, { value: b, label: Other, score: 2 }]
  - { id: note, section: one, type: text, prompt: ${hostile('Text prompt')} }
`;

  test('reaches the screen without a single sequence or character of its own: only the words', async () => {
    const file = join(dir.path, 'hostile-bank.yaml');
    await writeFile(file, bank);
    const result = await runPty({
      cmd: node('--questions', file, '--format', 'json', '-o', join(dir.path, 'hostile.json'), '--no-save'),
      steps: [
        // "What does this mean?" is the third choice: Enter shows its help under the list; 1 then answers.
        { expect: '(1/3)', send: DOWN + DOWN + ENTER },
        { expect: 'Helplink', send: '1' },
        { expect: '(2/3)', send: ENTER },
        { expect: '(3/3)', send: `typed${ENTER}` },
        // --no-save without --save-answers: no commitments are asked (they would be kept nowhere).
        { expect: 'Score my answers', send: ENTER },
      ],
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
    const raw = result.stdout;
    for (const word of ['Title', 'Intro', 'Section', 'Section intro', 'Prompt', 'Label', 'Help', 'Choice'])
      expect(plain(raw)).toContain(`${word}link FORGED desrever`);
    expect(raw).not.toContain(`${ESC}]`); // OSC: clipboard, title, hyperlink
    expect(raw).not.toContain(`${ESC}[2J`);
    expect(raw).not.toContain('\rFORGED');
    expect(raw).not.toMatch(/[\u0080-\u009f\u202e\u200b]/);
  });
});

describe('issue 13: a manager seven minutes, in a real terminal', () => {
  test('answer four, Ctrl-C, start again and resume, ← back one, change it, finish: three as given, the fourth changed', async () => {
    const data = freshDataDir();
    const env = { WHO_FAILED_WHOM_DATA_DIR: data };
    const total = asked.length;
    const draft = join(data, 'drafts', 'who-failed-whom', 'manager.json');
    const first = await runPty({
      cmd: node(),
      env,
      cols: 60,
      steps: [
        { expect: `(1/${total})`, send: '4' },
        { expect: `(2/${total})`, send: '3' },
        { expect: `(3/${total})`, send: '5' },
        { expect: `(4/${total})`, send: '2' },
        { expect: `(5/${total})`, send: CTRL_C },
      ],
    });
    expect(first.code).toBe(130);
    expect(plain(first.stdout)).toContain('Interrupted; your answers so far are kept in');
    expect((await stat(draft)).mode & 0o777).toBe(0o600);
    expect((await stat(join(data, 'drafts'))).mode & 0o777).toBe(0o700);

    const report = join(dir.path, 'seven-minutes.json');
    const rest = asked.slice(4).map((_, i) => ({ expect: `(${i + 5}/${total})`, send: ENTER }));
    const second = await runPty({
      cmd: node('--format', 'json', '-o', report),
      env,
      cols: 60,
      steps: [
        { expect: 'You have unfinished answers', send: ENTER },
        { expect: `(5/${total})`, send: LEFT },
        { expect: `(4/${total})`, send: '1' },
        ...rest,
        { expect: 'Score my answers', send: ENTER },
        NO_COMMITMENT,
      ],
    });
    expectNoCrash(second);
    expect(second.code).toBe(0);
    const json = JSON.parse(await readText(report)) as {
      ledgers: { asked: { items: { id: string; answer: number }[] } };
    };
    const given = Object.fromEntries(json.ledgers.asked.items.map((i) => [i.id, i.answer]));
    expect(asked.slice(0, 4).map((q) => given[q.id])).toEqual([4, 3, 5, 1]);
    // A finished draft is removed.
    await expect(stat(draft)).rejects.toThrow(/ENOENT/);
  });

  test('-o /no/such/dir/r.md fails before the first question, exit 2', async () => {
    const result = await runPty({ cmd: node('-o', '/no/such/dir/r.md'), steps: [] });
    expect(result.code).toBe(2);
    const screen = plain(result.stdout);
    expect(screen).toContain('/no/such/dir/r.md: cannot write it: its folder does not exist');
    expect(screen).not.toContain('(1/');
  });

  test('a data folder that cannot hold a draft fails before the first question, exit 2', async () => {
    const file = join(dir.path, 'not-a-folder');
    await writeFile(file, 'x');
    const result = await runPty({ cmd: node(), env: { WHO_FAILED_WHOM_DATA_DIR: file }, steps: [] });
    expect(result.code).toBe(2);
    // Wrapped at the terminal's width, between words.
    const screen = plain(result.stdout).replace(/\s+/g, ' ');
    expect(screen).toMatch(/cannot keep your answers there as you go/);
    expect(screen).not.toContain('(1/');
  });

  test("a draft held by a running process is refused before the first question; a gone one's is taken over", async () => {
    const data = freshDataDir();
    const folder = join(data, 'drafts', 'who-failed-whom');
    const lock = join(folder, 'manager.lock');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const held = (pid: number) =>
      writeFile(lock, lockDocument({ pid, startedAt: '2026-12-01T10:00:00.000Z' }), { mode: 0o600 });
    // This test's own process: running, and not the questionnaire's.
    await held(process.pid);
    const refused = await runPty({ cmd: node(), env: { WHO_FAILED_WHOM_DATA_DIR: data }, steps: [] });
    expect(refused.code).toBe(2);
    const screen = plain(refused.stdout).replace(/\s+/g, ' ');
    expect(screen).toContain(`another questionnaire (pid ${process.pid}, since 2026-12-01 10:00 UTC)`);
    expect(screen).not.toContain('(1/');

    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await held(gone);
    const result = await runPty({
      cmd: node(),
      env: { WHO_FAILED_WHOM_DATA_DIR: data },
      steps: [{ expect: '(1/', send: CTRL_C }],
    });
    expect(result.code).toBe(130);
    await expect(stat(lock)).rejects.toThrow(/ENOENT/);
  });

  test('--no-input exits 2 at once on a terminal, naming --answers', async () => {
    const result = await runPty({ cmd: node('--no-input'), steps: [] });
    expect(result.code).toBe(2);
    expect(plain(result.stdout).replace(/\s+/g, ' ')).toMatch(/--no-input: .*pass --answers FILE/);
    expect(plain(result.stdout)).not.toContain('(1/');
  });
});
