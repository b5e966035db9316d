import * as v from 'valibot';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';
import type { PathSegment, Problem } from './types.js';

export const kebabId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single hyphens'),
);

/**
 * A strict object whose unknown-key message lists the keys it accepts and the nearest one, so a misspelt key
 * ("promt") reads as a typo and not as a mystery.
 */
export function strictRecord<const Entries extends v.ObjectEntries>(entries: Entries) {
  const allowed = Object.keys(entries);
  return v.strictObject(entries, (issue) => {
    // valibot uses this one message for every problem of the object, not only for an unknown key.
    if (issue.expected !== 'never')
      return `Invalid type: Expected ${issue.expected} but received ${issue.received}`;
    const key = String(issue.received).replace(/^"|"$/g, '');
    return `unknown key ${quote(key, { ascii: true })}.${didYouMean(key, allowed)} Allowed here: ${allowed.join(', ')}`;
  });
}

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;
type KeySchema = v.BaseSchema<string, string, v.BaseIssue<unknown>>;

/**
 * v.record, except that it keeps every key of the file. valibot's record silently drops `__proto__`,
 * `constructor` and `prototype` (it fills a plain object, where those names would reach the prototype), so a
 * question with one of those valid ids lost its answer, and an unknown one passed unnoticed. The output has
 * no prototype, so no key can reach one. Its type and shape stay a record's, for the JSON Schema generator.
 */
export function ownRecord<const K extends KeySchema, const V extends AnySchema>(key: K, value: V) {
  const schema = v.record(key, value);
  const checkType = schema['~run'];
  const run: typeof checkType = (dataset, config) => {
    const input = dataset.value;
    // Not a mapping: valibot's own run reports it in its usual words.
    if (!input || typeof input !== 'object') return checkType.call(schema, dataset, config);
    const mapping = input as Record<string, unknown>;
    const output: Record<string, unknown> = Object.create(null);
    const issues: v.BaseIssue<unknown>[] = [];
    let typed = true;
    for (const [entryKey, entryValue] of Object.entries(mapping)) {
      const keyDataset = key['~run']({ value: entryKey }, config);
      const valueDataset = value['~run']({ value: entryValue }, config);
      // Located as valibot locates them: a key's issue at the key, a value's under the key.
      const at = (origin: 'key' | 'value'): v.ObjectPathItem => ({
        type: 'object',
        origin,
        input: mapping,
        key: entryKey,
        value: entryValue,
      });
      for (const issue of keyDataset.issues ?? []) issues.push({ ...issue, path: [at('key')] });
      for (const issue of valueDataset.issues ?? [])
        issues.push({ ...issue, path: [at('value'), ...(issue.path ?? [])] });
      if (!keyDataset.typed || !valueDataset.typed) typed = false;
      if (keyDataset.typed) output[keyDataset.value] = valueDataset.value;
      if (issues.length > 0 && config.abortEarly) break;
    }
    const result = dataset as { typed: boolean; value: unknown; issues?: v.BaseIssue<unknown>[] };
    result.typed = typed;
    result.value = output;
    if (issues.length > 0) result.issues = [...(result.issues ?? []), ...issues];
    return result as ReturnType<typeof checkType>;
  };
  return Object.assign(schema, { '~run': run });
}

/** valibot's names for types, in the words of a YAML file. */
const typeWords = new Map([
  ['Object', 'a mapping (key: value)'],
  ['Array', 'a list'],
]);
const inWords = (text: string) => typeWords.get(text) ?? text;

/** valibot's wording, rewritten for people who write YAML rather than TypeScript. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'picklist' && typeof issue.input === 'string') {
    // A misspelt value (`role: manger`) gets the nearest allowed one; valibot lists them, quoted, in `expected`.
    const allowed = [...(issue.expected ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([quoted]) =>
      String(JSON.parse(quoted)),
    );
    return `expected one of ${allowed.join(', ')}, got "${issue.input}".${didYouMean(issue.input, allowed)}`;
  }
  const typeMismatch = /^Invalid (?:type|value): Expected (.*) but received (.*)$/.exec(issue.message);
  if (typeMismatch) {
    const [, expected = '', received = ''] = typeMismatch;
    const what = received === 'undefined' ? 'is missing' : `got ${inWords(received)}`;
    return `expected ${inWords(expected)}, ${what}`;
  }
  switch (issue.type) {
    case 'integer':
      return `expected a whole number, got ${issue.received}`;
    case 'finite':
      return `expected a finite number, got ${issue.received}`;
    case 'min_length':
      return issue.requirement === 1 ? 'must not be empty' : `must have at least ${issue.requirement} items`;
    case 'max_length':
      return `must have at most ${issue.requirement} items, got ${(issue.input as unknown[]).length}`;
    case 'min_value':
      return `expected at least ${issue.requirement}, got ${issue.received}`;
    case 'max_value':
      return `expected at most ${issue.requirement}, got ${issue.received}`;
  }
  return issue.message;
}

/** Arrays pass valibot's object check: say plainly when a file holds a list (or a bare value) at its top. */
export function topLevelProblem(data: unknown): Problem | undefined {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return undefined;
  const got = Array.isArray(data) ? 'a list' : typeof data === 'string' ? 'text' : String(data);
  return problem([], `expected a mapping (key: value) at the top of the file, got ${got}`);
}

export function issuesToProblems(issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  return issues.map((issue) => {
    const path: PathSegment[] = (issue.path ?? []).map((item) => item.key as PathSegment);
    const last = issue.path?.at(-1);
    const atKey =
      issue.type === 'strict_object' && last !== undefined && 'origin' in last && last.origin === 'key';
    const missing = issue.received === 'undefined';
    // A missing required key has no node of its own: point at the object that should hold it.
    const message =
      missing && path.length > 0 ? `"${String(path.at(-1))}" is required` : describeIssue(issue);
    return { path: missing ? path.slice(0, -1) : path, message, atKey, severity: 'error' as const };
  });
}

export function problem(
  path: PathSegment[],
  message: string,
  severity: Problem['severity'] = 'error',
): Problem {
  return { path, message, severity };
}

/** `--strict`: every warning becomes an error, reported the same way. */
export function escalate(problems: Problem[]): Problem[] {
  return problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' as const } : p));
}
