import { describe, expect, test } from '@jest/globals';
import { checkAnswers } from '../../src/core/answers.js';
import { InputError } from '../../src/errors.js';
import { parseAnswers } from '../../src/input/respondent.js';
import { parseSource, problemLines } from '../../src/input/source.js';
import { builtinBank, positionOf } from '../support/helpers.js';

const bank = builtinBank();
const NAME = 'answers.yaml';
const answersFor = (version: number, id = bank.id) =>
  `bank: ${id}\nbankVersion: ${version} #v\nanswers:\n  give-time: 3\n`;
const warning = (version: number) =>
  `answers were made for version ${version} of bank ${bank.id}; this is version ${bank.version}`;

async function thrown(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('answers made for another version of the bank', () => {
  test('the same version: no problem', () => {
    expect(checkAnswers(parseSource(answersFor(bank.version), NAME).data, bank).problems).toEqual([]);
  });

  test('another version: the answers are kept, with a warning at bankVersion', () => {
    const text = answersFor(bank.version + 1);
    const source = parseSource(text, NAME);
    const { answers, problems } = checkAnswers(source.data, bank);
    expect(answers?.values.get('give-time')).toBe(3);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', path: ['bankVersion'] })]);
    expect(problemLines(source, problems)).toEqual([
      `${positionOf(text, `${bank.version + 1} #v`, NAME)}: warning: ${warning(bank.version + 1)}`,
    ]);
  });

  test('another bank: the bank error alone, no version warning on top', () => {
    const { answers, problems } = checkAnswers(parseSource(answersFor(7, 'other'), NAME).data, bank);
    expect(answers).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('not "who-failed-whom"')]);
  });

  test('no bank named: the version is still compared with the bank in use', () => {
    const { problems } = checkAnswers({ bankVersion: 9, answers: {} }, bank);
    expect(problems.map((p) => p.message)).toEqual([warning(9)]);
  });

  test('parseAnswers hands each warning to warn and scores on', async () => {
    const seen: string[] = [];
    const answers = await parseAnswers(answersFor(5), NAME, bank, { warn: (line) => seen.push(line) });
    expect(answers.values.size).toBe(1);
    expect(seen).toEqual([`${positionOf(answersFor(5), '5 #v', NAME)}: warning: ${warning(5)}`]);
  });

  test('parseAnswers --strict: the warning is an error, located, with a hint naming --strict', async () => {
    const error = await thrown(() => parseAnswers(answersFor(5), NAME, bank, { strict: true }));
    expect(error.lines).toEqual([`${positionOf(answersFor(5), '5 #v', NAME)}: ${warning(5)}`]);
    expect(error.hint).toContain('--strict');
  });

  test('parseAnswers --strict with real errors too lists both, as errors', async () => {
    const text = `bankVersion: 5\nanswers:\n  give-tme: 3\n`;
    const error = await thrown(() => parseAnswers(text, NAME, bank, { strict: true }));
    expect(error.lines).toEqual([
      `${NAME}:1:14: ${warning(5)}`,
      expect.stringMatching(
        /^answers\.yaml:3:3: unknown question id "give-tme"\. Did you mean "give-time"\?/,
      ),
    ]);
  });
});
