/**
 * Issue 13, layout: the report and its bars at every width from 40 columns, no line wider than the terminal and no
 * word split; the wrapping helpers as data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main, reportError } from '../../src/cli/main.js';
import { buildReport } from '../../src/core/report.js';
import { score } from '../../src/core/score.js';
import { InterruptedError } from '../../src/errors.js';
import { parseAnswers } from '../../src/input/respondent.js';
import { introduction } from '../../src/prompt/questionnaire.js';
import { plainStyle } from '../../src/render/style.js';
import { renderText } from '../../src/render/text.js';
import { messageFor, renderExamples, wrap, wrapCommand, wrapStyled } from '../../src/render/wrap.js';
import { builtinBank, ROOT } from '../support/helpers.js';
import { type MemoryIo, memoryIo } from '../support/memory-io.js';

const bank = builtinBank();
const words = (text: string) => text.split(/\s+/).filter(Boolean);

const answers = await parseAnswers(readFileSync(`${ROOT}examples/manager.yaml`, 'utf8'), 'm.yaml', bank);
const report = buildReport(bank, answers, score(bank, answers));

describe('the text report', () => {
  const wide = renderText(report, plainStyle, 1000);

  test.each(Array.from({ length: 61 }, (_, i) => 40 + i))('at %i columns', (width) => {
    const text = renderText(report, plainStyle, width);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    // The same words as laid out wide, bars aside (they are drawn to the width): none split.
    const notBars = (t: string) => words(t).filter((w) => !/[█░]/.test(w));
    expect(notBars(text)).toEqual(notBars(wide));
  });

  test('the bars sit beside their labels when there is room, under them when not', () => {
    expect(renderText(report, plainStyle, 80)).toMatch(/^ {2}What you ask of your reps +█+░* +86$/m);
    expect(renderText(report, plainStyle, 40)).toMatch(/^ {2}What you ask of your reps\n {2}█+░* +86$/m);
  });
});

describe('the introduction', () => {
  test.each([40, 50, 60, 80])('at %i columns', (width) => {
    const lines = introduction(bank, width, true).join('\n').split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    expect(words(lines.join(' '))).toEqual(expect.arrayContaining(words(bank.intro ?? '')));
  });
});

describe('wrapping', () => {
  test.each<[string, number, string]>([
    ['one two three four', 9, 'one two\nthree\nfour'],
    ['a-very-long-word-indeed here', 10, 'a-very-long-word-indeed\nhere'],
    ['', 10, ''],
  ])('wrap(%j, %i)', (text, width, wrapped) => {
    expect(wrap(text, width)).toBe(wrapped);
  });

  test('wrapStyled keeps each word in its style and breaks as the plain text would', () => {
    const upper = (t: string) => t.toUpperCase();
    const same = (t: string) => t;
    const styled = wrapStyled(
      [
        ['one two', upper],
        ['three four', same],
      ],
      12,
      '  ',
    );
    expect(styled).toBe('  ONE TWO\n  three four');
    expect(styled.toLowerCase()).toBe(wrap('one two three four', 12, '  '));
  });

  test.each<[string, number, string]>([
    ['who-failed-whom team retro/', 40, '  who-failed-whom team retro/'],
    [
      'who-failed-whom --answers a.yaml --format markdown',
      40,
      '  who-failed-whom --answers a.yaml \\\n      --format markdown',
    ],
  ])('wrapCommand(%j, %i)', (command, width, wrapped) => {
    expect(wrapCommand(command, width)).toBe(wrapped);
    for (const line of wrapped.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });

  test('examples: what each does, then the command', () => {
    expect(renderExamples([['who-failed-whom', 'answer the questions']], 40)).toBe(
      '\nExamples:\n  # answer the questions\n  who-failed-whom',
    );
  });
});

describe('messages on a terminal', () => {
  /** The memory Io, its stderr a terminal `columns` wide, or a pipe. */
  const ioAt = (columns?: number): MemoryIo => {
    const io = memoryIo({ env: { WHO_FAILED_WHOM_DATA_DIR: '/data' } });
    if (columns !== undefined) Object.assign(io.stderr, { isTTY: true, columns });
    return io;
  };
  const DRAFT = '/data/drafts/who-failed-whom/manager.json';

  test.each<[string, (io: MemoryIo) => Promise<number>]>([
    ['--no-input', (io) => main(['--no-input'], io)],
    ['help nope', (io) => main(['help', 'nope'], io)],
    ['--format jsn', (io) => main(['--format', 'jsn'], io)],
    ['-o in no folder', (io) => main(['-o', '/no/such/dir/r.md'], io)],
    ['compare without its argument', (io) => main(['compare'], io)],
    ['Ctrl-C with a draft kept', async (io) => reportError(new InterruptedError('SIGINT', DRAFT), io)],
  ])('%s: at 40 columns no word is split, and a pipe gets each line whole', async (_what, run) => {
    const piped = ioAt();
    const narrow = ioAt(40);
    expect(await run(narrow)).toBe(await run(piped));
    for (const line of narrow.stderrText.split('\n'))
      if (!line.includes(DRAFT)) expect(line.length).toBeLessThanOrEqual(40);
    expect(words(narrow.stderrText)).toEqual(words(piped.stderrText));
    expect(narrow.stderrText.split('\n').length).toBeGreaterThan(piped.stderrText.split('\n').length);
  });

  test('a line that fits, and anything written to a pipe, is left as it is', () => {
    const line = 'x '.repeat(30).trim();
    expect(messageFor(line, { isTTY: true, columns: 80 })).toBe(line);
    expect(messageFor(line, { isTTY: false, columns: 40 })).toBe(line);
    expect(messageFor(line, { isTTY: true, columns: 40 })).toBe(wrap(line, 40, '', '  '));
  });
});
