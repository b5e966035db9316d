import type { CompareReport } from '../core/compare.js';
import type { HistoryReport } from '../core/history.js';
import type { Report } from '../core/report.js';
import type { TeamReport } from '../core/team.js';
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

/** The team report (`team --format json`). */
export function renderTeamJson(report: TeamReport): string {
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
