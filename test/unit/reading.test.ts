/** The pieces every input shares: the capped stream reader, the file-error words, the one answers reader. */
import { Readable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import { checkAnswers } from '../../src/core/answers.js';
import { fileErrorReason } from '../../src/errors.js';
import { csvRespondents } from '../../src/input/csv.js';
import { readRespondent } from '../../src/input/respondent.js';
import { parseSource, problemLines } from '../../src/input/source.js';
import { MAX_INPUT_BYTES, readCapped, TOO_LARGE } from '../../src/limits.js';
import { builtinBank, positionOf } from '../support/helpers.js';

const bank = builtinBank();

describe('readCapped', () => {
  test('reads a stream of bytes and strings to its end', async () => {
    const bytes = await readCapped(Readable.from([Buffer.from('answers:\n'), '  give-time: 3\n']));
    expect(bytes.toString()).toBe('answers:\n  give-time: 3\n');
  });

  test('exactly the cap is read; a byte more is refused as a file too large, and the stream is destroyed', async () => {
    const half = Buffer.alloc(MAX_INPUT_BYTES / 2, 'a');
    expect((await readCapped(Readable.from([half, half]))).length).toBe(MAX_INPUT_BYTES);
    const stream = Readable.from([half, half, Buffer.from('b')]);
    await expect(readCapped(stream)).rejects.toMatchObject({ code: 'EFBIG', message: TOO_LARGE });
    expect(stream.destroyed).toBe(true);
  });
});

describe('fileErrorReason: one table of file-system refusals, by what was being done', () => {
  test.each([
    ['read', 'ENOENT', 'no such file'],
    ['write', 'ENOENT', 'its folder does not exist'],
    ['list', 'ENOENT', 'this folder went away while it was being read'],
    ['read', 'EISDIR', 'is a folder, not a file'],
    ['write', 'EISDIR', 'it is a folder'],
    ['read', 'EACCES', 'permission denied'],
    ['list', 'EPERM', 'cannot read this folder (permission denied)'],
    ['read', 'EFBIG', TOO_LARGE],
    ['write', 'ENOSPC', 'the disk is full'],
    ['list', 'EMFILE', 'cannot read this folder (too many files open)'],
  ] as const)('%s %s → %j', (action, code, words) => {
    expect(fileErrorReason(action, code)).toBe(words);
  });

  test.each([
    ['read', 'ENOSPC'],
    ['write', 'EFBIG'],
    ['read', 'EWHATEVER'],
    ['read', '__proto__'],
    ['write', undefined],
    ['write', null],
  ] as const)('%s %s has no words: the caller says what it can', (action, code) => {
    expect(fileErrorReason(action, code)).toBeUndefined();
  });
});

describe('readRespondent: one reader, one type, for scoring runs and team runs', () => {
  const OTHER_VERSION = 'bankVersion: 9\nanswers:\n  give-time: 3\n';

  test('a clean file: its answers, named', async () => {
    const respondent = await readRespondent('answers:\n  give-time: 3\n', 'a.yaml', bank);
    expect(respondent).toMatchObject({ ok: true, name: 'a.yaml' });
    expect(respondent.ok && [...respondent.answers.values]).toEqual([['give-time', 3]]);
  });

  test('a bad file: its lines, located, and the hint a scoring run shows', async () => {
    const text = 'answers:\n  give-tme: 3\n';
    const respondent = await readRespondent(text, 'a.yaml', bank);
    expect(respondent).toEqual({
      ok: false,
      name: 'a.yaml',
      lines: [expect.stringMatching(`^${positionOf(text, 'give-tme', 'a.yaml')}: unknown question id`)],
      hint: 'See the allowed answers with: who-failed-whom template',
    });
  });

  test('a warning: heard with its position when the caller listens, taken as it is when not', async () => {
    const heard: string[] = [];
    const listened = await readRespondent(OTHER_VERSION, 'v.yaml', bank, {
      warn: (line) => heard.push(line),
    });
    expect(listened.ok).toBe(true);
    expect(heard).toEqual([
      `${positionOf(OTHER_VERSION, '9', 'v.yaml')}: warning: answers were made for version 9 of bank who-failed-whom; this is version 2`,
    ]);
    expect((await readRespondent(OTHER_VERSION, 'v.yaml', bank)).ok).toBe(true);
  });

  test('strict: the warning refuses the file', async () => {
    const respondent = await readRespondent(OTHER_VERSION, 'v.yaml', bank, { strict: true });
    expect(respondent.ok).toBe(false);
  });

  test('a row of a form export comes as the same respondent, named by its line', async () => {
    const [row] = csvRespondents('give-time\n3\n', 'r.csv', bank);
    expect(row).toMatchObject({ ok: true, name: 'r.csv:2' });
    const file = await readRespondent('answers:\n  give-time: 3\n', 'a.yaml', bank);
    expect(Object.keys(row ?? {}).sort()).toEqual(Object.keys(file).sort());
  });
});

describe('core problems name no option or command; the input layer says what to do', () => {
  const text = 'bank: other\nanswers:\n  give-tme: 3\n';
  const { problems } = checkAnswers(parseSource(text, 'a.yaml').data, bank);

  test('the core gives the facts and a remedy', () => {
    expect(problems.map((p) => [p.message, p.remedy])).toEqual([
      ['these answers are for the bank "other", not "who-failed-whom"', 'the-other-bank'],
      ['unknown question id "give-tme". Did you mean "give-time"?', 'the-question-ids'],
    ]);
    for (const p of problems) expect(p.message).not.toMatch(/--|who-failed-whom [a-z]/);
  });

  test('the lines name the option and the command', () => {
    expect(problemLines(parseSource(text, 'a.yaml'), problems)).toEqual([
      `${positionOf(text, 'other', 'a.yaml')}: these answers are for the bank "other", not "who-failed-whom"; pass its bank with --questions`,
      `${positionOf(text, 'give-tme', 'a.yaml')}: unknown question id "give-tme". Did you mean "give-time"? See the ids with: who-failed-whom questions`,
    ]);
  });
});
