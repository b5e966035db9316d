import type { Io } from '../io.js';
import { checkTargets, isOwnStream, type WriteTarget, writeTarget } from './destination.js';
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

/**
 * A report goes to its checked target (never half-written, marked as ours) or, without one, to stdout. A large
 * report may come in pieces: stdout gets each as it is made, a file gets them joined and written at once.
 */
export async function emitReport(
  io: Io,
  target: WriteTarget | undefined,
  format: ReportFormat,
  report: string | Iterable<string>,
): Promise<void> {
  if (target === undefined && typeof report !== 'string') {
    // Reports on stdout carry no mark (see markReport), so the pieces go out as they are.
    for (const piece of report) io.stdout.write(piece);
    return;
  }
  const text = typeof report === 'string' ? report : [...report].join('');
  const marked = markReport(format, text, target !== undefined && !isOwnStream(target));
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

/** What a command whose only file out is its report takes for it. */
export interface ReportOptions {
  format: ReportFormat;
  output?: string;
  /** -o may replace a file that is not a report of ours. */
  force: boolean;
  color: boolean;
  /** The bank, when not the built-in one. */
  questions?: string;
  /** No "written to" line. */
  quiet?: boolean;
}

/**
 * The -o target of a command whose only file out is its report: refused now if it would be (before the work),
 * with the same check to run again once every input has been read, just before writing.
 */
export async function reportDestination(
  io: Io,
  options: { output?: string | undefined; force: boolean },
  inputs: (string | undefined)[],
): Promise<{ target: WriteTarget | undefined; recheck: () => Promise<void> }> {
  const target = reportTarget(options.output);
  const check = () => checkTargets(io, target ? [target] : [], { force: options.force, inputs });
  await check();
  return { target, recheck: check };
}
