import { basename, dirname, relative, resolve } from 'node:path';
import { SummaryBuilder } from '../core/org-summary.js';
import { type GroupModel, gatedBalance, type TeamReport, TeamTally } from '../core/team.js';
import { BalanceTally, baselineChanges, type TeamRound, withChanges } from '../core/team-baseline.js';
import { FollowUpTally } from '../core/team-commitments.js';
import type { Answers, Bank } from '../core/types.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { loadBank, readText } from '../input/load.js';
import { parseRoster } from '../input/roster.js';
import { readBaseline } from '../input/team-baseline.js';
import { teamEntries } from '../input/team-inputs.js';
import type { Io } from '../io.js';
import { checkTargets } from '../output/destination.js';
import { emitReport, reportTarget, writtenLine } from '../output/report-file.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { teamJsonChunks } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { renderTeamMarkdown } from '../render/team-markdown.js';
import { renderTeamText } from '../render/team-text.js';
import { messageFor } from '../render/wrap.js';

export interface TeamCommandOptions {
  paths: string[];
  /** No "written to" line. */
  quiet?: boolean;
  questions?: string;
  format: 'text' | 'json' | 'markdown' | 'html';
  output?: string;
  failUnder?: number;
  skipInvalid: boolean;
  minGroup: number;
  minComments: number;
  by?: 'team' | 'folder';
  roster?: string;
  showNames: boolean;
  color: boolean;
  force: boolean;
  /** Last round: a folder of its answers, or its `team --format json` report. */
  baseline?: string;
}

/** The report but its groups, summary and what was skipped: what is known before the groups are made. */
type TeamHead = Omit<TeamReport, 'groups' | 'summary' | 'skipped' | 'skippedCount'>;

/** The group of answers files that name no team, with --by team. */
const NO_TEAM = '(no team)';

/**
 * With --by folder, each file's group is its folder under the path given ("east", "east/berlin"); files right
 * in that folder take its own name. A file or a form export named directly is grouped by the folder it is in.
 */
async function folderNamer(path: string, io: Io, topName?: string): Promise<(name: string) => string> {
  if (path === '-') return () => '<stdin>';
  const root = resolve(io.cwd, path);
  const top = topName ?? (basename(root) || root);
  if ((await io.kindOf(path)) !== 'directory') {
    const own = relative(io.cwd, dirname(root)) || '.';
    return () => own;
  }
  return (name) => relative(root, dirname(resolve(io.cwd, name))) || top;
}

/** Each item of `items` as `change` makes it, as it goes by. */
function* mapped<T, U>(items: Iterable<T>, change: (item: T) => U): Generator<U> {
  for (const item of items) yield change(item);
}

/** The items of `items`, each handed to `visit` as it goes by. */
function* passing<T>(items: Iterable<T>, visit: (item: T) => void): Generator<T> {
  for (const item of items) {
    visit(item);
    yield item;
  }
}

const lowestOf = (values: (number | null)[]): number | null => {
  const shown = values.filter((v): v is number => v !== null);
  return shown.length === 0 ? null : Math.min(...shown);
};

/** Error lines kept for the message; past this, a bad folder would flood the terminal and the memory. */
const MAX_ERROR_LINES = 200;
const MAX_SKIPPED_LISTED = 1000;

export async function run(options: TeamCommandOptions, io: Io): Promise<number> {
  if (options.paths.length === 0) throw new UsageError('team needs at least one file, folder or - (stdin)');
  const bank = await loadBank(io, options.questions);
  const reportTo = reportTarget(options.output);
  const targets = reportTo ? [reportTo] : [];
  const rules = { force: options.force, inputs: [...options.paths, options.questions, options.roster] };
  // Before reading what may be thousands of files, and again once they are all read.
  await checkTargets(io, targets, rules);
  // Read first: a roster with a mistake should stop the run before thousands of files are read.
  const roster =
    options.roster === undefined
      ? undefined
      : parseRoster((await readText(io, options.roster)).text, options.roster);
  const tally = new TeamTally(bank, {
    minGroup: options.minGroup,
    minComments: options.minComments,
    showNames: options.showNames,
  });
  // Each respondent's balance: what a view's change is tested on, now or when this JSON is a later baseline.
  const balanceTally =
    options.baseline !== undefined || options.format === 'json' ? new BalanceTally(bank) : undefined;
  const followUps = new FollowUpTally(bank, options.minGroup);
  const skipped: TeamReport['skipped'] = [];
  const errorLines: string[] = [];
  let invalid = 0;
  let valid = 0;
  // File names are the user's, and may hold anything: never let one drive the terminal.
  const note = (line: string) => io.stderr.write(`${messageFor(sanitize(line), io.stderr)}\n`);
  // --by folder groups each file by the folder it was found in, under the path it was found through.
  const namers = new Map<string, (name: string) => string>();
  if (options.by === 'folder')
    for (const path of options.paths) namers.set(path, await folderNamer(path, io));
  let folderOf = (_name: string) => '';
  const onPath = (path: string) => {
    folderOf = namers.get(path) ?? folderOf;
  };
  for await (const entry of teamEntries(options.paths, io, bank, note, onPath)) {
    if (entry.ok) {
      const group =
        options.by === 'team'
          ? (entry.answers.meta.team ?? NO_TEAM)
          : options.by === 'folder'
            ? folderOf(entry.name)
            : undefined;
      tally.add(entry.answers, group);
      balanceTally?.add(entry.answers, group);
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
  const { model, groups } = tally.parts(options.by ?? null, roster);
  let head: TeamHead = { schemaVersion: 1, kind: 'team', ...model };
  if (balanceTally) head.balances = balanceTally.result(model.scores, options.minGroup);
  const commitments = followUps.result();
  if (commitments.length > 0) head.commitments = commitments;
  let before: TeamRound | undefined;
  if (options.baseline !== undefined) ({ head, before } = await againstBaseline(head, options, io, bank));
  const tail = { skipped, skippedCount: invalid };
  // The gate takes the lowest balance shown, org or team, as each group goes by.
  const gated = [gatedBalance(model.scores)];
  const summary = new SummaryBuilder(bank);
  // Each group with its respondents' balances and, against a baseline grouped the same way, its changes.
  const finished = (group: GroupModel): GroupModel => {
    if (!balanceTally) return group;
    const balances = balanceTally.groupResult(group.team, group.scores, options.minGroup);
    if (!before) return { ...group, balances };
    const earlier = before.by === (options.by ?? null) ? before.groups?.get(group.team) : undefined;
    if (!earlier) return { ...group, balances, baseline: null };
    const changes = baselineChanges(bank, { ...group, balances }, earlier, options.minGroup);
    return { ...withChanges(group, changes), balances, baseline: { respondents: earlier.respondents } };
  };
  const seen =
    groups &&
    passing(mapped(groups, finished), (group) => {
      summary.add(group);
      gated.push(gatedBalance(group.scores));
    });

  let rendered: string | Iterable<string>;
  if (options.format === 'json') {
    // In pieces, each group made as it is written: an org's groups are never all held at once.
    rendered = teamJsonChunks(head, seen, () => ({ summary: groups ? summary.result() : null, ...tail }));
  } else {
    const all = seen ? [...seen] : null;
    const report: TeamReport = { ...head, groups: all, summary: all ? summary.result() : null, ...tail };
    rendered = await render(report, bank, options, io, reportTo !== undefined);
  }
  await checkTargets(io, targets, rules);
  await emitReport(io, reportTo, options.format, rendered);
  const written = writtenLine('Report', reportTo);
  if (written && !options.quiet) io.stderr.write(`${messageFor(sanitize(written), io.stderr)}\n`);
  if (invalid > 0) io.stderr.write(`Skipped ${invalid} invalid input(s); see the report.\n`);

  const gate = lowestOf(gated);
  if (options.failUnder !== undefined && gate !== null && gate < options.failUnder) {
    io.stderr.write(`Team balance ${gate} is below --fail-under ${options.failUnder}.\n`);
    return ExitCode.belowThreshold;
  }
  return ExitCode.ok;
}

async function render(
  report: TeamReport,
  bank: Bank,
  options: TeamCommandOptions,
  io: Io,
  toFile: boolean,
): Promise<string> {
  if (options.format === 'markdown') return renderTeamMarkdown(report);
  if (options.format === 'html') {
    // Loaded only for this format, as for the single report.
    const { renderTeamHtml } = await import('../render/html/team-page.js');
    return renderTeamHtml(report, bank);
  }
  const style = await makeStyle(!toFile && colorEnabled(io.stdout, io.env, options.color));
  return renderTeamText(report, style, io.stdout.columns);
}

/**
 * The change per view and per item since the baseline round, each tested (src/core/rank-test.ts); and the
 * baseline round itself, whose groups the report's groups are compared with.
 */
async function againstBaseline(
  report: TeamHead,
  options: TeamCommandOptions,
  io: Io,
  bank: Bank,
): Promise<{ head: TeamHead; before: TeamRound }> {
  const baseline = options.baseline ?? '';
  const { round, info, skipped } = await readBaseline(baseline, io, bank, {
    ...options,
    groupOf: await baselineGrouping(baseline, options, io),
  });
  if (skipped > 0) io.stderr.write(`Skipped ${skipped} invalid input(s) of the baseline.\n`);
  if (options.by !== undefined && round.by !== options.by) {
    const made = round.by ? `grouped --by ${round.by}` : 'made without --by';
    io.stderr.write(
      `${sanitize(baseline)}: the baseline report was ${made}, so only the org is compared with it, not each ${options.by}.\n`,
    );
  }
  const changes = baselineChanges(bank, report, round, options.minGroup);
  return { head: { ...withChanges(report, changes), baseline: info }, before: round };
}

/**
 * The group of each answers file of the baseline, made as the run's own: by its team, or by its folder under
 * the baseline's path. Files right in that folder are grouped as the run's files right in its folder are, so
 * last quarter's top folder (rounds/2026-Q4) meets this quarter's (rounds/2027-Q1).
 */
async function baselineGrouping(
  baseline: string,
  options: TeamCommandOptions,
  io: Io,
): Promise<((answers: Answers, name: string) => string) | undefined> {
  if (options.by === 'team') return (answers) => answers.meta.team ?? NO_TEAM;
  if (options.by !== 'folder') return undefined;
  const [now] = options.paths;
  const top =
    options.paths.length === 1 && now !== undefined && (await io.kindOf(now)) === 'directory'
      ? basename(resolve(io.cwd, now)) || undefined
      : undefined;
  const namer = await folderNamer(baseline, io, top);
  return (_answers, name) => namer(name);
}
