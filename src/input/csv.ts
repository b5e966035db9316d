import { parse } from 'csv-parse/sync';
import { checkAnswers } from '../core/answers.js';
import { quote } from '../core/quote.js';
import { andMore, MAX_UNKNOWN_LISTED, nearest } from '../core/suggest.js';
import type { Answers, Bank, Question } from '../core/types.js';
import { InputError } from '../errors.js';

/** Form-export columns that are not questions: matched case-insensitively, whole header. */
const IGNORED = /^(timestamp|time ?stamp|submitted( at)?|start time|completion time|id)$/i;
const EMAIL = /^(e-?mail( address)?)$/i;
const NAME = /^(name|your name|respondent|full name)$/i;
const ROLE = /^(role|your role)$/i;

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?.:]+$/, '')
    .trim();

export type CsvRow =
  | { ok: true; name: string; answers: Answers }
  | { ok: false; name: string; lines: string[] };

interface Columns {
  questions: Map<number, Question>;
  role?: number;
  name?: number;
  email?: number;
}

/** Matches each header to a question by id or by its wording (manager's or rep's), or to a known form column. */
function matchColumns(header: string[], bank: Bank, file: string): Columns {
  const byText = new Map<string, Question>();
  for (const q of bank.questions) {
    byText.set(normalize(q.id), q);
    byText.set(normalize(q.prompt), q);
    if (q.rep) byText.set(normalize(q.rep.prompt), q);
  }
  const columns: Columns = { questions: new Map() };
  const unknown: string[] = [];
  // Past the cap a column is counted, not matched: each match compares it with every question.
  let unknownCount = 0;
  let firstUnlisted = 0;
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (ROLE.test(text)) columns.role = index;
    else if (NAME.test(text)) columns.name = index;
    else if (EMAIL.test(text)) columns.email = index;
    else if (IGNORED.test(text) || text === '') return;
    else {
      const q = byText.get(normalize(text));
      if (q) columns.questions.set(index, q);
      else if (++unknownCount > MAX_UNKNOWN_LISTED) firstUnlisted ||= index;
      else {
        const guess = nearest(normalize(text), byText.keys());
        const match = guess === undefined ? undefined : byText.get(guess);
        const hint = match ? ` Did you mean "${match.id}" (${match.prompt})?` : '';
        unknown.push(
          `${file}:1:${index + 1}: column ${quote(text)} matches no question id or question text.${hint}`,
        );
      }
    }
  });
  if (unknownCount > MAX_UNKNOWN_LISTED) {
    const more = andMore(unknownCount - MAX_UNKNOWN_LISTED, 'columns match no question');
    unknown.push(`${file}:1:${firstUnlisted + 1}: ${more}`);
  }
  if (unknown.length > 0) {
    throw new InputError(
      unknown,
      'Rename the column to a question id (see: who-failed-whom questions) or its exact text.',
    );
  }
  if (columns.questions.size === 0) throw new InputError([`${file}:1:1: no column matches a question`]);
  return columns;
}

/** A form exports the label a respondent clicked; answers files hold the choice's value. */
function cellValue(q: Question, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return null;
  if (q.type === 'text') return text;
  if (q.type === 'scale') return /^-?\d+$/.test(text) ? Number(text) : text;
  const wanted = normalize(text);
  const choice = q.choices?.find(
    (c) =>
      normalize(c.value) === wanted ||
      normalize(c.label) === wanted ||
      normalize(c.rep?.label ?? '') === wanted,
  );
  return choice ? choice.value : text;
}

/**
 * One respondent per row. Errors point at `file:row-line:column-number`, the column counted from 1 as a
 * spreadsheet shows it.
 */
export function csvRespondents(text: string, file: string, bank: Bank): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // A short or long row is that row's problem, not the file's: it is reported and the rest is read.
      relax_column_count: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number };
    throw new InputError([`${file}:${lines ?? 1}:1: ${message.replace(/^Invalid Record Length: /, '')}`]);
  }
  const [header, ...rows] = records;
  if (!header)
    throw new InputError([`${file}:1:1: is empty; expected a header row and one row per respondent`]);
  const columns = matchColumns(header.record, bank, file);
  const columnOf = new Map([...columns.questions].map(([index, q]) => [q.id, index]));

  return rows.map(({ record, info }) => {
    const line = info.lines;
    const name = `${file}:${line}`;
    if (record.length !== header.record.length) {
      const message = `has ${record.length} fields, but the header has ${header.record.length}`;
      return { ok: false, name, lines: [`${file}:${line}:1: ${message}`] };
    }
    const roleCell =
      columns.role === undefined ? 'manager' : (record[columns.role] ?? '').trim().toLowerCase();
    const role = roleCell === '' ? 'manager' : roleCell;
    const data: Record<string, unknown> = { bank: bank.id, role, answers: {} };
    const person = columns.name ?? columns.email;
    if (person !== undefined && record[person]?.trim()) data.respondent = record[person]?.trim();
    const answers = data.answers as Record<string, unknown>;
    for (const [index, q] of columns.questions) answers[q.id] = cellValue(q, record[index] ?? '');
    const { answers: checked, problems } = checkAnswers(data, bank);
    if (checked) return { ok: true, name, answers: checked };
    return {
      ok: false,
      name,
      lines: problems.map((p) => {
        const key = String(p.path[0] === 'answers' ? p.path[1] : p.path[0]);
        const column = key === 'role' ? columns.role : columnOf.get(key);
        return `${file}:${line}:${(column ?? 0) + 1}: ${p.message}`;
      }),
    };
  });
}
