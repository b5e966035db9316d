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
 * org is as many lines as groups, and never one string of the whole (see the README's Performance section). The groups may be made as they are asked for; `after` is asked for once they are written
 * (the org summary is gathered from them).
 */
export function* teamJsonChunks(
  head: object,
  groups: Iterable<object> | null,
  after: () => object,
): Generator<string> {
  yield '{\n';
  // Each piece is whole JSON text, so escaping it alone is escaping the document (see jsonDocument).
  const field = (key: string, value: unknown) =>
    escapeUnsafeInJson(
      `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`,
    );
  for (const [key, value] of Object.entries(head)) yield `${field(key, value)},\n`;
  if (groups === null) yield '  "groups": null,\n';
  else {
    let first = true;
    for (const group of groups) {
      yield `${first ? '  "groups": [\n' : ',\n'}    ${escapeUnsafeInJson(JSON.stringify(group))}`;
      first = false;
    }
    yield first ? '  "groups": [],\n' : '\n  ],\n';
  }
  yield `${Object.entries(after())
    .map(([key, value]) => field(key, value))
    .join(',\n')}\n}\n`;
}
