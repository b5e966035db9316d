/**
 * End-to-end through a real pseudo-terminal: pty_driver.py (Python's stdlib pty, no native Node module) runs the
 * built binary as a person would, waits for each prompt and presses keys.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import {
  type AnswerValue,
  answersYaml,
  assertBuilt,
  BIN,
  ESC,
  EXAMPLE,
  type ListedQuestion,
  listQuestions,
  type PtyStep,
  plain,
  type QuestionList,
  type RunResult,
  readText,
  runCli,
  runPty,
  STACK_FRAME,
  tempDir,
} from './helpers.js';

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

  // A signal (not a key) from outside: `kill`, a supervisor, a CI runner cancelling the job.
  test.each([
    ['INT', 130],
    ['TERM', 143],
  ])(
    'SIG%s during a prompt → exit %i, one "Interrupted" line, the cursor shown again',
    async (signal, code) => {
      const result = await runPty({
        cmd: node(),
        steps: [
          { expect: '(1/', send: ENTER },
          { expect: '(2/', signal },
        ],
      });
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      const screen = plain(result.stdout);
      expect(screen.match(/Interrupted; nothing was saved\./g)).toHaveLength(1);
      expect(screen).not.toMatch(STACK_FRAME);
      expect(result.stdout.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(result.stdout.lastIndexOf(HIDE_CURSOR));
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
    expect(/\u001b\[[0-9;]*m/.test(result.stdout)).toBe(coloured);
  });
});
