import * as v from 'valibot';
import { quote } from './quote.js';
import { andMore, didYouMean, MAX_UNKNOWN_LISTED, suggester } from './suggest.js';
import {
  type Answers,
  type AnswersMeta,
  type AnswerValue,
  type Bank,
  type Commitment,
  FOLLOW_UP_STATUSES,
  type FollowUp,
  type Problem,
  type Question,
} from './types.js';
import { issuesToProblems, ownRecord, problem, strictRecord, topLevelProblem } from './validation.js';

export interface AnswersOptions {
  /**
   * Answers made for another version of the bank may name questions this version no longer has: leave those
   * out instead of refusing the file (comparing rounds across versions compares the questions both have).
   */
  lenientOtherVersion?: boolean;
}

/** The most commitments a round carries: a plan, not a to-do list. */
export const MAX_COMMITMENTS = 3;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nonEmpty = v.pipe(v.string(), v.minLength(1));

const commitmentSchema = strictRecord({
  item: v.nullish(v.string()),
  text: nonEmpty,
  due: v.nullish(
    v.pipe(
      v.string(),
      v.regex(DATE, (issue) => `expected a date as YYYY-MM-DD, got ${describeValue(issue.input)}`),
    ),
  ),
});

const followUpSchema = strictRecord({
  text: nonEmpty,
  item: v.nullish(v.string()),
  // Empty: not answered yet (a rep's template lists the manager's commitments with the status to fill in).
  status: v.nullish(
    v.picklist(
      FOLLOW_UP_STATUSES,
      (issue) =>
        `expected one of ${FOLLOW_UP_STATUSES.join(', ')}, got ${describeValue(issue.input)}.${typeof issue.input === 'string' ? didYouMean(issue.input, FOLLOW_UP_STATUSES) : ''}`,
    ),
  ),
  note: v.nullish(v.string()),
});

export const answersSchema = strictRecord({
  $schema: v.optional(v.string()),
  bank: v.nullish(v.string()),
  bankVersion: v.nullish(v.pipe(v.number(), v.integer())),
  role: v.nullish(v.picklist(['manager', 'rep'])),
  respondent: v.nullish(v.string()),
  team: v.nullish(v.string()),
  date: v.nullish(v.string()),
  answers: ownRecord(v.string(), v.unknown()),
  followUp: v.nullish(v.array(followUpSchema)),
  commitments: v.nullish(v.pipe(v.array(commitmentSchema), v.maxLength(MAX_COMMITMENTS))),
});

type AnswersInput = v.InferOutput<typeof answersSchema>;

/** The bank's questions by id, made once per bank: a team run checks thousands of files against one bank. */
const byIdOf = new WeakMap<Bank, Map<string, Question>>();
export function questionsById(bank: Bank): Map<string, Question> {
  let byId = byIdOf.get(bank);
  if (!byId) {
    byId = new Map(bank.questions.map((q) => [q.id, q]));
    byIdOf.set(bank, byId);
  }
  return byId;
}
const META_KEYS = new Set([
  '$schema',
  'bank',
  'bankVersion',
  'role',
  'respondent',
  'team',
  'date',
  'answers',
]);
const TEXT_KEYS = ['$schema', 'bank', 'respondent', 'team', 'date'] as const;

/** The top-level fields of an answers file but its answers, as a reader gives them. */
export type AnswersFields = Partial<Record<(typeof TEXT_KEYS)[number] | 'bankVersion' | 'role', unknown>>;

/** Whether the fields plainly have answersSchema's types: text (or empty), a whole version, a known role. */
function plainFields(fields: AnswersFields): boolean {
  for (const key of TEXT_KEYS) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== 'string') return false;
  }
  if (fields.$schema === null) return false;
  const { bankVersion, role } = fields;
  if (bankVersion != null && !Number.isInteger(bankVersion)) return false;
  return role == null || role === 'manager' || role === 'rep';
}

/**
 * The meta of answers whose fields are plain and name no other bank, or undefined: checkAnswers then says what
 * the problem is. `otherVersion`: they were made for another version of this bank, which checkAnswers warns of.
 */
export function cleanMeta(
  fields: AnswersFields,
  bank: Bank,
): { meta: AnswersMeta; otherVersion: boolean } | undefined {
  if (!plainFields(fields)) return undefined;
  const input = fields as AnswersInput;
  if (input.bank != null && input.bank !== bank.id) return undefined;
  return {
    meta: metaOf(input),
    otherVersion: input.bankVersion != null && input.bankVersion !== bank.version,
  };
}

function metaOf(input: Omit<AnswersInput, 'answers'>): AnswersMeta {
  const meta: AnswersMeta = {};
  if (input.bank != null) meta.bank = input.bank;
  if (input.bankVersion != null) meta.bankVersion = input.bankVersion;
  if (input.role != null) meta.role = input.role;
  if (input.respondent != null) meta.respondent = input.respondent;
  if (input.team != null && input.team.trim() !== '') meta.team = input.team.trim();
  if (input.date != null) meta.date = input.date;
  return meta;
}

/**
 * The document as it is, when it plainly has the shape of answersSchema: the common case, checked by hand in a
 * fraction of what the schema costs (a team run checks 100,000 files). Anything else is undefined, and the
 * schema checks it and says what is wrong.
 */
function plainInput(data: unknown): AnswersInput | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  for (const key in record) if (!META_KEYS.has(key)) return undefined;
  if (!plainFields(record)) return undefined;
  const { answers } = record;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return undefined;
  // A mapping as a reader makes one (the quick reader's have no prototype), never some other kind of object.
  const prototype = Object.getPrototypeOf(answers);
  if (prototype !== null && prototype !== Object.prototype) return undefined;
  return record as AnswersInput;
}

/** What a question accepts, in words, for error messages and the template. */
export function describeAllowed(q: Question): string {
  if (q.type === 'text') return 'text';
  if (q.type === 'choice') return `one of ${(q.choices ?? []).map((c) => c.value).join(', ')}`;
  const scale = q.scale;
  return scale ? `a whole number from ${scale.min} to ${scale.max}` : 'a number';
}

/** A short description of a value for a message: never the whole of a huge or deeply nested value. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value, { max: 60 });
  return String(value);
}

type Suggest = ReturnType<typeof suggester>;

/** Whether a question takes the value as its answer (an empty one aside, which means "not answered"). */
export function acceptsAnswer(q: Question, value: unknown): boolean {
  if (q.type === 'text') return typeof value === 'string';
  if (q.type === 'choice')
    return typeof value === 'string' && (q.choices ?? []).some((c) => c.value === value);
  const scale = q.scale;
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    scale !== undefined &&
    value >= scale.min &&
    value <= scale.max
  );
}

function checkValue(q: Question, value: unknown, suggest: Suggest): string | undefined {
  if (acceptsAnswer(q, value)) return undefined;
  if (q.type === 'text') return `expected text, got ${typeof value}`;
  if (q.type === 'choice') {
    const hint =
      typeof value === 'string'
        ? suggest(
            value,
            (q.choices ?? []).map((c) => c.value),
          )
        : '';
    return `expected ${describeAllowed(q)}, got ${describeValue(value)}.${hint}`;
  }
  return `expected ${describeAllowed(q)}, got ${describeValue(value)}`;
}

/**
 * Checks a parsed answers document against a bank. An empty value (null, or blank text) means "not answered":
 * it is left out, never counted as zero.
 */
export function checkAnswers(
  data: unknown,
  bank: Bank,
  options: AnswersOptions = {},
): { answers?: Answers; problems: Problem[] } {
  const notAMapping = topLevelProblem(data);
  if (notAMapping) return { problems: [notAMapping] };
  let input = plainInput(data);
  if (input === undefined) {
    const parsed = v.safeParse(answersSchema, data, { abortEarly: false });
    if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
    input = parsed.output;
  }
  const problems: Problem[] = [];
  const byId = questionsById(bank);

  if (input.bank != null && input.bank !== bank.id) {
    problems.push({
      ...problem(['bank'], `these answers are for the bank "${input.bank}", not "${bank.id}"`),
      remedy: 'the-other-bank',
    });
  }

  const sameBank = input.bank == null || input.bank === bank.id;
  if (sameBank && input.bankVersion != null && input.bankVersion !== bank.version) {
    problems.push(
      problem(
        ['bankVersion'],
        `answers were made for version ${input.bankVersion} of bank ${bank.id}; this is version ${bank.version}`,
        'warning',
      ),
    );
  }

  const otherVersion = sameBank && input.bankVersion != null && input.bankVersion !== bank.version;
  const values = new Map<string, AnswerValue>();
  const listed = new Set<string>();
  const suggest = suggester();
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(input.answers)) {
    const q = byId.get(id);
    if (!q && otherVersion && options.lenientOtherVersion) continue;
    if (!q && otherVersion && suggest(id, byId.keys()) === '') {
      // A question this version dropped (not a typo of one it has): its answer is left out, as the version
      // warning above already says (--strict makes it an error).
      problems.push({
        path: ['answers', id],
        atKey: true,
        message: `${quote(id, { ascii: true })} is not a question of version ${bank.version} of the bank; its answer is left out`,
        severity: 'warning',
      });
      continue;
    }
    if (q) listed.add(id);
    if (!q) {
      unknown.push(id);
      if (unknown.length > MAX_UNKNOWN_LISTED) continue;
      problems.push({
        path: ['answers', id],
        atKey: true,
        message: `unknown question id ${quote(id, { ascii: true })}.${suggest(id, byId.keys())}`,
        severity: 'error',
        remedy: 'the-question-ids',
      });
      continue;
    }
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const complaint = checkValue(q, value, suggest);
    if (complaint) problems.push(problem(['answers', id], `${id}: ${complaint}`));
    else
      values.set(id, typeof value === 'string' && q.type === 'text' ? value.trim() : (value as AnswerValue));
  }

  const unlisted = unknown[MAX_UNKNOWN_LISTED];
  if (unlisted !== undefined) {
    problems.push({
      path: ['answers', unlisted],
      atKey: true,
      message: andMore(unknown.length - MAX_UNKNOWN_LISTED, 'unknown question ids'),
      severity: 'error',
    });
  }

  const owedIds = bank.questions.filter((q) => q.side === 'owed').map((q) => q.id);
  const commitments = (input.commitments ?? []).map((entry, i) =>
    commitmentOf(entry, ['commitments', i], owedIds, problems),
  );
  const followUp = (input.followUp ?? []).flatMap((entry, i) => {
    const item = checkedItem(entry.item, ['followUp', i, 'item'], owedIds, problems);
    if (entry.text.trim() === '') problems.push(problem(['followUp', i, 'text'], 'must not be empty'));
    if (entry.status == null) return [];
    const kept: FollowUp = { text: entry.text.trim(), status: entry.status };
    if (item !== undefined) kept.item = item;
    if (entry.note != null && entry.note.trim() !== '') kept.note = entry.note.trim();
    return [kept];
  });

  if (problems.some((p) => p.severity === 'error')) return { problems };
  const answers: Answers = { meta: metaOf(input), values, listed };
  if (commitments.length > 0) answers.commitments = commitments;
  if (followUp.length > 0) answers.followUp = followUp;
  return { answers, problems };
}

/** The item a commitment or follow-up names, if any; one that is not an owed item of the bank is a problem. */
function checkedItem(
  item: string | null | undefined,
  path: (string | number)[],
  owedIds: string[],
  problems: Problem[],
): string | undefined {
  if (item == null || item.trim() === '') return undefined;
  if (owedIds.includes(item)) return item;
  problems.push(
    problem(
      path,
      `${quote(item)} is not one of the owed items (what you owe your reps).${didYouMean(item, owedIds)} Owed items: ${owedIds.join(', ')}`,
    ),
  );
  return undefined;
}

function commitmentOf(
  entry: { item?: string | null; text: string; due?: string | null },
  path: (string | number)[],
  owedIds: string[],
  problems: Problem[],
): Commitment {
  const commitment: Commitment = { text: entry.text.trim() };
  if (commitment.text === '') problems.push(problem([...path, 'text'], 'must not be empty'));
  const item = checkedItem(entry.item, [...path, 'item'], owedIds, problems);
  if (item !== undefined) commitment.item = item;
  if (entry.due != null) {
    if (isCalendarDate(entry.due)) commitment.due = entry.due;
    else problems.push(problem([...path, 'due'], `${entry.due} is not a date in the calendar`));
  }
  return commitment;
}

/** YYYY-MM-DD that names a real day (not 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
