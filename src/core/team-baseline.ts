import * as v from 'valibot';
import type { BalanceDistributions, ChangeVerdict, TeamChange } from './change.js';
import { mannWhitney, type Sample } from './rank-test.js';
import { bankForRole } from './role.js';
import { balanceOnly } from './score.js';
import { round2 } from './stats.js';
import { suppress } from './suppression.js';
import type { TeamModel, TeamView } from './team.js';
import type { Answers, Bank, Problem, Question, Role } from './types.js';
import { issuesToProblems } from './validation.js';

/** A change counts when the rank test's two-sided p-value is at most this; anything else is within noise. */
export const ALPHA = 0.05;
export const TEST_NAME =
  'Mann–Whitney rank-sum test, two-sided, exact (mid-ranks for ties) up to 100 answers';

const ROLES: Role[] = ['manager', 'rep'];

const BALANCES_WITHHELD =
  "the respondents' own balances are withheld in one of the rounds, so that a smaller team's cannot be recovered by subtraction";

type Histogram = Map<number, number>;
const histogramRecord = (counts: Histogram) =>
  Object.fromEntries([...counts].sort(([a], [b]) => a - b).map(([b, n]) => [String(b), n]));

/**
 * Counts each respondent's balance as they come, for the org and for the respondent's group; memory grows with
 * the distinct balances per group, not the respondents.
 */
export class BalanceTally {
  private readonly counts: Record<Role, Histogram> = { manager: new Map(), rep: new Map() };
  private readonly groups = new Map<string, Record<Role, Histogram>>();
  private readonly views: Record<Role, Bank>;
  private plan: { hidden: Set<string>; org: boolean } | undefined;

  constructor(bank: Bank) {
    this.views = { manager: bankForRole(bank, 'manager'), rep: bankForRole(bank, 'rep') };
  }

  add(answers: Answers, group?: string): void {
    const role = answers.meta.role ?? 'manager';
    const balance = balanceOnly(this.views[role], answers);
    if (balance === null) return;
    this.counts[role].set(balance, (this.counts[role].get(balance) ?? 0) + 1);
    if (group === undefined) return;
    let counts = this.groups.get(group);
    if (!counts) {
      counts = { manager: new Map(), rep: new Map() };
      this.groups.set(group, counts);
    }
    counts[role].set(balance, (counts[role].get(balance) ?? 0) + 1);
  }

  /**
   * Which groups' reps' balances are withheld, decided once across the groups as every figure is (see
   * suppression.ts): a group's histogram less the org's would otherwise give a withheld group's back.
   */
  private suppression(minGroup: number): { hidden: Set<string>; org: boolean } {
    if (this.plan) return this.plan;
    // In the order the team report makes its groups, so that a tie is settled as it settles an item's.
    const names = [...this.groups.keys()].sort((a, b) => a.localeCompare(b));
    const people = names.map((name) => sizeOf((this.groups.get(name) as Record<Role, Histogram>).rep));
    const s = suppress(people, minGroup);
    const hidden = new Set([...s.primary, ...s.secondary].map((g) => names[g] as string));
    this.plan = { hidden, org: s.org !== null };
    return this.plan;
  }

  /** The org's; withheld (null) wherever the team report withholds the view, or subtraction would need it. */
  result(scores: Record<Role, TeamView>, minGroup = 0): BalanceDistributions {
    const plan =
      this.groups.size > 0 ? this.suppression(minGroup) : { hidden: new Set<string>(), org: false };
    const out = {} as BalanceDistributions;
    for (const role of ROLES) {
      const shown = scores[role].withheld === null && !(role === 'rep' && plan.org);
      out[role] = shown ? histogramRecord(this.counts[role]) : null;
    }
    return out;
  }

  /** One group's, on the same terms: null where its view is withheld or its reps' balances are. */
  groupResult(group: string, scores: Record<Role, TeamView>, minGroup: number): BalanceDistributions {
    const { hidden } = this.suppression(minGroup);
    const counts = this.groups.get(group);
    const out = {} as BalanceDistributions;
    for (const role of ROLES) {
      const shown = scores[role].withheld === null && !(role === 'rep' && hidden.has(group));
      out[role] = shown && counts ? histogramRecord(counts[role]) : null;
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

/** What a group (or the org) brings to a comparison: its views, its items' distributions, its balances. */
export interface RoundPart {
  respondents: Record<Role, number>;
  scores: Record<Role, RoundView>;
  items: {
    id: string;
    byRole: Record<
      Role,
      { n: number; distribution: Record<string, number> | null; withheld?: string | null | undefined }
    >;
  }[];
  balances?: BalanceDistributions | undefined;
}

/** A round: the org's part, and with --by each group's, by name. */
export interface TeamRound extends RoundPart {
  bank: { id: string; version: number };
  /** How the round was grouped; null or absent when it was not. */
  by?: 'team' | 'folder' | null;
  groups?: Map<string, RoundPart>;
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const distribution = v.nullable(v.record(v.string(), count));
const roleStats = v.object({ n: count, distribution, withheld: v.optional(v.nullable(v.string())) });
const view = v.object({
  respondents: count,
  withheld: v.nullable(v.string()),
  balance: v.optional(v.number()),
});
const byRole = <T extends v.GenericSchema>(schema: T) => v.object({ manager: schema, rep: schema });
const part = {
  respondents: byRole(count),
  scores: byRole(view),
  items: v.array(v.object({ id: v.string(), byRole: byRole(roleStats) })),
  balances: v.optional(byRole(v.nullable(v.record(v.string(), count)))),
};

/** The parts of a `team --format json` report a baseline needs; the rest of the report is not looked at. */
const teamReportSchema = v.object({
  kind: v.literal('team'),
  bank: v.object({ id: v.string(), version: v.number() }),
  by: v.optional(v.nullable(v.picklist(['team', 'folder']))),
  ...part,
  groups: v.optional(v.nullable(v.array(v.object({ team: v.string(), ...part })))),
});

/** A parsed `team --format json` report as a round to compare with, or its problems, located by path. */
export function checkTeamReport(data: unknown): { round?: TeamRound; problems: Problem[] } {
  const parsed = v.safeParse(teamReportSchema, data, { abortEarly: false });
  if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
  const { bank, respondents, scores, items, balances, by, groups } = parsed.output;
  const round: TeamRound = { bank, respondents, scores, items, by: by ?? null };
  if (balances) round.balances = balances;
  if (groups) round.groups = new Map(groups.map(({ team, ...rest }) => [team, rest]));
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
export function baselineChanges(bank: Bank, now: RoundPart, before: RoundPart, minGroup: number): Changes {
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
      views[role] = {
        withheld:
          b.withheld ?? (a.withheld ? `${a.withheld} (last round)` : 'not scored in one of the rounds'),
      };
    } else if (from === null || to === null) views[role] = { withheld: BALANCES_WITHHELD };
    else if (!from || !to) views[role] = null;
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
      else if (from.distribution === null || to.distribution === null)
        change[role] = {
          withheld: to.withheld ?? (from.withheld ? `${from.withheld} (last round)` : tooFew),
        };
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
