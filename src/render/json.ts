import type { Report } from '../core/report.js';
import { escapeUnsafeInJson } from './sanitize.js';

/** A JSON document, indented, whose strings hold their data exactly but no character a terminal would obey. */
export function jsonDocument(value: unknown): string {
  return `${escapeUnsafeInJson(JSON.stringify(value, null, 2))}\n`;
}

export function renderJson(report: Report): string {
  return jsonDocument(report);
}
