import type { Report } from '../core/report.js';
import { escapeUnsafeInJson } from './sanitize.js';

/** A JSON document, indented, whose strings hold their data exactly but no character a terminal would obey. */
export function jsonDocument(value: unknown): string {
  return `${escapeUnsafeInJson(JSON.stringify(value, null, 2))}\n`;
}

export function renderJson(report: Report): string {
  return jsonDocument(report);
}

/**
 * A team report as JSON, in pieces to write one after another: indented, but each group on one line. An org of
 * 2,000 teams is then 2,000 lines instead of some 2 million and a third of the bytes, and never one string of
 * tens of megabytes. The groups may be made as they are asked for; `after` is asked for once they are written
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
