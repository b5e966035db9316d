import { checkAnswers } from './answers.js';
import type { AnswerValue, Bank, FollowUp, Role } from './types.js';

// The answers of a questionnaire in progress, kept after every answer so that Ctrl-C, a closed terminal or a
// crash loses nothing: a JSON document holding an answers file as it would be written, plus where the walk was.
// It is read back as strictly as any answers file.

export const DRAFT_KIND = 'who-failed-whom draft';

export interface Draft {
  /** When it was last written (ISO 8601). */
  savedAt: string;
  /** The question the walk was at (its place in asking order); the number of questions is the review. */
  position: number;
  values: ReadonlyMap<string, AnswerValue>;
  followUp: readonly FollowUp[];
}

export function draftDocument(bank: Bank, role: Role, draft: Draft): string {
  const document = {
    kind: DRAFT_KIND,
    savedAt: draft.savedAt,
    position: draft.position,
    answers: {
      bank: bank.id,
      bankVersion: bank.version,
      role,
      answers: Object.fromEntries(draft.values),
      ...(draft.followUp.length > 0 ? { followUp: draft.followUp } : {}),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * A draft for this bank and role, or why it cannot be used (another bank or role, a damaged file, answers this
 * bank no longer has). Answers made for another version of the bank keep what this version still asks.
 */
export function readDraft(text: string, bank: Bank, role: Role): { draft: Draft } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'it is not valid JSON' };
  }
  const document = (data ?? {}) as {
    kind?: unknown;
    savedAt?: unknown;
    position?: unknown;
    answers?: unknown;
  };
  if (document.kind !== DRAFT_KIND) return { problem: 'it is not a draft of this tool' };
  const { answers, problems } = checkAnswers(document.answers, bank, { lenientOtherVersion: true });
  const errors = problems.filter((p) => p.severity === 'error');
  if (!answers || errors.length > 0) return { problem: errors[0]?.message ?? 'its answers are not valid' };
  if (answers.meta.bank !== bank.id || (answers.meta.role ?? 'manager') !== role) {
    return { problem: 'it holds answers for another bank or role' };
  }
  const position =
    typeof document.position === 'number' && Number.isInteger(document.position) ? document.position : 0;
  return {
    draft: {
      savedAt: typeof document.savedAt === 'string' ? document.savedAt : '',
      position: Math.max(0, position),
      values: answers.values,
      followUp: answers.followUp ?? [],
    },
  };
}
