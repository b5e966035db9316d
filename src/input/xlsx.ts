import { strFromU8, unzipSync } from 'fflate';
import type { Bank } from '../core/types.js';
import { InputError } from '../errors.js';
import { type CsvRow, formRespondents } from './csv.js';

/*
 * The first sheet of an .xlsx workbook (a Microsoft Forms export), as rows of text cells with their positions.
 * The zip is opened by fflate; the few parts of SpreadsheetML a sheet of answers uses are read here: the
 * workbook's sheet list and its relationships, the shared strings, and the sheet's cells. Formulas, styles and
 * dates are not interpreted: a cell is the text or number it holds.
 */

/** One row of the sheet: its number as Excel shows it, and its cells by column (0 is A). */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

/** What one part of a workbook may inflate to: far above any form export, far below a zip bomb. */
const MAX_PART_BYTES = 32 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? '';
  });
}

const attribute = (attributes: string, name: string): string | undefined => {
  const match = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
};

/** The text of every <t> in a fragment, leaving out phonetic runs (<rPh>), as Excel shows a cell. */
function textOf(fragment: string): string {
  const visible = fragment.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const match of visible.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) out += match[1];
  return unescapeXml(out);
}

/** "C" → 2, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 2 → "C", 26 → "AA". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function broken(file: string, why: string): InputError {
  return new InputError(
    [`${file}: not a readable .xlsx workbook (${why})`],
    'Export the responses again as an Excel workbook (.xlsx), or save the sheet as CSV.',
  );
}

/** Reads the first sheet; a file that is not a workbook is one InputError naming the file. */
export function readFirstSheet(bytes: Uint8Array, file: string): Sheet {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (part) => part.name.startsWith('xl/') && part.originalSize <= MAX_PART_BYTES,
    });
  } catch (error) {
    throw broken(file, `the zip cannot be opened: ${(error as Error).message}`);
  }
  const text = (name: string) => {
    const part = parts[name];
    return part === undefined ? undefined : strFromU8(part);
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw broken(file, 'it has no xl/workbook.xml');
  const first = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook);
  if (!first) throw broken(file, 'the workbook lists no sheet');
  const name = attribute(first[1] ?? '', 'name') ?? 'Sheet1';
  const id = attribute(first[1] ?? '', 'r:id');
  let target = 'worksheets/sheet1.xml';
  const rels = text('xl/_rels/workbook.xml.rels');
  if (id !== undefined && rels !== undefined) {
    for (const match of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
      if (attribute(match[1] ?? '', 'Id') === id) target = attribute(match[1] ?? '', 'Target') ?? target;
    }
  }
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const sheet = text(path);
  if (sheet === undefined) throw broken(file, `its first sheet (${path}) is missing`);
  const shared = [
    ...(text('xl/sharedStrings.xml') ?? '').matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>/g),
  ].map((match) => textOf(match[1] ?? ''));
  return { name, rows: sheetRows(sheet, shared, file) };
}

function sheetRows(xml: string, shared: string[], file: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let nextRow = 1;
  for (const rowMatch of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowNumber = Number(attribute(rowMatch[1] ?? '', 'r') ?? nextRow);
    nextRow = rowNumber + 1;
    const cells: string[] = [];
    let nextColumn = 0;
    for (const cell of (rowMatch[2] ?? '').matchAll(
      /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g,
    )) {
      const attributes = cell[1] ?? '';
      const ref = attribute(attributes, 'r');
      const column = ref ? columnIndex(ref.replace(/\d+$/, '')) : nextColumn;
      nextColumn = column + 1;
      const body = cell[2] ?? '';
      const type = attribute(attributes, 't') ?? 'n';
      const value = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let content = '';
      if (type === 's') {
        const index = Number(value);
        if (!Number.isInteger(index) || shared[index] === undefined) {
          throw broken(
            file,
            `cell ${ref ?? columnLetters(column) + rowNumber} names a missing shared string`,
          );
        }
        content = shared[index] as string;
      } else if (type === 'inlineStr') content = textOf(body);
      else if (type === 'b') content = value === '1' ? 'TRUE' : 'FALSE';
      else content = value === undefined ? '' : unescapeXml(value);
      if (column < 0 || column > 16383) throw broken(file, `cell ${ref} is outside a sheet`);
      while (cells.length < column) cells.push('');
      cells[column] = content;
    }
    rows.push({ row: rowNumber, cells });
  }
  return rows;
}

/** How Excel names a sheet in a reference: quoted when it is more than letters, digits and underscores. */
const sheetRef = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replaceAll("'", "''")}'`;

/**
 * The respondents of a form export saved as a workbook (Microsoft Forms' only export): its first sheet, read as
 * a CSV export is (the same header matching), each problem located as `file:Sheet1!C7`.
 */
export function xlsxRespondents(bytes: Uint8Array, file: string, bank: Bank): CsvRow[] {
  const sheet = readFirstSheet(bytes, file);
  const rows = sheet.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  // A workbook leaves out empty cells at the end of a row; a CSV row would have them.
  const width = rows[0]?.cells.length ?? 0;
  const records = rows.map((row) => ({
    record:
      row.cells.length < width
        ? [...row.cells, ...Array<string>(width - row.cells.length).fill('')]
        : row.cells,
    info: { lines: row.row },
  }));
  const at = sheetRef(sheet.name);
  const prefix = `${file}:`;
  // The CSV reader says file:row:column; a workbook's reader expects the cell, as Excel names it.
  const relocate = (line: string) => {
    if (!line.startsWith(prefix)) return line;
    const match = /^(\d+):(\d+)(:|$)/.exec(line.slice(prefix.length));
    if (!match) return line;
    const [whole, row, column, end] = match;
    return `${prefix}${at}!${columnLetters(Number(column) - 1)}${row}${end}${line.slice(prefix.length + whole.length)}`;
  };
  const rowName = (name: string) => {
    const row = /:(\d+)$/.exec(name)?.[1];
    return row !== undefined && name === `${file}:${row}` ? `${file}:${at}!${row}:${row}` : name;
  };
  try {
    return formRespondents(records, file, bank).map((entry) =>
      entry.ok
        ? { ...entry, name: rowName(entry.name) }
        : { ok: false, name: rowName(entry.name), lines: entry.lines.map(relocate) },
    );
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.lines.map(relocate), error.hint);
    throw error;
  }
}
