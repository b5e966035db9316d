import type { Io } from '../io.js';
import { isOwnStream, type WriteTarget, writeTarget } from './destination.js';
import { markReport, type ReportFormat } from './report-mark.js';

/** `-o FILE`, or undefined for stdout (no -o, or `-o -`). */
export function reportTarget(output: string | undefined): WriteTarget | undefined {
  if (output === undefined || output === '-') return undefined;
  return {
    path: output,
    flag: '-o',
    // Reports are meant to be written again and again (`-o report.md` in CI).
    replaces: 'report',
    hint: 'Choose another file for -o, or leave -o out to print the report.',
  };
}

/** A report goes to its checked target (never half-written, marked as ours) or, without one, to stdout. */
export async function emitReport(
  io: Io,
  target: WriteTarget | undefined,
  format: ReportFormat,
  report: string,
): Promise<void> {
  const marked = markReport(format, report, target !== undefined && !isOwnStream(target));
  if (target === undefined) io.stdout.write(marked);
  else await writeTarget(io, target, marked);
}

/**
 * "Report written to r.md", for a file; nothing for this run's own stdout or stderr, where the text itself shows.
 * Unsanitised: the caller makes the name safe for the terminal.
 */
export function writtenLine(what: string, target: WriteTarget | undefined): string | undefined {
  return target && !isOwnStream(target) ? `${what} written to ${target.path}` : undefined;
}
