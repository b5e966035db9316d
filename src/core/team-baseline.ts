import * as v from 'valibot';
import type { BalanceDistributions, ChangeVerdict, TeamChange } from './change.js';
import { mannWhitney, type Sample } from './rank-test.js';
import { bankForRole } from './role.js';
import { balanceOnly } from './score.js';
import { round2 } from './stats.js';
import type { TeamModel, TeamView } from './team.js';
import type { Answers, Bank, Problem, Question, Role } from './types.js';
import { issuesToProblems } from './validation.js';

/** A change counts when the rank test's two-sided p-value is at most this; anything else is within noise. */
export const ALPHA = 0.05;
export const TEST_NAME =
  'Mann–Whitney rank-sum test, two-sided, exact (mid-ranks for ties) up to 100 answers';

const ROLES: Role[] = ['manager', 'rep'];

/** Counts each respondent's balance as they come; memory grows with the distinct balances, not the respondents. */
export class BalanceTally {
  private readonly counts: Record<Role, Map<number, number>> = { manager: new Map(), rep: new Map() };
  private readonly views: Record<Role, Bank>;

  constructor(bank: Bank) {
    this.views = { manager: bankForRole(bank, 'manager'), rep: bankForRole(bank, 'rep') };
  }

  add(answers: Answers): void {
    const role = answers.meta.role ?? 'manager';
    const balance = balanceOnly(this.views[role], answers);
    if (balance === null) return;
    this.counts[role].set(balance, (this.counts[role].get(balance) ?? 0) + 1);
  }

  /** Withheld (null) wherever the team report withholds the view. */
  result(scores: Record<Role, TeamView>): BalanceDistributions {
    const out = {} as BalanceDistributions;
    for (const role of ROLES) {
      const entries = [...this.counts[role]].sort(([a], [b]) => a - b);
      out[role] =
        scores[role].withheld === null ? Object.fromEntries(entries.map(([b, n]) => [String(b), n])) : null;
    }
    return out;
  }
}

/** A view as a comparison reads it: shown (with its balance) or withheld. */
export interface RoundView {
  respondents: number;
  withheld: string | null;
  balance?: number;
}

/** What a round brings to a comparison: its views, its items' distributions, its respondents' balances. */
export interface TeamRound {
  bank: { id: string; version: number };
  respondents: Record<Role, number>;
  scores: Record<Role, RoundView>;
  items: { id: string; byRole: Record<Role, { n: number; distribution: Record<string, number> | null }> }[];
  balances?: BalanceDistributions;
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const distribution = v.nullable(v.record(v.string(), count));
const roleStats = v.object({ n: count, distribution });
const view = v.object({
  respondents: count,
  withheld: v.nullable(v.string()),
  balance: v.optional(v.number()),
});
const byRole = <T extends v.GenericSchema>(schema: T) => v.object({ manager: schema, rep: schema });

/** The parts of a `team --format json` report a baseline needs; the rest of the report is not looked at. */
const teamReportSchema = v.object({
  kind: v.literal('team'),
  bank: v.object({ id: v.string(), version: v.number() }),
  respondents: byRole(count),
  scores: byRole(view),
  items: v.array(v.object({ id: v.string(), byRole: byRole(roleStats) })),
  balances: v.optional(byRole(v.nullable(v.record(v.string(), count)))),
});

/** A parsed `team --format json` report as a round to compare with, or its problems, located by path. */
export function checkTeamReport(data: unknown): { round?: TeamRound; problems: Problem[] } {
  const parsed = v.safeParse(teamReportSchema, data, { abortEarly: false });
  if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
  const { bank, respondents, scores, items, balances } = parsed.output;
  const round: TeamRound = { bank, respondents, scores, items };
  if (balances) round.balances = balances;
  return { round, problems: [] };
}

/** A histogram whose keys are scale points, or choice values that the question scores. */
function sampleOf(q: Question, distribution: Record<string, number>): Sample {
  const sample: Sample = new Map();
  for (const [key, n] of Object.entries(distribution)) {
    if (n === 0) continue;
    const point = q.type === 'choice' ? q.choices?.find((c) => c.value === key)?.score : Number(key);
    if (point === undefined || !Number.isFinite(point)) continue;
    sample.set(point, (sample.get(point) ?? 0) + n);
  }
  return sample;
}

const sizeOf = (sample: Sample) => [...sample.values()].reduce((sum, n) => sum + n, 0);
const meanOf = (sample: Sample) => [...sample].reduce((sum, [x, n]) => sum + x * n, 0) / sizeOf(sample);

/**
 * A change between two samples: the difference of the means, and whether the rank test says it is more than
 * noise. A single answer on each side is never enough to tell.
 */
export function changeBetween(before: Sample, after: Sample, digits: (n: number) => number): TeamChange {
  const delta = digits(meanOf(after) - meanOf(before));
  const { p } = mannWhitney(before, after);
  const verdict: ChangeVerdict = p > ALPHA || delta === 0 ? 'within-noise' : delta > 0 ? 'better' : 'worse';
  return { delta, verdict, p: round4(p), n: { before: sizeOf(before), after: sizeOf(after) } };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

const histogram = (record: Record<string, number>): Sample =>
  new Map(Object.entries(record).flatMap(([k, n]) => (n > 0 ? [[Number(k), n] as [number, number]] : [])));

export interface Changes {
  views: Record<Role, TeamChange | null>;
  /** Item id → the change per role (scored items only). */
  items: Map<string, Record<Role, TeamChange | null>>;
}

/**
 * The change per view and per item of `now` against `before`. Anonymity holds for the baseline too: a reps'
 * group below `minGroup` in either round gets no change, only the reason.
 */
export function baselineChanges(bank: Bank, now: TeamRound, before: TeamRound, minGroup: number): Changes {
  const tooFew = `fewer than ${minGroup} reps answered in one of the rounds`;
  const views = {} as Changes['views'];
  for (const role of ROLES) {
    const [a, b] = [before.scores[role], now.scores[role]];
    const [from, to] = [before.balances?.[role], now.balances?.[role]];
    if (a.respondents === 0 || b.respondents === 0) views[role] = null;
    else if (role === 'rep' && (a.respondents < minGroup || b.respondents < minGroup))
      views[role] = { withheld: tooFew };
    else if (
      a.balance === undefined ||
      b.balance === undefined ||
      a.withheld !== null ||
      b.withheld !== null
    ) {
      views[role] = { withheld: a.withheld ?? b.withheld ?? 'not scored in one of the rounds' };
    } else if (!from || !to) views[role] = null;
    else
      views[role] = {
        ...changeBetween(histogram(from), histogram(to), round1),
        delta: round1(b.balance - a.balance),
      };
  }

  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const earlier = new Map(before.items.map((item) => [item.id, item]));
  const items: Changes['items'] = new Map();
  for (const item of now.items) {
    const q = questions.get(item.id);
    const old = earlier.get(item.id);
    if (!q?.side || !old) continue;
    const change = {} as Record<Role, TeamChange | null>;
    for (const role of ROLES) {
      const [from, to] = [old.byRole[role], item.byRole[role]];
      if (from.n === 0 || to.n === 0) change[role] = null;
      else if (role === 'rep' && (from.n < minGroup || to.n < minGroup)) change[role] = { withheld: tooFew };
      else if (from.distribution === null || to.distribution === null) change[role] = { withheld: tooFew };
      else change[role] = changeBetween(sampleOf(q, from.distribution), sampleOf(q, to.distribution), round2);
    }
    items.set(item.id, change);
  }
  return { views, items };
}

/** The team report with each view's and item's change set on it (`scores.<role>.change`, `items[].byRole.<role>.change`). */
export function withChanges<M extends Pick<TeamModel, 'scores' | 'items'>>(report: M, changes: Changes): M {
  const scores = { ...report.scores };
  for (const role of ROLES) scores[role] = { ...scores[role], change: changes.views[role] };
  const items = report.items.map((item) => {
    const change = changes.items.get(item.id);
    if (!change) return item;
    return {
      ...item,
      byRole: {
        manager: { ...item.byRole.manager, change: change.manager },
        rep: { ...item.byRole.rep, change: change.rep },
      },
    };
  });
  return { ...report, scores, items };
}
