import { acceptsAnswer, cleanMeta } from '../core/answers.js';
import type { Answers, AnswerValue, Bank } from '../core/types.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import type { AnswersCheck } from './located.js';
import { ENTRY, firstLine, line, NO_VALUE, REFUSED, readLine, WORDS_AS } from './quick-yaml.js';

/*
 * An answers file as `template` writes it and as a team folder holds 100,000 of: top-level fields and one
 * `answers:` mapping, each line read as the quick reader reads it. Such a file is read straight into Answers in
 * one pass: no document is built to be checked after, which is most of what reading a file costs.
 * Anything else, and any answer the bank refuses, is left to the readers that build the document and say what
 * is wrong.
 */

const FIELDS = ['$schema', 'bank', 'bankVersion', 'role', 'respondent', 'team', 'date'] as const;
type Field = (typeof FIELDS)[number];

/** Which top-level key the line's key is ('answers' or a field), or undefined: compared in place, not cut out. */
function topKey(text: string, start: number, end: number): Field | 'answers' | undefined {
  const length = end - start;
  if (length === 7 && text.startsWith('answers', start)) return 'answers';
  for (const field of FIELDS) if (field.length === length && text.startsWith(field, start)) return field;
  return undefined;
}

/** The slot of the question the key names, or -1: looked for from `from` on, as files list them in order. */
function slotAt(text: string, start: number, end: number, bank: Bank, from: number): number {
  const { questions } = bank;
  for (let k = 0; k < questions.length; k++) {
    const slot = (from + k) % questions.length;
    const id = questions[slot]?.id;
    if (id !== undefined && id.length === end - start && text.startsWith(id, start)) return slot;
  }
  return -1;
}

/**
 * Answers exactly as checkAnswers would make them from the quick reader's document, when the file is of that
 * plain form and checkAnswers would find no problem (or only the warnings `check` does not want): otherwise
 * undefined, and the caller reads the file the long way.
 */
export function quickAnswers(text: string, bank: Bank, check: AnswersCheck = {}): Answers | undefined {
  if (text.length > MAX_INPUT_BYTES) return undefined;
  const fields: Partial<Record<Field, unknown>> = {};
  const values = new Map<string, AnswerValue>();
  const listed = new Set<string>();
  // Keys that are no question of the bank: fine only in answers made for another version, when `check` says so.
  let unknown: Set<string> | undefined;
  // -1 before `answers:`, 0 just after it, then the indent of its entries, and -2 once they have ended.
  let answersIndent = -1;
  let nextSlot = 0;
  const first = firstLine(text);
  if (first === undefined) return undefined;
  for (let start = first; start <= text.length; start = line.next) {
    const kind = readLine(text, start);
    if (kind === REFUSED) return undefined;
    if (kind !== ENTRY) continue;
    const { indent, keyStart, keyEnd, value } = line;
    if (indent === 0) {
      // `answers:` with nothing under it is empty, not a mapping.
      if (answersIndent === 0) return undefined;
      if (answersIndent > 0) answersIndent = -2;
      const key = topKey(text, keyStart, keyEnd);
      if (key === undefined) return undefined;
      if (key === 'answers') {
        if (answersIndent !== -1 || value !== NO_VALUE) return undefined;
        answersIndent = 0;
      } else {
        if (key in fields) return undefined;
        fields[key] = value === NO_VALUE ? null : value;
      }
      continue;
    }
    if (answersIndent === 0) answersIndent = indent;
    else if (indent !== answersIndent) return undefined;
    const slot = slotAt(text, keyStart, keyEnd, bank, nextSlot);
    const q = bank.questions[slot];
    if (!q) {
      unknown ??= new Set();
      const key = text.slice(keyStart, keyEnd);
      if (unknown.has(key) || WORDS_AS.has(key)) return undefined;
      unknown.add(key);
      continue;
    }
    if (listed.has(q.id) || WORDS_AS.has(q.id)) return undefined;
    listed.add(q.id);
    nextSlot = slot + 1;
    if (value === NO_VALUE || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (!acceptsAnswer(q, value)) return undefined;
    values.set(q.id, typeof value === 'string' && q.type === 'text' ? value.trim() : (value as AnswerValue));
  }
  if (answersIndent === 0 || answersIndent === -1) return undefined;
  const clean = cleanMeta(fields, bank);
  if (!clean) return undefined;
  if (clean.otherVersion && (check.strict === true || check.warn !== undefined)) return undefined;
  if (unknown && !(clean.otherVersion && check.lenientOtherVersion)) return undefined;
  return { meta: clean.meta, values, listed };
}
