import { acceptsAnswer, cleanMeta } from '../core/answers.js';
import type { Answers, AnswerValue, Bank } from '../core/types.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import type { AnswersCheck } from './located.js';
import { ENTRY, firstLine, isKey, line, NO_VALUE, REFUSED, readLine, WORDS_AS } from './quick-yaml.js';

/*
 * An answers file as `template` writes it and as a team folder holds 100,000 of: top-level fields and one
 * `answers:` mapping, each line read as the quick reader reads it. Such a file is read straight into Answers in
 * one pass: no document is built to be checked after, which is most of what reading a file costs.
 * Anything else, and any answer the bank refuses, is left to the readers that build the document and say what
 * is wrong.
 */

const FIELDS = ['$schema', 'bank', 'bankVersion', 'role', 'respondent', 'team', 'date'] as const;
/** The top-level keys: the fields, then `answers`. */
const TOP_KEYS = [...FIELDS, 'answers'];
const ANSWERS = FIELDS.length;

/** Whether `text` holds the characters `codes` from `at` on: startsWith, without its costs. */
function holds(text: string, at: number, codes: readonly number[]): boolean {
  for (let i = 0; i < codes.length; i++) if (text.charCodeAt(at + i) !== codes[i]) return false;
  return true;
}

// Code units, as charCodeAt gives them.
const codesOf = (word: string) => Array.from({ length: word.length }, (_, i) => word.charCodeAt(i));
const TOP_CODES = TOP_KEYS.map(codesOf);

/** Which top-level key the line's key is (an index of TOP_KEYS), or -1: compared in place, not cut out. */
function topKey(text: string, start: number, end: number): number {
  for (let k = 0; k < TOP_CODES.length; k++) {
    const codes = TOP_CODES[k] as number[];
    if (codes.length === end - start && holds(text, start, codes)) return k;
  }
  return -1;
}

/** What the reader looks up in a bank, made once per bank: each question id's characters. */
interface Prepared {
  ids: number[][];
  /** The same, for the ids a line's key can be compared with before it is scanned (those that are keys). */
  expected: (number[] | undefined)[];
  /** A question id is read as null or a boolean: such a key leaves every file to the YAML library. */
  wordId: boolean;
}
const prepared = new WeakMap<Bank, Prepared>();
function prepare(bank: Bank): Prepared {
  let ready = prepared.get(bank);
  if (!ready) {
    ready = {
      ids: bank.questions.map((q) => codesOf(q.id)),
      expected: bank.questions.map((q) => (isKey(q.id) ? codesOf(q.id) : undefined)),
      wordId: bank.questions.some((q) => WORDS_AS.has(q.id)),
    };
    prepared.set(bank, ready);
  }
  return ready;
}

/** The slot of the question the key names, or -1: looked for from `from` on, as files list them in order. */
function slotAt(text: string, start: number, end: number, ids: number[][], from: number): number {
  for (let k = 0; k < ids.length; k++) {
    const slot = (from + k) % ids.length;
    const codes = ids[slot] as number[];
    if (codes.length === end - start && holds(text, start, codes)) return slot;
  }
  return -1;
}

/** Questions past this many are not kept in a mask of slots: their files' lists of questions are made each time. */
const MASKED = 30;
/** Lists of questions made once and shared (a folder's files list the same ones), up to this many per bank. */
const MAX_SHARED = 64;
const sharedLists = new WeakMap<Bank, Map<number, ReadonlySet<string>>>();

/** The ids of the slots in `mask`, in bank order: made once per bank and mask, and shared (it is read only). */
function listedOf(bank: Bank, mask: number): ReadonlySet<string> {
  let lists = sharedLists.get(bank);
  if (!lists) {
    lists = new Map();
    sharedLists.set(bank, lists);
  }
  let listed = lists.get(mask);
  if (!listed) {
    listed = new Set(
      bank.questions.flatMap((q, slot) => (slot < MASKED && mask & (1 << slot) ? [q.id] : [])),
    );
    if (lists.size < MAX_SHARED) lists.set(mask, listed);
  }
  return listed;
}

/**
 * Answers exactly as checkAnswers would make them from the quick reader's document, when the file is of that
 * plain form and checkAnswers would find no problem (or only the warnings `check` does not want): otherwise
 * undefined, and the caller reads the file the long way.
 */
export function quickAnswers(text: string, bank: Bank, check: AnswersCheck = {}): Answers | undefined {
  if (text.length > MAX_INPUT_BYTES) return undefined;
  const { ids, expected, wordId } = prepare(bank);
  if (wordId) return undefined;
  const top: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  let topSeen = 0;
  const values = new Map<string, AnswerValue>();
  // The questions the file lists, in its order: as a mask of slots while they come in bank order.
  const order: string[] = [];
  let mask = 0;
  let inBankOrder = true;
  let lastSlot = -1;
  // Keys that are no question of the bank: fine only in answers made for another version, when `check` says so.
  let unknown: Set<string> | undefined;
  // -1 before `answers:`, 0 just after it, then the indent of its entries, and -2 once they have ended.
  let answersIndent = -1;
  const first = firstLine(text);
  if (first === undefined) return undefined;
  for (let start = first; start <= text.length; start = line.next) {
    // In the answers, the question after the last one is looked for first: files list them in bank order.
    const kind = readLine(text, start, true, answersIndent >= 0 ? expected[lastSlot + 1] : undefined);
    if (kind === REFUSED) return undefined;
    if (kind !== ENTRY) continue;
    const { indent, keyStart, keyEnd, value } = line;
    if (indent === 0) {
      // `answers:` with nothing under it is empty, not a mapping.
      if (answersIndent === 0) return undefined;
      if (answersIndent > 0) answersIndent = -2;
      const key = topKey(text, keyStart, keyEnd);
      if (key < 0 || topSeen & (1 << key)) return undefined;
      topSeen |= 1 << key;
      if (key === ANSWERS) {
        if (value !== NO_VALUE) return undefined;
        answersIndent = 0;
      } else top[key] = value === NO_VALUE ? null : value;
      continue;
    }
    if (answersIndent === 0) answersIndent = indent;
    else if (indent !== answersIndent) return undefined;
    const slot = line.expected ? lastSlot + 1 : slotAt(text, keyStart, keyEnd, ids, lastSlot + 1);
    const q = bank.questions[slot];
    if (!q) {
      unknown ??= new Set();
      const key = text.slice(keyStart, keyEnd);
      if (unknown.has(key) || WORDS_AS.has(key)) return undefined;
      unknown.add(key);
      continue;
    }
    if (slot < MASKED ? mask & (1 << slot) : order.includes(q.id)) return undefined;
    order.push(q.id);
    if (slot < MASKED) mask |= 1 << slot;
    if (slot <= lastSlot || slot >= MASKED) inBankOrder = false;
    lastSlot = slot;
    if (value === NO_VALUE || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (!acceptsAnswer(q, value)) return undefined;
    values.set(q.id, typeof value === 'string' && q.type === 'text' ? value.trim() : (value as AnswerValue));
  }
  if (answersIndent === 0 || answersIndent === -1) return undefined;
  const [$schema, bankId, bankVersion, role, respondent, team, date] = top;
  const clean = cleanMeta({ $schema, bank: bankId, bankVersion, role, respondent, team, date }, bank);
  if (!clean) return undefined;
  if (clean.otherVersion && (check.strict === true || check.warn !== undefined)) return undefined;
  if (unknown && !(clean.otherVersion && check.lenientOtherVersion)) return undefined;
  return { meta: clean.meta, values, listed: inBankOrder ? listedOf(bank, mask) : new Set(order) };
}
