import type { BaselineInfo } from '../core/change.js';
import { DEFAULT_MIN_COMMENTS, TeamTally } from '../core/team.js';
import { ALPHA, BalanceTally, checkTeamReport, TEST_NAME, type TeamRound } from '../core/team-baseline.js';
import type { Answers, Bank } from '../core/types.js';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { readText } from './load.js';
import { parseSource, problemLines } from './source.js';
import { teamEntries } from './team-inputs.js';

export interface BaselineOptions {
  minGroup: number;
  skipInvalid: boolean;
  /** With --by: how the now round is grouped, and the group of each baseline answers file (by its name). */
  by?: 'team' | 'folder' | undefined;
  groupOf?: ((answers: Answers, name: string) => string) | undefined;
}

/**
 * Last round, for `team --baseline`: a `team --format json` report, or answers (a folder, files, a form export)
 * tallied as the team command tallies them. Invalid answers fail the run as they would in the round itself.
 */
export async function readBaseline(
  path: string,
  io: Io,
  bank: Bank,
  options: BaselineOptions,
): Promise<{ round: TeamRound; info: BaselineInfo; skipped: number }> {
  const report =
    (await io.kindOf(path)) === 'file' && path.toLowerCase().endsWith('.json')
      ? await teamReport(path, io)
      : undefined;
  let round: TeamRound;
  let skipped = 0;
  if (report) round = report;
  else {
    // Comments are not compared: their minimum does not matter here.
    const tally = new TeamTally(bank, {
      minGroup: options.minGroup,
      minComments: DEFAULT_MIN_COMMENTS,
      showNames: false,
    });
    const balances = new BalanceTally(bank);
    const lines: string[] = [];
    let valid = 0;
    for await (const entry of teamEntries([path], io, bank)) {
      if (entry.ok) {
        const group = options.groupOf?.(entry.answers, entry.name);
        tally.add(entry.answers, group);
        balances.add(entry.answers, group);
        valid += 1;
      } else {
        skipped += 1;
        if (lines.length < 200) lines.push(...entry.lines);
      }
    }
    if (skipped > 0 && !options.skipInvalid) {
      throw new InputError(
        lines,
        'Fix the baseline, or pass --skip-invalid to leave its invalid inputs out too.',
      );
    }
    if (valid === 0) throw new InputError([`${path}: no valid answers found for the baseline`]);
    const by = options.by ?? null;
    const result = tally.result(by);
    round = {
      bank: result.bank,
      by,
      respondents: result.respondents,
      scores: result.scores,
      items: result.items,
      balances: balances.result(result.scores, options.minGroup),
    };
    if (result.groups) {
      round.groups = new Map(
        result.groups.map((g) => [
          g.team,
          { ...g, balances: balances.groupResult(g.team, g.scores, options.minGroup) },
        ]),
      );
    }
  }
  if (round.bank.id !== bank.id) {
    throw new InputError(
      [`${path}: the baseline is a round of bank "${round.bank.id}", not "${bank.id}"`],
      'A baseline is last round of the same bank.',
    );
  }
  const info: BaselineInfo = {
    source: path,
    kind: report ? 'report' : 'answers',
    bank: round.bank,
    respondents: round.respondents,
    test: TEST_NAME,
    alpha: ALPHA,
    otherVersion: round.bank.version === bank.version ? null : round.bank.version,
    by: round.by ?? null,
  };
  return { round, info, skipped };
}

/** A team JSON report, or undefined when the JSON file is not one (then it is read as answers). */
async function teamReport(path: string, io: Io): Promise<TeamRound | undefined> {
  const { text, name } = await readText(io, path);
  const source = parseSource(text, name);
  const data = source.data as { kind?: unknown } | null;
  if (data?.kind !== 'team') return undefined;
  const { round, problems } = checkTeamReport(data);
  if (!round) {
    throw new InputError(
      problemLines(source, problems),
      'A baseline report is what team --format json wrote; or give the folder of last round’s answers.',
    );
  }
  return round;
}
