/**
 * End-to-end through a real pseudo-terminal: pty_driver.py (Python's stdlib pty, no native Node module) runs the
 * built binary as a person would, waits for each prompt and presses keys.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
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
  type RunResult,
  readText,
  runCli,
  runPty,
  STACK_FRAME,
  tempDir,
} from '../support/spawn-cli.js';

const ENTER = '\r';
const DOWN = `${ESC}[B`;
const CTRL_C = '\u0003';
const SHOW_CURSOR = `${ESC}[?25h`;
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
    const result = await runPty({ cmd: node(), steps: [...steps, { expect: 'Balance' }] });
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
    expect(result.code).toBe(0);
  });

  test('Ctrl-C at the third prompt → exit 130, nothing saved, the cursor shown again', async () => {
    const saved = join(dir.path, 'never.yaml');
    const result = await runPty({
      cmd: node('--save-answers', saved),
      steps: [
        { expect: '(1/', send: ENTER },
        { expect: '(2/', send: ENTER },
        { expect: '(3/', send: CTRL_C },
      ],
    });
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    const screen = plain(result.stdout);
    expect(screen).toContain('Interrupted; nothing was saved.');
    expect(screen).not.toMatch(STACK_FRAME);
    expect(screen).not.toContain('(4/');
    expect(screen).not.toContain('Balance');
    // The prompt hid the cursor while it was up; the last word on the matter must be "show".
    expect(result.stdout).toContain(SHOW_CURSOR);
    expect(result.stdout.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(result.stdout.lastIndexOf(HIDE_CURSOR));
    await expect(readText(saved)).rejects.toThrow(/ENOENT/);
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
      expect(screen.match(/Interrupted; nothing was saved\./g)).toHaveLength(1);
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
    const result = await runPty({
      cmd: node('--format', 'json', '-o', report, '--save-answers', saved),
      steps,
    });
    expectNoCrash(result);
    expect(result.code).toBe(0);
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
    const result = await runPty({ cmd: ['sh', '-c', command, process.execPath, BIN, out], steps });
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
      ),
      steps: [
        { expect: '(1/3)', send: text + ENTER },
        { expect: '(2/3)', send: ENTER, timeout: 30 },
        { expect: '(3/3)', send: ENTER },
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
      cmd: node('--questions', file, '--format', 'json', '-o', join(dir.path, 'hostile.json')),
      steps: [
        // "What does this mean?" is the third choice: its help is printed, then the question is asked again.
        { expect: '(1/3)', send: DOWN + DOWN + ENTER },
        { expect: '(1/3)', send: ENTER },
        { expect: '(2/3)', send: ENTER },
        { expect: '(3/3)', send: `typed${ENTER}` },
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
