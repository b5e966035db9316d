import { type HistoryReport, historyRound } from '../core/history.js';
import type { Bank, Role } from '../core/types.js';
import { InputError } from '../errors.js';
import { loadBank } from '../input/load.js';
import { readRound } from '../input/round.js';
import type { Io } from '../io.js';
import { emitReport, type ReportOptions, reportDestination, writtenLine } from '../output/report-file.js';
import { listRounds, requireDataFolder, roundsFolder } from '../output/rounds.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { renderHistoryMarkdown, renderHistoryText } from '../render/history.js';
import { renderHistoryJson } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { messageFor } from '../render/wrap.js';

export interface HistoryOptions extends ReportOptions {
  /** Only this role's rounds; both without it. */
  role?: Role;
}

/** The rounds kept in the data folder for the bank: date, role, scores, leaning, and the balance over time. */
export async function run(options: HistoryOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  const { target: reportTo, recheck } = await reportDestination(io, options, [options.questions]);
  const report: HistoryReport = {
    schemaVersion: 1,
    kind: 'history',
    bank: { id: bank.id, version: bank.version, title: bank.title },
    folder: roundsFolder(requireDataFolder(io), bank.id),
    rounds: [],
    skipped: [],
  };
  for (const { path, role } of await listRounds(io, bank.id, options.role)) {
    try {
      const round = historyRound(bank, path, role, await readRound(io, path, bank));
      if (typeof round === 'string') report.skipped.push({ file: path, reason: round });
      else report.rounds.push(round);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      report.skipped.push({ file: path, reason: error.lines[0] ?? 'unreadable' });
    }
  }
  const rendered = await render(report, bank, options, io, reportTo !== undefined);
  await recheck();
  await emitReport(io, reportTo, options.format, rendered);
  const written = writtenLine('Report', reportTo);
  if (written && !options.quiet) io.stderr.write(`${messageFor(sanitize(written), io.stderr)}\n`);
  if (report.skipped.length > 0)
    io.stderr.write(`Skipped ${report.skipped.length} round(s) that could not be read; see the report.\n`);
  return 0;
}

async function render(
  report: HistoryReport,
  bank: Bank,
  options: HistoryOptions,
  io: Io,
  toFile: boolean,
): Promise<string> {
  if (options.format === 'json') return renderHistoryJson(report);
  if (options.format === 'markdown') return renderHistoryMarkdown(report);
  if (options.format === 'html') {
    // Loaded only for this format, as for the other reports.
    const { renderHistoryHtml } = await import('../render/html/history-page.js');
    return renderHistoryHtml(report, bank.scoring.tolerance);
  }
  const style = await makeStyle(!toFile && colorEnabled(io.stdout, io.env, options.color));
  return renderHistoryText(report, style, io.stdout.columns ?? 80);
}
