import { checkAnswers } from '../core/answers.js';
import type { Answers, Bank } from '../core/types.js';
import { InputError } from '../errors.js';
import type { AnswersCheck } from './located.js';
import { quickAnswers } from './quick-answers.js';
import { quickParse } from './quick-yaml.js';

/**
 * One person's answers as an input gave them, or why they cannot be used. Scoring runs and team runs read the
 * same type, from an answers file, a document of a stream on stdin, or a row of a form export; `name` says
 * which (`a.yaml`, `<stdin> document 2`, `responses.csv:7`).
 */
export type Respondent =
  | { ok: true; name: string; answers: Answers }
  | { ok: false; name: string; lines: string[]; hint?: string };

/** Neither warnings heard nor refused: the check by default (one object, not one per file). */
const NO_CHECK: AnswersCheck = {};

/**
 * The answers reader. A clean file in the plain form is read straight into answers, and any other clean one takes
 * the quick parse (no positions); anything they refuse, and a warning the caller wants to hear or to fail on, is
 * parsed again with positions, so each message says file:line:col.
 */
export async function readRespondent(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck = NO_CHECK,
): Promise<Respondent> {
  return readRespondentNow(text, name, bank, check) ?? (await readWithPositions(text, name, bank, check));
}

/** The reader's quick ways, at once (a team run reads 100,000 files): undefined for a file that needs positions. */
export function readRespondentNow(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck = NO_CHECK,
): Respondent | undefined {
  const plain = quickAnswers(text, bank, check);
  if (plain) return { ok: true, name, answers: plain };
  const data = quickParse(text);
  if (data !== undefined) {
    const { answers, problems } = checkAnswers(data, bank, check);
    // Beside answers, problems are warnings: a caller that neither hears nor refuses them takes the answers.
    const warningsMatter = check.warn !== undefined || check.strict === true;
    if (answers && (problems.length === 0 || !warningsMatter)) return { ok: true, name, answers };
  }
  return undefined;
}

async function readWithPositions(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck,
): Promise<Respondent> {
  // The positioned parser costs more than the rest of a scoring run: loaded only for a file that needs it.
  const { parseAnswersWithPositions } = await import('./located.js');
  try {
    return { ok: true, name, answers: parseAnswersWithPositions(text, name, bank, check) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.hint === undefined
      ? { ok: false, name, lines: error.lines }
      : { ok: false, name, lines: error.lines, hint: error.hint };
  }
}

/** For a run that scores one input: answers that cannot be used are the run's error. */
export async function parseAnswers(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck = NO_CHECK,
): Promise<Answers> {
  const respondent = await readRespondent(text, name, bank, check);
  if (!respondent.ok) throw new InputError(respondent.lines, respondent.hint);
  return respondent.answers;
}
