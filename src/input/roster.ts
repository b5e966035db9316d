import { parse } from 'csv-parse/sync';
import type { RosterEntry } from '../core/roster.js';
import { InputError } from '../errors.js';

const NAME = /^(name|full name)$/i;
const EMAIL = /^(e-?mail( address)?)$/i;
const ROLE = /^role$/i;
const TEAM = /^team$/i;

/**
 * A roster (--roster FILE): CSV with a header naming `name` and/or `email`, `role` (manager or rep) and `team`.
 * Every problem is reported as file:line:col; any problem stops the run.
 */
export function parseRoster(text: string, file: string): RosterEntry[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number };
    throw new InputError([`${file}:${lines ?? 1}:1: ${message}`]);
  }
  const [header, ...rows] = records;
  const hint = 'A roster is CSV with a header row: name or email, role (manager or rep), team.';
  if (!header) throw new InputError([`${file}:1:1: is empty`], hint);
  const column = (pattern: RegExp) => {
    const index = header.record.findIndex((cell) => pattern.test(cell.trim()));
    return index < 0 ? undefined : index;
  };
  const columns = { name: column(NAME), email: column(EMAIL), role: column(ROLE), team: column(TEAM) };
  const missing: string[] = [];
  if (columns.name === undefined && columns.email === undefined) missing.push('name or email');
  if (columns.role === undefined) missing.push('role');
  if (missing.length > 0) {
    throw new InputError([`${file}:1:1: the header has no ${missing.join(' and no ')} column`], hint);
  }
  const problems: string[] = [];
  const entries: RosterEntry[] = [];
  for (const { record, info } of rows) {
    const cell = (index: number | undefined) => (index === undefined ? '' : (record[index] ?? '').trim());
    const name = cell(columns.name) || null;
    const email = cell(columns.email) || null;
    const role = cell(columns.role).toLowerCase();
    if (name === null && email === null) {
      problems.push(`${file}:${info.lines}:${(columns.name ?? columns.email ?? 0) + 1}: no name or email`);
    }
    if (role !== 'manager' && role !== 'rep') {
      problems.push(
        `${file}:${info.lines}:${(columns.role ?? 0) + 1}: role must be manager or rep, not "${role.slice(0, 40)}"`,
      );
      continue;
    }
    entries.push({ name, email, role, team: cell(columns.team) || null });
  }
  if (problems.length > 0) throw new InputError(problems.slice(0, 200), hint);
  return entries;
}
