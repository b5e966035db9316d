/**
 * Issue 10, finding 3: a hostile bank, answers and file names, through every command and format, in-process.
 * Nothing from them may reach stdout or stderr as something a terminal obeys: in plain mode no escape, C1, bidi
 * or zero-width character at all, and no line break but the renderer's own; in colour mode only our colours.
 */
import { describe, expect, test } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { checkBank } from '../../src/core/bank.js';
import { hasUnsafe } from '../../src/render/sanitize.js';
import { BEL, ESC, hostile } from '../support/hostile.js';
import { memoryIo } from '../support/memory-io.js';
import { builtinBankText } from './helpers.js';

const MARK = 'PAYLOAD';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The built-in bank with the payload added to every string that stays valid with it: titles, intros, prompts,
 * labels, help, choice values and labels, verdicts, source quotes, whatever fields the bank grows later.
 */
function hostileBank(): Record<string, Json> {
  const bank = parse(builtinBankText()) as Record<string, Json>;
  const visit = (node: Json) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') {
        const slot = node as Record<string, Json>;
        slot[key] = hostile(`${value} ${MARK}`);
        if (!checkBank(bank).bank) slot[key] = value;
      } else visit(value);
    }
  };
  visit(bank);
  return bank;
}

const BANK = hostileBank();
const bank = checkBank(BANK).bank;
if (!bank) throw new Error('the hostile bank must be valid');
const NAME = hostile('Dana');
const REFLECTION = hostile('We owe them time');

/** Answers for the hostile bank: the top of every scale on one side, the bottom on the other. */
function answersFor(role: 'manager' | 'rep', respondent: string): string {
  const answers: Record<string, Json> = {};
  for (const q of bank?.questions ?? []) {
    if (q.type === 'text') answers[q.id] = REFLECTION;
    else if (q.type === 'choice') answers[q.id] = q.choices?.[0]?.value ?? null;
    else if (q.scale) answers[q.id] = q.side === 'asked' ? q.scale.max : q.scale.min;
  }
  return JSON.stringify({ bank: bank?.id, bankVersion: bank?.version, role, respondent, answers });
}

/** File names that hold a newline, an escape sequence and a bidi override. */
const EVIL_OK = `ok\n${ESC}]0;x${BEL}\u202Eevil.json`;
const EVIL_BAD = `bad\nwho-failed-whom: all fine${ESC}[2J\u202E.json`;
/** Raw control characters in a plain scalar: YAML forbids them, the YAML library reads them anyway. */
const RAW = builtinBankText().replace(
  'title: Who Failed Whom?',
  `title: Who${ESC}]0;x${BEL}${ESC}[2J Failed\u202E ${MARK}`,
);
const FILES = {
  'bank.yaml': stringify(BANK),
  'raw.yaml': RAW,
  'answers.json': answersFor('manager', NAME),
  'rep.json': answersFor('rep', NAME),
  'team/manager.json': answersFor('manager', NAME),
  'team/rep-1.json': answersFor('rep', hostile('Rep one')),
  'team/rep-2.json': answersFor('rep', hostile('Rep two')),
  'team/rep-3.json': answersFor('rep', hostile('Rep three')),
  [EVIL_OK]: answersFor('manager', NAME),
  [EVIL_BAD]: JSON.stringify({ answers: { [hostile('no-such-id')]: 1 } }),
};

const B = ['--questions', 'bank.yaml'];
const TEAM = ['team', 'team', ...B, '--min-group', '1', '--show-names'];

/** What a run printed, with our own layout and (in colour) our own colours taken out: nothing may be left. */
function leftovers(text: string, colour: boolean): string[] {
  const ours = colour ? text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '') : text;
  return [...ours.replaceAll('\n', '')].filter((char) => hasUnsafe(char));
}

describe('a hostile bank, answers and file names, through every command', () => {
  // The last column: whether stdout shows the bank's words (made safe, not dropped).
  test.each([
    ['the text report', [...B, '--answers', 'answers.json'], 0, true],
    ['the text report, for a rep', [...B, '--answers', 'rep.json'], 0, true],
    ['the Markdown report', [...B, '--answers', 'answers.json', '--format', 'markdown'], 0, true],
    ['the JSON report', [...B, '--answers', 'answers.json', '--format', 'json'], 0, false],
    ['questions', ['questions', ...B], 0, true],
    ['questions as JSON', ['questions', ...B, '--format', 'json'], 0, false],
    ['template', ['template', ...B], 0, true],
    ['template for reps', ['template', ...B, '--role', 'rep'], 0, true],
    ['team, text', TEAM, 0, true],
    ['team, Markdown', [...TEAM, '--format', 'markdown'], 0, true],
    ['team, JSON', [...TEAM, '--format', 'json'], 0, false],
    ['team with a bad file skipped', [...TEAM, EVIL_BAD, '--skip-invalid'], 0, true],
    ['team with a bad file', [...TEAM, EVIL_BAD], 2, false],
    ['validate, all fine', ['validate', 'bank.yaml', EVIL_OK, ...B], 0, false],
    ['validate, a bad file', ['validate', EVIL_BAD, ...B], 2, false],
    ['a bad answers file', [...B, '--answers', EVIL_BAD], 2, false],
    ['a missing file with a hostile name', ['--answers', `${EVIL_OK}.missing`], 2, false],
    ['a hostile option', [`--${hostile('x')}`], 2, false],
    ['init -', ['init', '-', ...B], 0, true],
    ['init - from raw control characters', ['init', '-', '--questions', 'raw.yaml'], 0, true],
    ['questions, from raw control characters', ['questions', '--questions', 'raw.yaml'], 0, true],
  ])('%s: plain, and with FORCE_COLOR', async (_name, argv, code, shown) => {
    for (const colour of [false, true]) {
      const io = memoryIo({ files: FILES, env: colour ? { FORCE_COLOR: '1' } : {} });
      expect(await main(argv, io)).toBe(code);
      expect(leftovers(io.stdoutText, colour)).toEqual([]);
      expect(leftovers(io.stderrText, colour)).toEqual([]);
      if (shown) expect(io.stdoutText).toContain(MARK);
    }
  });

  test('JSON keeps the data exactly, escaped', async () => {
    const io = memoryIo({ files: FILES });
    await main([...B, '--answers', 'answers.json', '--format', 'json'], io);
    const report = JSON.parse(io.stdoutText) as { bank: { title: string }; respondent: { name: string } };
    expect(report.bank.title).toBe(bank.title);
    expect(report.respondent.name).toBe(NAME);
    expect(io.stdoutText).toContain('\\u001b]52;c;');
    expect(io.stdoutText).toContain('\\u202e');
  });

  test('saved answers keep the data exactly, escaped, and score the same', async () => {
    const io = memoryIo({ files: FILES });
    const argv = [...B, '--answers', 'answers.json', '--format', 'json'];
    await main([...argv, '--save-answers', 'saved.yaml'], io);
    const saved = io.files.get('/mem/saved.yaml') as string;
    expect(leftovers(saved, false)).toEqual([]);
    expect(saved).toContain('\\u202e');
    const replay = memoryIo({ files: { ...FILES, 'saved.yaml': saved } });
    expect(await main([...B, '--answers', 'saved.yaml', '--format', 'json'], replay)).toBe(0);
    expect(replay.stdoutText).toBe(io.stdoutText);
  });

  test('a file name cannot forge a line: one ok line per file, the name shown with escapes', async () => {
    const io = memoryIo({ files: FILES });
    await main(['validate', EVIL_OK, ...B], io);
    expect(io.stdoutText.split('\n')).toEqual([
      expect.stringMatching(/^ok\\n\\x1b\]0;x\\x07\\u202eevil\.json: ok \(answers for bank who-failed-whom/),
      '',
    ]);
  });

  test('an error about a file with a newline in its name is one line per problem, each naming it', async () => {
    const io = memoryIo({ files: FILES });
    await main(['validate', EVIL_BAD, ...B], io);
    const lines = io.stderrText.split('\n').filter(Boolean);
    const shown = 'bad\\nwho-failed-whom: all fine\\x1b[2J\\u202e.json';
    expect(lines.slice(0, -1).every((line) => line.startsWith(`${shown}:`))).toBe(true);
    expect(lines.filter((line) => line.startsWith('who-failed-whom: all fine'))).toEqual([]);
  });

  test.each([
    [
      'an option cannot forge a line either',
      '--answer\nwho-failed-whom: forged',
      ["who-failed-whom: unknown option '--answer\\nwho-failed-whom: forged'"],
    ],
    [
      "commander's suggestion keeps its own line",
      '--answer',
      ["who-failed-whom: unknown option '--answer'", '(Did you mean --answers?)'],
    ],
  ])('%s', async (_name, option, lines) => {
    const io = memoryIo({ files: FILES });
    expect(await main([option], io)).toBe(2);
    expect(io.stderrText.split('\n')).toEqual([...lines, 'Run who-failed-whom --help for usage.', '']);
  });

  test('Markdown links no mention and no reference from the files', async () => {
    const io = memoryIo({ files: FILES });
    await main([...TEAM, '--format', 'markdown'], io);
    await main([...B, '--answers', 'answers.json', '--format', 'markdown'], io);
    expect(io.stdoutText).toContain('@<!-- -->dana');
    expect(io.stdoutText).toContain('acme/crm#<!-- -->7');
    expect(io.stdoutText).not.toMatch(/@[a-z0-9]|#\d|GH-\d/i);
  });
});
