import { describe, expect, test } from '@jest/globals';
import { buildReport, leaningWords } from '../../src/core/report.js';
import { score } from '../../src/core/score.js';
import type { Answers } from '../../src/core/types.js';
import { parseAnswers } from '../../src/input/respondent.js';
import { parseSource } from '../../src/input/source.js';
import type { OutputStream } from '../../src/io.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { colorEnabled, makeStyle } from '../../src/render/color.js';
import { renderJson } from '../../src/render/json.js';
import { escapeMarkdown, renderMarkdown } from '../../src/render/markdown.js';
import { plainStyle } from '../../src/render/style.js';
import { renderText } from '../../src/render/text.js';
import { answersOf, builtinBank } from '../support/helpers.js';

const bank = builtinBank();
const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const HOSTILE = `Yes | [link](x) <script>alert(1)</script> ${ESC}[31mred${ESC}[0m ${ESC}]8;;http://evil\u0007click${ESC}]8;;\u0007 \u0007bell`;
const answers = answersOf(
  {
    'reach-financial-goals': 5,
    'follow-sales-process': 5,
    'held-accountable': 5,
    'pipeline-current': 4,
    'give-time': 1,
    'help-must-win-deals': 2,
    'remove-obstacles': 1,
    'coach-strugglers': 2,
    'time-for-most-in-need': 1,
    'protect-time-from-admin': 2,
    'everything-in-our-power': 2,
    'ask-before-deciding': 'review-their-numbers',
    'out-of-balance-view': 'not-sure',
    'what-we-owe': 'Our time, every week.',
    'commitments-equal': HOSTILE,
  },
  { respondent: `Dana | <b>${ESC}[1m`, role: 'manager' },
);
const result = score(bank, answers);
const report = buildReport(bank, answers, result);
const squash = (text: string) => text.replace(/\s+/g, ' ');
const prompt = (id: string) => bank.questions.find((q) => q.id === id)?.prompt ?? id;

describe('the fixture', () => {
  test('leans one way, has more than three gaps with article quotes, and leaves scored items out', () => {
    expect(report.leaning).toBe('asks-exceed-gives');
    expect(report.gaps.length).toBeGreaterThan(3);
    expect(report.gaps.every((g) => g.source !== null)).toBe(true);
    expect(result.missing).toEqual(expect.arrayContaining(['accurate-forecast', 'activity-levels']));
  });
});

describe('renderText', () => {
  const plain = renderText(report, plainStyle);
  const flat = squash(plain);

  test('with the plain style has no escape codes, not even from the answers', () => {
    expect(plain).not.toContain(ESC);
    expect(plain).not.toContain('\u0007');
  });

  test.each([
    ['asked', 'What you ask of your reps', report.scores.asked],
    ['given', 'What you give them', report.scores.given],
  ])('shows the %s bar, filled in proportion', (_side, caption, value) => {
    const filled = Math.round((value / 100) * 30);
    const line = plain.split('\n').find((l) => l.includes(caption));
    expect(line).toContain(
      `${'█'.repeat(filled)}${'░'.repeat(30 - filled)} ${String(Math.round(value)).padStart(3)}`,
    );
  });

  test.each([
    ['the balance', `Balance ${report.scores.balance} of 100`],
    ['the leaning', leaningWords[report.leaning]],
    ['the verdict', squash(report.verdict)],
    ['the own view', squash(report.selfView?.message ?? '(none)')],
    ['the respondent, sanitised', 'Dana | <b>'],
    ['the widest gap', `You hold reps to ${report.gaps[0]?.asked.label}`],
    ['the widest gap’s quote', squash(`“${report.gaps[0]?.source}”`)],
    ['how many more gaps there are', `…and ${report.gaps.length - 3} more`],
    ['the missing heading', 'Not answered, so left out of the score'],
    ['a missing item', squash(prompt('accurate-forecast'))],
    ['another missing item', squash(prompt('activity-levels'))],
    ['the reflections heading', 'Your reflections'],
    ['a reflection prompt', 'What do we owe our salespeople?'],
    ['a reflection answer', 'Our time, every week.'],
    ['a hostile answer, sanitised', 'Yes | [link](x) <script>alert(1)</script> red click bell'],
  ])('shows %s', (_what, expected) => {
    expect(flat).toContain(expected);
  });

  test('does not list unanswered text questions as left out of the score', () => {
    expect(flat).not.toContain(prompt('commitments-to-them'));
  });

  test('with colour has only colour codes (SGR), and is the plain text once they are stripped', async () => {
    const coloured = renderText(report, await makeStyle(true));
    expect(coloured).toContain(`${ESC}[`);
    expect(coloured.replace(SGR, '')).toBe(plain);
  });

  test('makeStyle(false) is the plain style', async () => {
    expect(renderText(report, await makeStyle(false))).toBe(plain);
  });
});

describe('renderText for a rep', () => {
  const rep = renderText({ ...report, role: 'rep' }, plainStyle);
  test.each([
    ['What your manager asks of you', true],
    ['What your manager gives you', true],
    ['Your manager holds you to', true],
    ['What you ask of your reps', false],
    ['You hold reps to', false],
  ])('%s: shown %p', (phrase, shown) => {
    expect(rep.includes(phrase)).toBe(shown);
  });
});

describe('colorEnabled', () => {
  const tty = { isTTY: true } as OutputStream;
  const pipe = { isTTY: false } as OutputStream;
  test.each([
    ['a TTY', tty, {}, true, true],
    ['a pipe', pipe, {}, true, false],
    ['a stream without isTTY', {} as OutputStream, {}, true, false],
    ['--no-color', tty, {}, false, false],
    ['--no-color beats FORCE_COLOR', tty, { FORCE_COLOR: '1' }, false, false],
    ['NO_COLOR=1', tty, { NO_COLOR: '1' }, true, false],
    ['NO_COLOR set but empty', tty, { NO_COLOR: '' }, true, true],
    ['NO_COLOR beats FORCE_COLOR', tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['TERM=dumb', tty, { TERM: 'dumb' }, true, false],
    ['TERM=xterm', tty, { TERM: 'xterm-256color' }, true, true],
    ['FORCE_COLOR=1 on a pipe', pipe, { FORCE_COLOR: '1' }, true, true],
    ['FORCE_COLOR beats TERM=dumb', pipe, { FORCE_COLOR: '1', TERM: 'dumb' }, true, true],
    ['FORCE_COLOR=0 on a pipe', pipe, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a pipe', pipe, { FORCE_COLOR: 'false' }, true, false],
  ])('%s → %p', (_what, stream, env, flag, expected) => {
    expect(colorEnabled(stream, env, flag)).toBe(expected);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(report);

  test.each([
    ['a pipe', 'a | b', 'a \\| b'],
    ['a link', '[link](x)', '\\[link\\](x)'],
    ['HTML', '<script>', '\\<script\\>'],
    ['emphasis and code', '*a* _b_ `c` ~d~', '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['newlines', 'a\r\nb\nc', 'a b c'],
    ['a CSI colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['an OSC hyperlink', `${ESC}]8;;http://evil\u0007click${ESC}]8;;\u0007`, 'click'],
  ])('escapeMarkdown: %s', (_what, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  test('escapes the reflections and strips their control sequences', () => {
    expect(md).toContain('Yes \\| \\[link\\](x) \\<script\\>alert(1)\\</script\\> red click bell');
    expect(md).not.toContain(ESC);
    expect(md).not.toContain('\u0007');
    expect(md).not.toContain('<script>');
  });

  test('escapes the respondent in the heading', () => {
    expect(md.split('\n')[0]).toBe(`## ${bank.title} — Dana \\| \\<b\\>`);
  });

  test.each([
    ['the scores table', `| **Balance** | **${report.scores.balance}** |`],
    ['the verdict', `**${leaningWords[report.leaning]}** — ${report.verdict}`],
    ['every gap, not only three', `| ${report.gaps.length} | `],
    ['a quote', `> ${report.gaps[0]?.source}`],
    ['a missing item', `- \`accurate-forecast\` — ${prompt('accurate-forecast')}`],
  ])('shows %s', (_what, expected) => {
    expect(md).toContain(expected);
  });
});

describe('renderJson', () => {
  const json = JSON.parse(renderJson(report));
  test.each([
    ['schemaVersion', json.schemaVersion, 1],
    ['scores.asked', json.scores.asked, result.asked.score],
    ['scores.given', json.scores.given, result.given.score],
    ['scores.balance', json.scores.balance, result.balance],
    ['leaning', json.leaning, result.leaning],
    ['verdict', json.verdict, bank.verdicts['asks-exceed-gives']],
    [
      'gaps (asked ids and sizes)',
      json.gaps.map((g: { asked: { id: string }; size: number }) => [g.asked.id, g.size]),
      result.gaps.map((g) => [g.asked.id, g.size]),
    ],
    ['missing', json.missing, result.missing],
    ['bank', { id: json.bank.id, version: json.bank.version }, { id: 'who-failed-whom', version: 2 }],
    [
      'the hostile answer, kept as data',
      json.reflections.find((r: { id: string }) => r.id === 'commitments-equal')?.answer,
      HOSTILE,
    ],
  ])('parses back with %s', (_what, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('renderAnswersFile', () => {
  test('the template is valid and answers nothing', async () => {
    const parsed = await parseAnswers(renderAnswersFile(bank), 'template.yaml', bank);
    expect(parsed.values.size).toBe(0);
    expect(parsed.meta).toEqual({ bank: bank.id, bankVersion: bank.version, role: 'manager' });
  });

  test('the template lists every question id, in bank order', () => {
    const data = parseSource(renderAnswersFile(bank), 'template.yaml').data as { answers: object };
    expect(Object.keys(data.answers)).toEqual(bank.questions.map((q) => q.id));
  });

  test.each<[string, Answers]>([
    ['the fixture', answers],
    [
      'awkward values',
      answersOf(
        {
          'give-time': 3,
          'out-of-balance-view': 'yes',
          'ask-before-deciding': 'look-at-myself',
          'what-we-owe': 'Line one\nline two: "quoted" # not a comment',
          'commitments-to-them': '- not a list',
          'commitments-equal': 'null',
          'time-for-those-in-need': '*alias &anchor {a: 1} ☃ 🎉',
        },
        {
          respondent: `O'Brien: "Dana" #1`,
          date: '2026-01-31',
          role: 'rep',
          bank: bank.id,
          bankVersion: bank.version,
        },
      ),
    ],
  ])('%s round-trip through the answers file', async (_what, original) => {
    const parsed = await parseAnswers(renderAnswersFile(bank, original), 'saved.yaml', bank);
    expect(Object.fromEntries(parsed.values)).toEqual(Object.fromEntries(original.values));
    expect(parsed.meta).toMatchObject({ ...original.meta, bank: bank.id, bankVersion: bank.version });
  });
});
