/**
 * Issue 13, the questionnaire through its real prompts, in-process on a fake terminal: number keys, ← and
 * Backspace, the review before scoring, colour only when asked for, and layout at narrow widths.
 */
import { describe, expect, test } from '@jest/globals';
import type { Answers, AnswerValue } from '../../src/core/types.js';
import { InterruptedError } from '../../src/errors.js';
import { askingOrder, runQuestionnaire } from '../../src/prompt/questionnaire.js';
import type { Walk } from '../../src/prompt/walk.js';
import { chalkStyle } from '../../src/render/chalk-style.js';
import { plainStyle, type Style } from '../../src/render/style.js';
import { type FakeTerminal, fakeTerminal, KEY } from '../support/fake-terminal.js';
import { builtinBank } from '../support/helpers.js';

const bank = builtinBank();
const order = askingOrder(bank);
const total = order.length;
const SGR = new RegExp(`${'\u001b'}\\[[0-9;]*m`);

function start(
  terminal: FakeTerminal,
  more: {
    style?: Style;
    resume?: { values: Map<string, AnswerValue>; position: number };
    progress?: Walk[];
  } = {},
): Promise<Answers> {
  return runQuestionnaire(bank, {
    input: terminal.input,
    output: terminal.output,
    style: more.style ?? plainStyle,
    role: 'manager',
    ...(more.resume ? { resume: more.resume } : {}),
    onProgress: async (walk) => {
      more.progress?.push(walk);
    },
  });
}

/** Every question from `from` on: Enter on a list (its first point), an empty line on a text question. */
async function enterThrough(terminal: FakeTerminal, from: number): Promise<void> {
  for (let i = from; i <= total; i++) await terminal.step(`(${i}/${total})`, KEY.enter);
}

describe('navigation', () => {
  test('number keys answer at once; ← goes back to change an answer; the review scores on Enter', async () => {
    const terminal = fakeTerminal();
    const progress: Walk[] = [];
    const done = start(terminal, { progress });
    await terminal.step(`(1/${total})`, '4');
    await terminal.step(`(2/${total})`, '3');
    await terminal.step(`(3/${total})`, '5');
    await terminal.step(`(4/${total})`, '2');
    await terminal.step(`(5/${total})`, KEY.left);
    await terminal.step(`(4/${total})`, '5');
    await enterThrough(terminal, 5);
    await terminal.step('Your answers', KEY.enter);
    const answers = await done;
    const [a, b, c, d] = order;
    expect(answers.values.get(a?.id ?? '')).toBe(4);
    expect(answers.values.get(b?.id ?? '')).toBe(3);
    expect(answers.values.get(c?.id ?? '')).toBe(5);
    expect(answers.values.get(d?.id ?? '')).toBe(5);
    // Every answer was told as it was given, the changed one too.
    expect(progress.map((w) => w.values.get(d?.id ?? '')).filter((v) => v !== undefined)).toEqual([
      2,
      5,
      ...Array(total - 4).fill(5),
    ]);
  });

  test('Backspace goes back too, on a list and on an empty text line', async () => {
    const terminal = fakeTerminal();
    const done = start(terminal);
    await terminal.step(`(1/${total})`, '2');
    await terminal.step(`(2/${total})`, KEY.backspace);
    await terminal.step(`(1/${total})`, '1');
    const firstText = order.findIndex((q) => q.type === 'text') + 1;
    for (let i = 2; i < firstText; i++) await terminal.step(`(${i}/${total})`, KEY.enter);
    await terminal.step(`(${firstText}/${total})`, 'Our time');
    await terminal.step('Our time', KEY.enter);
    await terminal.step(`(${firstText + 1}/${total})`, KEY.backspace);
    // Back on the text question, the answer is there to edit: Backspace now deletes, it does not go back.
    await terminal.step(`(${firstText}/${total})`, `${KEY.backspace.repeat(4)}money`);
    await terminal.step('Our money', KEY.enter);
    await enterThrough(terminal, firstText + 1);
    await terminal.step('Your answers', KEY.enter);
    const answers = await done;
    expect(answers.values.get(order[0]?.id ?? '')).toBe(1);
    expect(answers.values.get(order[firstText - 1]?.id ?? '')).toBe('Our money');
  });

  test('the review lists every answer and changes any; Enter on its first line scores', async () => {
    const terminal = fakeTerminal(100, 100);
    const done = start(terminal);
    await enterThrough(terminal, 1);
    await terminal.step('Your answers');
    const screen = terminal.screen().join('\n');
    const review = screen.slice(screen.lastIndexOf('Your answers')).replace(/\s+/g, ' ');
    expect(review).toMatch(/❯ Score my answers/);
    for (const [i, q] of order.entries()) expect(review).toContain(`${i + 1}. ${q.label || q.prompt}: `);
    await terminal.step('Score my answers', `${KEY.down}${KEY.down}${KEY.enter}`);
    await terminal.step(`(2/${total})`, '4');
    // Straight back to the review, not to question 3.
    await terminal.step('Your answers', KEY.enter);
    const answers = await done;
    expect(answers.values.get(order[1]?.id ?? '')).toBe(4);
    expect(answers.values.get(order[0]?.id ?? '')).toBe(1);
  });

  test('the hint says a number needs no Enter, and offers ← only where there is a question before', async () => {
    const terminal = fakeTerminal();
    start(terminal).catch(() => {});
    await terminal.step(`(1/${total})`, '1');
    await terminal.step(`(2/${total})`);
    const [first = '', second = ''] = terminal.text().split(`(2/${total})`);
    expect(first).toContain('1–5 picks at once, no Enter needed');
    expect(first).not.toContain('← back');
    expect(second).toContain('← back');
    terminal.input.write(KEY.ctrlC);
  });

  test('Ctrl-C stops with an interruption', async () => {
    const terminal = fakeTerminal();
    const done = start(terminal);
    await terminal.step(`(1/${total})`, KEY.ctrlC);
    await expect(done).rejects.toBeInstanceOf(InterruptedError);
  });

  test('a resumed walk starts where it stopped, earlier answers kept', async () => {
    const terminal = fakeTerminal();
    const values = new Map<string, AnswerValue>([[order[0]?.id ?? '', 5]]);
    const done = start(terminal, { resume: { values, position: 1 } });
    await terminal.step(`You have unfinished answers (1 of ${total} answered)`, KEY.enter);
    await terminal.step(`(2/${total})`, KEY.left);
    await terminal.step(`(1/${total})`);
    // The earlier answer is where the cursor starts.
    expect(terminal.text().split(`(1/${total})`).at(-1)).toMatch(/❯ 5 {2}Without exception/);
    terminal.input.write(KEY.enter);
    await enterThrough(terminal, 2);
    await terminal.step('Your answers', KEY.enter);
    expect((await done).values.get(order[0]?.id ?? '')).toBe(5);
    expect(terminal.text()).not.toContain(`(1/${total}) ${order[0]?.prompt} › 1`);
  });
});

describe('colour and layout', () => {
  test.each([
    ['plain (--no-color, NO_COLOR)', plainStyle, false],
    ['colour', chalkStyle(), true],
  ])('%s', async (_what, style, coloured) => {
    const terminal = fakeTerminal();
    const done = start(terminal, { style });
    await terminal.step(`(1/${total})`, KEY.ctrlC);
    await done.catch(() => {});
    expect(SGR.test(terminal.raw())).toBe(coloured);
  });

  test('a terminal narrowed during a question: its next frame is laid out for the new width, wrapped lines indented', async () => {
    const terminal = fakeTerminal(100);
    const done = start(terminal);
    await terminal.step(`(1/${total})`, '2');
    await terminal.step(`(2/${total})`);
    terminal.output.columns = 40;
    terminal.input.write('2');
    await terminal.step(`(3/${total})`, KEY.ctrlC);
    await done.catch(() => {});
    const text = terminal.text();
    const after = text.slice(text.lastIndexOf(`(2/${total})`)).split('\n');
    expect(after.length).toBeGreaterThan(5);
    // Laid out by the questionnaire, every line within 40 and a wrapped one indented under its question; not
    // rewrapped by the prompt library at the edge, which loses the indent.
    for (const line of after.slice(1, -1)) expect(line).toMatch(/^[ ?❯✔]/);
    for (const line of after) expect(line.length).toBeLessThanOrEqual(40);
  });

  test.each([40, 60])(
    'at %i columns no line is wider and no word of the intro or a prompt is split',
    async (columns) => {
      const terminal = fakeTerminal(columns);
      const done = start(terminal);
      for (let i = 1; i <= 3; i++) await terminal.step(`(${i}/${total})`, '2');
      await terminal.step(`(4/${total})`, KEY.ctrlC);
      await done.catch(() => {});
      const lines = terminal.screen();
      expect(terminal.overflows()).toBe(0);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      const words = new Set(lines.flatMap((line) => line.split(/\s+/)));
      const intro = (bank.intro ?? '').split(/\s+/).filter(Boolean);
      for (const word of [...intro, ...order.slice(0, 4).flatMap((q) => q.prompt.split(/\s+/))]) {
        expect(words).toContain(word);
      }
    },
  );
});
