import * as v from 'valibot';
import { quote } from './quote.js';
import { andMore, MAX_UNKNOWN_LISTED, suggester } from './suggest.js';
import type { Answers, AnswersMeta, AnswerValue, Bank, Problem, Question } from './types.js';
import { issuesToProblems, ownRecord, problem, strictRecord, topLevelProblem } from './validation.js';

export const answersSchema = strictRecord({
  $schema: v.optional(v.string()),
  bank: v.nullish(v.string()),
  bankVersion: v.nullish(v.pipe(v.number(), v.integer())),
  role: v.nullish(v.picklist(['manager', 'rep'])),
  respondent: v.nullish(v.string()),
  date: v.nullish(v.string()),
  answers: ownRecord(v.string(), v.unknown()),
});

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

function checkValue(q: Question, value: unknown, suggest: Suggest): string | undefined {
  if (q.type === 'text') return typeof value === 'string' ? undefined : `expected text, got ${typeof value}`;
  if (q.type === 'choice') {
    const allowed = q.choices ?? [];
    if (typeof value === 'string' && allowed.some((c) => c.value === value)) return undefined;
    const hint =
      typeof value === 'string'
        ? suggest(
            value,
            allowed.map((c) => c.value),
          )
        : '';
    return `expected ${describeAllowed(q)}, got ${describeValue(value)}.${hint}`;
  }
  const scale = q.scale;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    scale &&
    value >= scale.min &&
    value <= scale.max
  ) {
    return undefined;
  }
  return `expected ${describeAllowed(q)}, got ${describeValue(value)}`;
}

/**
 * Checks a parsed answers document against a bank. An empty value (null, or blank text) means "not answered":
 * it is left out, never counted as zero.
 */
export function checkAnswers(data: unknown, bank: Bank): { answers?: Answers; problems: Problem[] } {
  const notAMapping = topLevelProblem(data);
  if (notAMapping) return { problems: [notAMapping] };
  const parsed = v.safeParse(answersSchema, data, { abortEarly: false });
  if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
  const input = parsed.output;
  const problems: Problem[] = [];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));

  if (input.bank != null && input.bank !== bank.id) {
    problems.push(
      problem(
        ['bank'],
        `these answers are for the bank "${input.bank}", not "${bank.id}"; pass its bank with --questions`,
      ),
    );
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

  const values = new Map<string, AnswerValue>();
  const suggest = suggester();
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(input.answers)) {
    const q = byId.get(id);
    if (!q) {
      unknown.push(id);
      if (unknown.length > MAX_UNKNOWN_LISTED) continue;
      problems.push({
        path: ['answers', id],
        atKey: true,
        message: `unknown question id ${quote(id, { ascii: true })}.${suggest(id, byId.keys())} See the ids with: who-failed-whom questions`,
        severity: 'error',
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

  if (problems.some((p) => p.severity === 'error')) return { problems };
  const meta: AnswersMeta = {};
  if (input.bank != null) meta.bank = input.bank;
  if (input.bankVersion != null) meta.bankVersion = input.bankVersion;
  if (input.role != null) meta.role = input.role;
  if (input.respondent != null) meta.respondent = input.respondent;
  if (input.date != null) meta.date = input.date;
  return { answers: { meta, values }, problems };
}
