import { gatedBalance, type TeamReport, TeamTally } from '../core/team.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { loadBank } from '../input/load.js';
import { teamEntries } from '../input/team-inputs.js';
import type { Io } from '../io.js';
import { checkTargets } from '../output/destination.js';
import { emitReport, reportTarget, writtenLine } from '../output/report-file.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { sanitize } from '../render/style.js';
import { renderTeamMarkdown } from '../render/team-markdown.js';
import { renderTeamText } from '../render/team-text.js';

export interface TeamCommandOptions {
  paths: string[];
  /** No "written to" line. */
  quiet?: boolean;
  questions?: string;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  failUnder?: number;
  skipInvalid: boolean;
  minGroup: number;
  showNames: boolean;
  color: boolean;
  force: boolean;
}

/** Error lines kept for the message; past this, a bad folder would flood the terminal and the memory. */
const MAX_ERROR_LINES = 200;
const MAX_SKIPPED_LISTED = 1000;

export async function run(options: TeamCommandOptions, io: Io): Promise<number> {
  if (options.paths.length === 0) throw new UsageError('team needs at least one file, folder or - (stdin)');
  const bank = await loadBank(io, options.questions);
  const reportTo = reportTarget(options.output);
  const targets = reportTo ? [reportTo] : [];
  const rules = { force: options.force, inputs: [...options.paths, options.questions] };
  // Before reading what may be thousands of files, and again once they are all read.
  await checkTargets(io, targets, rules);
  const tally = new TeamTally(bank, { minGroup: options.minGroup, showNames: options.showNames });
  const skipped: TeamReport['skipped'] = [];
  const errorLines: string[] = [];
  let invalid = 0;
  let valid = 0;
  // File names are the user's, and may hold anything: never let one drive the terminal.
  const note = (line: string) => io.stderr.write(`${sanitize(line)}\n`);
  for await (const entry of teamEntries(options.paths, io, bank, note)) {
    if (entry.ok) {
      tally.add(entry.answers);
      valid += 1;
      continue;
    }
    invalid += 1;
    if (errorLines.length < MAX_ERROR_LINES) errorLines.push(...entry.lines);
    // Listed up to a cap: a folder of a million bad files must not become a million-row report.
    if (options.skipInvalid && skipped.length < MAX_SKIPPED_LISTED) {
      skipped.push({ source: entry.name, reason: entry.lines[0] ?? 'invalid' });
    }
  }
  if (invalid > 0 && !options.skipInvalid) {
    const more = invalid > 1 ? ` (${invalid} inputs are invalid)` : '';
    throw new InputError(
      errorLines.slice(0, MAX_ERROR_LINES),
      `Fix them, or pass --skip-invalid to report on the valid ones only${more}.`,
    );
  }
  if (valid === 0) {
    const inputs = options.paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ');
    const why = invalid > 0 ? ` (${invalid} invalid input(s) skipped; the first: ${errorLines[0]})` : '';
    throw new InputError(
      [`${inputs}: no valid answers found${why}`],
      options.paths.includes('-')
        ? 'On stdin, give YAML documents separated by --- lines.'
        : 'Folders are searched for .yaml, .yml and .json files.',
    );
  }
  skipped.sort((a, b) => a.source.localeCompare(b.source));
  const report: TeamReport = {
    schemaVersion: 1,
    kind: 'team',
    ...tally.result(),
    skipped,
    skippedCount: invalid,
  };

  const rendered =
    options.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : options.format === 'markdown'
        ? renderTeamMarkdown(report)
        : renderTeamText(
            report,
            await makeStyle(reportTo === undefined && colorEnabled(io.stdout, io.env, options.color)),
            io.stdout.columns,
          );
  await checkTargets(io, targets, rules);
  await emitReport(io, reportTo, options.format, rendered);
  const written = writtenLine('Report', reportTo);
  if (written && !options.quiet) io.stderr.write(`${sanitize(written)}\n`);
  if (invalid > 0) io.stderr.write(`Skipped ${invalid} invalid input(s); see the report.\n`);

  const gate = gatedBalance(report.scores);
  if (options.failUnder !== undefined && gate !== null && gate < options.failUnder) {
    io.stderr.write(`Team balance ${gate} is below --fail-under ${options.failUnder}.\n`);
    return ExitCode.belowThreshold;
  }
  return ExitCode.ok;
}
