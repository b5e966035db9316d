import { parse } from 'csv-parse/sync';
import { checkAnswers } from '../core/answers.js';
import { quote } from '../core/quote.js';
import { andMore, MAX_UNKNOWN_LISTED, nearest } from '../core/suggest.js';
import type { Answers, Bank, Question, Role } from '../core/types.js';
import { InputError } from '../errors.js';
import {
  FORM_METADATA,
  PERSON_COLUMNS,
  ROLE_ANSWERS,
  ROLE_HEADERS,
  SUBHEADER_CELLS,
  TEAM_HEADERS,
} from './form-columns.js';

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?.:]+$/, '')
    .trim();

const setOf = (headers: readonly string[]) => new Set(headers.map(normalize));
const METADATA = setOf(FORM_METADATA.flatMap((service) => service.headers));
const METADATA_PREFIXES = FORM_METADATA.flatMap((service) => service.prefixes ?? []).map((p) =>
  p.toLowerCase(),
);
const NAME = setOf(PERSON_COLUMNS.name);
const FIRST_NAME = setOf(PERSON_COLUMNS.firstName);
const LAST_NAME = setOf(PERSON_COLUMNS.lastName);
const EMAIL = setOf(PERSON_COLUMNS.email);
const ROLE = setOf(ROLE_HEADERS);
const TEAM = setOf(TEAM_HEADERS);
const SUBHEADER = setOf(SUBHEADER_CELLS);
const ROLE_OF = new Map<string, Role>(
  (Object.entries(ROLE_ANSWERS) as [Role, readonly string[]][]).flatMap(([role, answers]) =>
    answers.map((answer) => [normalize(answer), role] as const),
  ),
);

export type CsvRow =
  | { ok: true; name: string; answers: Answers }
  | { ok: false; name: string; lines: string[] };

type Kind =
  | 'question'
  | 'role'
  | 'team'
  | 'name'
  | 'first-name'
  | 'last-name'
  | 'email'
  | 'metadata'
  | 'unknown';

interface Columns {
  questions: Map<number, Question>;
  role?: number;
  team?: number;
  name?: number;
  firstName?: number;
  lastName?: number;
  email?: number;
  /** Columns that are neither a question nor a column a form service adds: reported, and left out. */
  unknown: number[];
}

/** A row of a form export, from CSV or a workbook: its cells, and the line (or sheet row) it is on. */
interface Row {
  record: string[];
  info: { lines: number };
}

/** Question ids and texts (the manager's and the rep's wording), as a header may give them. */
function questionTexts(bank: Bank): Map<string, Question> {
  const byText = new Map<string, Question>();
  for (const q of bank.questions) {
    byText.set(normalize(q.id), q);
    byText.set(normalize(q.prompt), q);
    if (q.rep) byText.set(normalize(q.rep.prompt), q);
  }
  return byText;
}

/** What a header names. A question comes first: a bank may well ask something a form service also adds. */
function kindOf(header: string, byText: Map<string, Question>): Kind {
  const text = normalize(header);
  if (byText.has(text)) return 'question';
  if (ROLE.has(text)) return 'role';
  if (TEAM.has(text)) return 'team';
  if (NAME.has(text)) return 'name';
  if (FIRST_NAME.has(text)) return 'first-name';
  if (LAST_NAME.has(text)) return 'last-name';
  if (EMAIL.has(text)) return 'email';
  if (METADATA.has(text) || METADATA_PREFIXES.some((prefix) => text.startsWith(prefix))) return 'metadata';
  return 'unknown';
}

const shown = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/**
 * Matches each header to a question, to who answered, or to a column a form service adds. Two columns for one
 * question refuse the file (which to score would be a guess); a column that is none of these is kept in
 * `unknown`, for the caller to report. A role asked under a header of its own ("What's your role in the team?")
 * is recognised by its answers: every one a role.
 */
function matchColumns(header: string[], rows: Row[], byText: Map<string, Question>, at: string): Columns {
  const columns: Columns = { questions: new Map(), unknown: [] };
  const firstOf = new Map<string, number>();
  const duplicates: string[] = [];
  const claim = (key: string, index: number, what: string) => {
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, index);
      return true;
    }
    duplicates.push(
      `${at}:${index + 1}: columns ${first + 1} ("${shown(header[first] ?? '', 80)}") and ${index + 1} ("${shown(header[index] ?? '', 80)}") are both ${what}`,
    );
    return false;
  };
  header.forEach((raw, index) => {
    const kind =
      raw.trim() === '' ? (columnIsEmpty(rows, index) ? 'metadata' : 'unknown') : kindOf(raw, byText);
    if (kind === 'question') {
      const q = byText.get(normalize(raw)) as Question;
      if (claim(`question ${q.id}`, index, `question "${q.id}"`)) columns.questions.set(index, q);
    } else if (kind === 'role') {
      if (claim('role', index, 'the role')) columns.role = index;
    } else if (kind === 'team') {
      if (claim('team', index, 'the team')) columns.team = index;
    } else if (kind === 'name') columns.name ??= index;
    else if (kind === 'first-name') columns.firstName ??= index;
    else if (kind === 'last-name') columns.lastName ??= index;
    else if (kind === 'email') columns.email ??= index;
    else if (kind === 'unknown') columns.unknown.push(index);
  });
  if (duplicates.length > 0) {
    throw new InputError(
      duplicates,
      'A form export has one column per question: delete one of the two, keeping the answers you mean.',
    );
  }
  if (columns.role === undefined) {
    const byAnswers = columns.unknown.filter((index) => holdsRoles(rows, index));
    // Failing that, a header that says role ("Role in the team"): its answers are checked row by row.
    const roles =
      byAnswers.length > 0 ? byAnswers : columns.unknown.filter((i) => /\brole\b/i.test(header[i] ?? ''));
    if (roles.length > 1) {
      throw new InputError([
        `${at}:${(roles[1] as number) + 1}: columns ${roles.map((i) => i + 1).join(' and ')} all look like the respondent's role (manager or rep); keep one of them`,
      ]);
    }
    if (roles.length === 1) {
      columns.role = roles[0];
      columns.unknown = columns.unknown.filter((index) => index !== columns.role);
    }
  }
  if (columns.questions.size === 0) {
    if (columns.unknown.length === 0) throw new InputError([`${at}:1: no column matches a question`]);
    throw new InputError(
      unknownColumnLines(header, columns.unknown, byText, at),
      'Rename the column to a question id (see: who-failed-whom questions) or its exact text.',
    );
  }
  return columns;
}

function columnIsEmpty(rows: Row[], index: number): boolean {
  return rows.every(({ record }) => (record[index] ?? '').trim() === '');
}

function holdsRoles(rows: Row[], index: number): boolean {
  let answered = false;
  for (const { record } of rows) {
    const cell = normalize(record[index] ?? '');
    if (cell === '') continue;
    if (!ROLE_OF.has(cell)) return false;
    answered = true;
  }
  return answered;
}

function unknownColumnLines(
  header: string[],
  unknown: number[],
  byText: Map<string, Question>,
  at: string,
): string[] {
  // Past the cap a column is counted, not matched: each match compares it with every question.
  const lines = unknown.slice(0, MAX_UNKNOWN_LISTED).map((index) => {
    const text = (header[index] ?? '').trim();
    if (text === '') return `${at}:${index + 1}: column ${index + 1} has answers but no header`;
    const guess = nearest(normalize(text), byText.keys());
    const match = guess === undefined ? undefined : byText.get(guess);
    const hint = match ? ` Did you mean "${match.id}" (${match.prompt})?` : '';
    return `${at}:${index + 1}: column ${quote(text, { max: 200 })} matches no question id or question text.${hint}`;
  });
  const unlisted = unknown[MAX_UNKNOWN_LISTED];
  if (unlisted !== undefined) {
    lines.push(
      `${at}:${unlisted + 1}: ${andMore(unknown.length - MAX_UNKNOWN_LISTED, 'columns match no question')}`,
    );
  }
  return lines;
}

/** A form exports the label a respondent clicked; answers files hold the choice's value. */
function cellValue(q: Question, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return null;
  if (q.type === 'text') return text;
  if (q.type === 'scale') return /^-?\d+$/.test(text) ? Number(text) : scalePointOf(q, text);
  const wanted = normalize(text);
  const choice = q.choices?.find(
    (c) =>
      normalize(c.value) === wanted ||
      normalize(c.label) === wanted ||
      normalize(c.rep?.label ?? '') === wanted,
  );
  return choice ? choice.value : text;
}

/** Forms export a Likert answer as the label clicked ("Usually"): the point whose label it is, else the text. */
function scalePointOf(q: Question, text: string): number | string {
  const wanted = normalize(text);
  const point = Object.entries(q.scale?.labels ?? {}).find(([, label]) => normalize(label) === wanted)?.[0];
  return point === undefined ? text : Number(point);
}

function roleOf(cell: string): string {
  const text = normalize(cell);
  // Anything else goes on as written, for the check to quote it back.
  return text === '' ? 'manager' : (ROLE_OF.get(text) ?? cell.trim());
}

const DELIMITERS = [',', ';', '\t'];

/**
 * The field delimiter: what Excel's `sep=` first line names, else whichever of comma, semicolon (Excel where the
 * decimal mark is a comma) and tab splits the header into the most columns this tool recognises. Counting
 * recognised columns rather than delimiters keeps a question's own commas from outvoting the semicolons.
 */
function dialect(text: string, byText: Map<string, Question>): { delimiter: string; fromLine: number } {
  const sep = /^\uFEFF?sep=([,;\t|])[ \t]*\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1] as string, fromLine: 2 };
  let best = { delimiter: ',', known: -1, columns: 0 };
  for (const delimiter of DELIMITERS) {
    let header: string[];
    try {
      header =
        (
          parse(text, {
            delimiter,
            to: 1,
            bom: true,
            relax_column_count: true,
            record_delimiter: '\n',
          }) as string[][]
        )[0] ?? [];
    } catch {
      continue;
    }
    const known = header.filter((cell) => kindOf(cell, byText) !== 'unknown').length;
    if (known > best.known || (known === best.known && header.length > best.columns)) {
      best = { delimiter, known, columns: header.length };
    }
  }
  return { delimiter: best.delimiter, fromLine: 1 };
}

/** SurveyMonkey's second header row: nothing in it but "Response", "Open-Ended Response" and blanks. */
function isSubheader(record: string[] | undefined): boolean {
  if (!record) return false;
  const cells = record.map(normalize).filter((cell) => cell !== '');
  return cells.length > 0 && cells.every((cell) => SUBHEADER.has(cell));
}

/**
 * One respondent per row, from the export of Google Forms, Microsoft Forms, Typeform, SurveyMonkey or a
 * spreadsheet. Errors point at `file:row-line:column-number`, the column counted from 1 as a spreadsheet shows
 * it. Columns that match nothing come first, as one entry for the file; its rows are read without them.
 */
export function csvRespondents(text: string, file: string, bank: Bank): CsvRow[] {
  const byText = questionTexts(bank);
  const { delimiter, fromLine } = dialect(text, byText);
  let records: Row[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      // Line ends are LF by now (see decode.ts); left to guess, csv-parse rescans a long header for them.
      record_delimiter: '\n',
      from_line: fromLine,
      info: true,
      skip_empty_lines: true,
      // Spreadsheets leave rows of bare delimiters below the data (`;;;;`): nobody answered there.
      skip_records_with_empty_values: true,
      // A short or long row is that row's problem, not the file's: it is reported and the rest is read.
      relax_column_count: true,
    }) as unknown as Row[];
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number };
    throw new InputError([`${file}:${lines ?? 1}:1: ${message.replace(/^Invalid Record Length: /, '')}`]);
  }
  return formRespondents(records, file, bank);
}

/** One respondent per row of a form export, the first row its header: a .csv and an .xlsx share this. */
export function formRespondents(records: Row[], file: string, bank: Bank): CsvRow[] {
  const byText = questionTexts(bank);
  const [header, ...rest] = records;
  if (!header)
    throw new InputError([`${file}:1:1: is empty; expected a header row and one row per respondent`]);
  const rows = isSubheader(rest[0]?.record) ? rest.slice(1) : rest;
  // Where the header is: `file:line`, the line after Excel's sep= line when there is one.
  const at = `${file}:${header.info.lines}`;
  const columns = matchColumns(header.record, rows, byText, at);
  if (rows.length === 0) {
    throw new InputError([
      `${at}:1: has a header row but no rows under it; a form export has one row per respondent`,
    ]);
  }
  const columnOf = new Map([...columns.questions].map(([index, q]) => [q.id, index]));

  const entries: CsvRow[] = [];
  if (columns.unknown.length > 0) {
    const listed = columns.unknown.slice(0, 5).map((index) => index + 1);
    const more = columns.unknown.length - listed.length;
    entries.push({
      ok: false,
      name: `${file}, column${listed.length > 1 ? 's' : ''} ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      lines: unknownColumnLines(header.record, columns.unknown, byText, at),
    });
  }
  for (const { record, info } of rows) {
    const line = info.lines;
    const name = `${file}:${line}`;
    if (record.length !== header.record.length) {
      const message = `has ${record.length} fields, but the header has ${header.record.length}`;
      entries.push({ ok: false, name, lines: [`${file}:${line}:1: ${message}`] });
      continue;
    }
    const role = columns.role === undefined ? 'manager' : roleOf(record[columns.role] ?? '');
    const data: Record<string, unknown> = { bank: bank.id, role, answers: {} };
    const person = respondentName(columns, record);
    if (person) data.respondent = person;
    const team = columns.team === undefined ? '' : (record[columns.team] ?? '').trim();
    if (team) data.team = team;
    const answers = data.answers as Record<string, unknown>;
    for (const [index, q] of columns.questions) answers[q.id] = cellValue(q, record[index] ?? '');
    const { answers: checked, problems } = checkAnswers(data, bank);
    if (checked) {
      entries.push({ ok: true, name, answers: checked });
      continue;
    }
    entries.push({
      ok: false,
      name,
      lines: problems.map((p) => {
        const key = String(p.path[0] === 'answers' ? p.path[1] : p.path[0]);
        const column = key === 'role' ? columns.role : columnOf.get(key);
        return `${file}:${line}:${(column ?? 0) + 1}: ${p.message}`;
      }),
    });
  }
  return entries;
}

/** The row's name column, else its first and last names (SurveyMonkey), else its email. */
function respondentName(columns: Columns, record: string[]): string | undefined {
  const cell = (index: number | undefined) => (index === undefined ? '' : (record[index] ?? '').trim());
  const full =
    cell(columns.name) || [cell(columns.firstName), cell(columns.lastName)].filter(Boolean).join(' ');
  return full || cell(columns.email) || undefined;
}
