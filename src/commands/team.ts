import { gatedBalance, type TeamReport, TeamTally } from '../core/team.js';
import { BalanceTally, baselineChanges, withChanges } from '../core/team-baseline.js';
import { FollowUpTally } from '../core/team-commitments.js';
import type { Bank } from '../core/types.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { loadBank } from '../input/load.js';
import { readBaseline } from '../input/team-baseline.js';
import { teamEntries } from '../input/team-inputs.js';
import type { Io } from '../io.js';
import { checkTargets } from '../output/destination.js';
import { emitReport, reportTarget, writtenLine } from '../output/report-file.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { jsonDocument } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
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
  /** Last round: a folder of its answers, or its `team --format json` report. */
  baseline?: string;
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
  // Each respondent's balance: what a view's change is tested on, now or when this JSON is a later baseline.
  const balances =
    options.baseline !== undefined || options.format === 'json' ? new BalanceTally(bank) : undefined;
  const followUps = new FollowUpTally(bank, options.minGroup);
  const skipped: TeamReport['skipped'] = [];
  const errorLines: string[] = [];
  let invalid = 0;
  let valid = 0;
  // File names are the user's, and may hold anything: never let one drive the terminal.
  const note = (line: string) => io.stderr.write(`${sanitize(line)}\n`);
  for await (const entry of teamEntries(options.paths, io, bank, note)) {
    if (entry.ok) {
      tally.add(entry.answers);
      balances?.add(entry.answers);
      followUps.add(entry.answers);
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
  let report: TeamReport = {
    schemaVersion: 1,
    kind: 'team',
    ...tally.result(),
    skipped,
    skippedCount: invalid,
  };
  if (balances) report.balances = balances.result(report.scores);
  const commitments = followUps.result();
  if (commitments.length > 0) report.commitments = commitments;
  if (options.baseline !== undefined) report = await againstBaseline(report, options, io, bank);

  const rendered =
    options.format === 'json'
      ? jsonDocument(report)
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

/** The change per view and per item since the baseline round, each tested (src/core/rank-test.ts). */
async function againstBaseline(
  report: TeamReport,
  options: TeamCommandOptions,
  io: Io,
  bank: Bank,
): Promise<TeamReport> {
  const baseline = options.baseline ?? '';
  const { round, info, skipped } = await readBaseline(baseline, io, bank, options);
  if (skipped > 0) io.stderr.write(`Skipped ${skipped} invalid input(s) of the baseline.\n`);
  const changes = baselineChanges(bank, report, round, options.minGroup);
  return { ...withChanges(report, changes), baseline: info };
}
