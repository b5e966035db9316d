import { checkAnswers } from '../core/answers.js';
import { checkBank } from '../core/bank.js';
import type { Answers, Bank } from '../core/types.js';
import { escalate } from '../core/validation.js';
import { InputError } from '../errors.js';
import { parseSource, problemLines } from './source.js';

export interface AnswersCheck {
  /** Warnings (answers made for another version of the bank) fail like errors. */
  strict?: boolean;
  /** Receives each warning as a `file:line:col: warning: …` line; without it warnings are dropped. */
  warn?: (line: string) => void;
  /** Answers made for another version may name questions this one lacks: left out, not refused. */
  lenientOtherVersion?: boolean;
}

// The positioned paths: they load the YAML parser that keeps line and column, which costs more than the rest
// of a scoring run, so they are loaded only for a bank file, or for an answers file the quick parse refused.

const TEMPLATE_HINT = 'Print a blank one with: who-failed-whom template > answers.yaml';
const INIT_HINT = 'Start one with: who-failed-whom init questions.yaml';

export function bankFromText(text: string, name: string): Bank {
  const source = parseSource(text, name);
  if (source.data == null) throw new InputError([`${name}: is empty; expected a question bank`], INIT_HINT);
  const { bank, problems } = checkBank(source.data);
  if (!bank) {
    throw new InputError(problemLines(source, problems), 'Fix the question bank, then run again.');
  }
  return bank;
}

export function parseAnswersWithPositions(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck = {},
): Answers {
  const source = parseSource(text, name);
  // Blank, or only comments: nothing to check, and "expected a mapping, got null" would not say that.
  if (source.data == null)
    throw new InputError([`${name}: is empty; expected an answers file`], TEMPLATE_HINT);
  const { answers, problems } = checkAnswers(source.data, bank, check);
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (answers && check.strict && warnings.length > 0) {
    throw new InputError(
      problemLines(source, escalate(warnings)),
      '--strict counts warnings as errors: score them with the bank they were made for (--questions FILE), or drop --strict.',
    );
  }
  if (!answers) {
    throw new InputError(
      problemLines(source, check.strict ? escalate(problems) : problems),
      'See the allowed answers with: who-failed-whom template',
    );
  }
  for (const line of problemLines(source, warnings)) check.warn?.(line);
  return answers;
}
