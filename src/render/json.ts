import type { CompareReport } from '../core/compare.js';
import type { HistoryReport } from '../core/history.js';
import type { Report } from '../core/report.js';
import type { Bank } from '../core/types.js';
import { listQuestions } from './questions.js';
import { escapeUnsafeInJson } from './sanitize.js';

// Every JSON document the tool prints is made here, so each gets the same layout and the same escaping.

/** A JSON document, indented, whose strings hold their data exactly but no character a terminal would obey. */
function jsonDocument(value: unknown): string {
  return `${escapeUnsafeInJson(JSON.stringify(value, null, 2))}\n`;
}

/** One person's report (`--format json`). */
export function renderJson(report: Report): string {
  return jsonDocument(report);
}

/** The questions of a bank (`questions --format json`). */
export function renderQuestionsJson(bank: Bank): string {
  return jsonDocument({
    bank: { id: bank.id, version: bank.version, title: bank.title },
    questions: listQuestions(bank),
  });
}

/** Two rounds compared (`compare --format json`). */
export function renderCompareJson(report: CompareReport): string {
  return jsonDocument(report);
}

/** The kept rounds (`history --format json`). */
export function renderHistoryJson(report: HistoryReport): string {
  return jsonDocument(report);
}

/**
 * A team report as JSON, in pieces to write one after another: indented, but each group on one line, so a large
 * org is as many lines as groups, and never one string of the whole (see the README's Performance section). The
 * groups may be made as they are asked for; `after` is asked for once they are written (the org summary is
 * gathered from them).
 */
export function* teamJsonChunks(
  head: object,
  groups: Iterable<object> | null,
  after: () => object,
): Generator<string> {
  yield '{\n';
  // Each piece is whole JSON text, so escaping it alone is escaping the document (see jsonDocument).
  const field = (key: string, value: unknown) => inPieces(`  ${JSON.stringify(key)}: `, value, '  ');
  for (const [key, value] of Object.entries(head)) {
    yield* field(key, value);
    yield ',\n';
  }
  if (groups === null) yield '  "groups": null,\n';
  else {
    let first = true;
    for (const group of groups) {
      yield `${first ? '  "groups": [\n' : ',\n'}    ${escapeUnsafeInJson(JSON.stringify(group))}`;
      first = false;
    }
    yield first ? '  "groups": [],\n' : '\n  ],\n';
  }
  let first = true;
  for (const [key, value] of Object.entries(after())) {
    if (!first) yield ',\n';
    yield* field(key, value);
    first = false;
  }
  yield '\n}\n';
}

/** A list longer than this is written an entry at a time: an org's reflections run to 100,000 answers. */
const LONG = 256;
/** Pieces are joined up to about this many characters before they are handed on to be written. */
const PIECE = 64 * 1024;

/**
 * `before` and then JSON.stringify(value, null, 2) with every line after its first indented by `indent`, escaped,
 * in pieces of about PIECE characters: a long list, and an object that holds one, is never one string.
 */
function* inPieces(before: string, value: unknown, indent: string): Generator<string> {
  const out = { piece: before };
  yield* pretty(value, indent, out);
  if (out.piece !== '') yield escapeUnsafeInJson(out.piece);
}

/**
 * What JSON.stringify(value, null, 2) writes, lines after the first indented by `indent`, added to `out.piece`,
 * which is handed on (escaped) whenever it has grown to PIECE characters.
 */
function* pretty(value: unknown, indent: string, out: { piece: string }): Generator<string> {
  const flat = (part: unknown, at: string) =>
    (JSON.stringify(part, null, 2) ?? 'null').replaceAll('\n', `\n${at}`);
  if (!holdsLongList(value)) {
    out.piece += flat(value, indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    out.piece += '[\n';
    for (let i = 0; i < value.length; ) {
      if (holdsLongList(value[i])) {
        out.piece += inner;
        yield* pretty(value[i], inner, out);
        i += 1;
      } else {
        // A run of entries at once: the list of them, without its brackets, is what they are within this one.
        let end = i + 1;
        while (end < value.length && end - i < LONG && !holdsLongList(value[end])) end += 1;
        out.piece +=
          indent + flat(value.slice(i, end), indent).slice(indent.length + 2, -(indent.length + 2));
        i = end;
      }
      out.piece += i < value.length ? ',\n' : '\n';
      if (out.piece.length >= PIECE) {
        yield escapeUnsafeInJson(out.piece);
        out.piece = '';
      }
    }
    out.piece += `${indent}]`;
    return;
  }
  const members = Object.entries(value).filter(([, member]) => jsonValue(member) !== undefined);
  out.piece += '{\n';
  for (const [i, [key, member]] of members.entries()) {
    out.piece += `${inner}${JSON.stringify(key)}: `;
    if (holdsLongList(member)) yield* pretty(member, inner, out);
    else out.piece += flat(member, inner);
    out.piece += i < members.length - 1 ? ',\n' : '\n';
  }
  out.piece += `${indent}}`;
}

/** What JSON leaves out of an object (undefined, a function, a symbol) as undefined; anything else as it is. */
const jsonValue = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol' ? undefined : value;

/** A long list, or a list or plain object (no toJSON) with one somewhere within. */
function holdsLongList(value: unknown): value is unknown[] | Record<string, unknown> {
  if (value === null || typeof value !== 'object' || 'toJSON' in value) return false;
  if (Array.isArray(value)) return value.length > LONG || value.some(holdsLongList);
  return Object.values(value).some(holdsLongList);
}
