import type { BalanceDistributions, BaselineInfo, TeamChange } from './change.js';
import { bankForRole } from './role.js';
import { leaningOf, score } from './score.js';
import { describe, exactMoments, round2 } from './stats.js';
import type { TeamCommitment } from './team-commitments.js';
import type { Answers, Bank, Leaning, Question, Role, Side } from './types.js';

export interface TeamOptions {
  /** Reps' aggregates (an item, the reps' balance, reflections) are withheld below this many reps. */
  minGroup: number;
  showNames: boolean;
}

/** A spread (standard deviation) at or above this share of the scale's range flags disagreement. */
export const DISAGREEMENT_SHARE = 0.3;

export interface RoleStats {
  n: number;
  /** On the question's own scale points; null when nobody answered or the figures are withheld. */
  mean: number | null;
  median: number | null;
  /** Standard deviation, in scale points. */
  spread: number | null;
  distribution: Record<string, number> | null;
  disagreement: boolean;
  withheld: string | null;
  /** Against the baseline round, with --baseline. */
  change?: TeamChange | null;
}

export interface TeamItem {
  id: string;
  side: Side | null;
  type: Question['type'];
  label: string;
  prompt: string;
  scale: { min: number; max: number } | null;
  byRole: Record<Role, RoleStats>;
}

export type TeamView = (
  | { respondents: number; asked: number; given: number; balance: number; leaning: Leaning; withheld: null }
  | { respondents: number; withheld: string }
) & { change?: TeamChange | null };

export interface PerceptionGap {
  id: string;
  label: string;
  scale: { min: number; max: number };
  manager: number;
  rep: number;
  /** manager − rep, in scale points: positive when managers think they give more than reps receive. */
  gap: number;
}

export interface TeamModel {
  bank: { id: string; version: number; title: string };
  minGroup: number;
  respondents: Record<Role, number>;
  scores: Record<Role, TeamView>;
  items: TeamItem[];
  perceptionGaps: PerceptionGap[];
  reflections: { id: string; role: Role; prompt: string; answers: string[]; withheld: string | null }[];
  people:
    | { name: string; role: Role; asked: number | null; given: number | null; balance: number | null }[]
    | null;
}

const roles: Role[] = ['manager', 'rep'];

/** Counts per item, per role; memory grows with the bank, not with the number of respondents. */
export class TeamTally {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly texts = new Map<string, string[]>();
  private readonly respondentCount: Record<Role, number> = { manager: 0, rep: 0 };
  private readonly people: NonNullable<TeamModel['people']> = [];
  private readonly views: Record<Role, Bank>;
  private readonly textIds: Set<string>;
  /** Unrounded item means by role and id: the team scores use these, the report shows rounded ones. */
  private readonly exactMeans = new Map<string, number>();

  constructor(
    private readonly bank: Bank,
    private readonly options: TeamOptions,
  ) {
    this.views = { manager: bankForRole(bank, 'manager'), rep: bankForRole(bank, 'rep') };
    this.textIds = new Set(bank.questions.filter((q) => q.type === 'text').map((q) => q.id));
  }

  add(answers: Answers): void {
    const role = answers.meta.role ?? 'manager';
    this.respondentCount[role] += 1;
    for (const [id, value] of answers.values) {
      const key = `${role}\u0000${id}`;
      if (this.textIds.has(id)) {
        const list = this.texts.get(key) ?? [];
        list.push(String(value));
        this.texts.set(key, list);
        continue;
      }
      const tally = this.counts.get(key) ?? new Map<string, number>();
      tally.set(String(value), (tally.get(String(value)) ?? 0) + 1);
      this.counts.set(key, tally);
    }
    if (this.options.showNames) {
      const result = score(this.views[role], answers);
      this.people.push({
        name: answers.meta.respondent ?? '(no name)',
        role,
        asked: result.asked.score,
        given: result.given.score,
        balance: result.balance,
      });
    }
  }

  result(): TeamModel {
    const items = this.bank.questions.filter((q) => q.type !== 'text').map((q) => this.itemFor(q));
    const model: TeamModel = {
      bank: { id: this.bank.id, version: this.bank.version, title: this.bank.title },
      minGroup: this.options.minGroup,
      respondents: { ...this.respondentCount },
      scores: { manager: this.viewFor('manager', items), rep: this.viewFor('rep', items) },
      items,
      perceptionGaps: perceptionGaps(this.bank, items, this.exactMeans),
      reflections: this.reflections(),
      people: this.options.showNames
        ? [...this.people].sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name))
        : null,
    };
    return model;
  }

  private itemFor(q: Question): TeamItem {
    const scale = q.scale ? { min: q.scale.min, max: q.scale.max } : null;
    const byRole = {} as Record<Role, RoleStats>;
    for (const role of roles) {
      const tally = this.counts.get(`${role}\u0000${q.id}`) ?? new Map<string, number>();
      byRole[role] = this.statsFor(q, role, tally);
    }
    return { id: q.id, side: q.side ?? null, type: q.type, label: q.label, prompt: q.prompt, scale, byRole };
  }

  private statsFor(q: Question, role: Role, tally: Map<string, number>): RoleStats {
    const n = [...tally.values()].reduce((sum, c) => sum + c, 0);
    if (role === 'rep' && n > 0 && n < this.options.minGroup) {
      return {
        n,
        mean: null,
        median: null,
        spread: null,
        distribution: null,
        disagreement: false,
        withheld: `fewer than ${this.options.minGroup} reps answered`,
      };
    }
    // Counts per scale point or choice value, built from entries: a choice value is the bank author's word
    // and may be "__proto__", which assigning to a plain object would swallow.
    const counts: [string, number][] = [];
    const points: [number, number][] = [];
    if (q.type === 'scale' && q.scale) {
      for (let p = q.scale.min; p <= q.scale.max; p++) {
        const count = tally.get(String(p)) ?? 0;
        counts.push([String(p), count]);
        points.push([p, count]);
      }
    } else {
      for (const choice of q.choices ?? []) {
        const count = tally.get(choice.value) ?? 0;
        counts.push([choice.value, count]);
        if (choice.score !== undefined) points.push([choice.score, count]);
      }
    }
    const distribution = Object.fromEntries(counts);
    const stats = describe(points);
    const exact = exactMoments(points);
    if (exact) this.exactMeans.set(`${role}\u0000${q.id}`, exact.mean);
    const range = q.scale ? q.scale.max - q.scale.min : 0;
    const disagreement = exact !== null && range > 0 && n >= 2 && exact.spread / range >= DISAGREEMENT_SHARE;
    return { n, ...stats, distribution, disagreement, withheld: null };
  }

  private viewFor(role: Role, items: TeamItem[]): TeamView {
    const respondents = this.respondentCount[role];
    if (respondents === 0) return { respondents, withheld: `no ${role} answered` };
    if (role === 'rep' && respondents < this.options.minGroup) {
      return { respondents, withheld: `fewer than ${this.options.minGroup} reps answered` };
    }
    const ledger = (side: Side) => {
      // Only the questions this role is asked: a manager-only item is not missing from the reps' view.
      const questions = this.views[role].questions.filter((q) => q.side === side);
      let weight = 0;
      let sum = 0;
      for (const q of questions) {
        const stats = items.find((i) => i.id === q.id)?.byRole[role];
        const mean = this.exactMeans.get(`${role}\u0000${q.id}`);
        if (!q.scale || stats?.mean == null || mean === undefined) continue;
        weight += q.weight;
        sum += q.weight * ((mean - q.scale.min) / (q.scale.max - q.scale.min));
      }
      const total = questions.reduce((s, q) => s + q.weight, 0);
      return total > 0 && weight / total >= this.bank.scoring.minAnsweredWeight ? (sum / weight) * 100 : null;
    };
    const asked = ledger('asked');
    const given = ledger('owed');
    if (asked === null || given === null) {
      return { respondents, withheld: 'too few items have enough answers to score this view' };
    }
    const round1 = (n: number) => Math.round(n * 10) / 10;
    return {
      respondents,
      asked: round1(asked),
      given: round1(given),
      balance: round1(100 - Math.abs(round1(asked) - round1(given))),
      leaning: leaningOf(round1(asked), round1(given), this.bank.scoring.tolerance),
      withheld: null,
    };
  }

  private reflections(): TeamModel['reflections'] {
    const out: TeamModel['reflections'] = [];
    for (const role of roles) {
      const view = this.views[role];
      for (const q of view.questions.filter((question) => question.type === 'text')) {
        const answers = this.texts.get(`${role}\u0000${q.id}`) ?? [];
        if (answers.length === 0) continue;
        // Sorted, so the order says nothing about who wrote what.
        const withheld =
          role === 'rep' && answers.length < this.options.minGroup
            ? `fewer than ${this.options.minGroup} reps answered`
            : null;
        out.push({
          id: q.id,
          role,
          prompt: q.prompt,
          answers: withheld ? [] : [...answers].sort(),
          withheld,
        });
      }
    }
    return out;
  }
}

function perceptionGaps(bank: Bank, items: TeamItem[], exactMeans: Map<string, number>): PerceptionGap[] {
  const gaps: PerceptionGap[] = [];
  for (const item of items) {
    const { manager, rep } = item.byRole;
    if (item.side !== 'owed' || !item.scale || manager.mean === null || rep.mean === null) continue;
    const q = bank.questions.find((question) => question.id === item.id);
    gaps.push({
      id: item.id,
      label: q?.label ?? item.label,
      scale: item.scale,
      manager: manager.mean,
      rep: rep.mean,
      gap: round2(
        (exactMeans.get(`manager\u0000${item.id}`) ?? manager.mean) -
          (exactMeans.get(`rep\u0000${item.id}`) ?? rep.mean),
      ),
    });
  }
  return gaps.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
}

/** The team report as rendered and as JSON: the tally plus what was skipped. */
export interface TeamReport extends TeamModel {
  schemaVersion: 1;
  kind: 'team';
  skipped: { source: string; reason: string }[];
  /** All invalid inputs skipped; `skipped` lists at most the first 1,000. */
  skippedCount: number;
  /** With --baseline: the round the changes are against. */
  baseline?: BaselineInfo;
  /** In JSON: each respondent's own balance per view, so this report can serve as a later round's baseline. */
  balances?: BalanceDistributions;
  /** When answers carry follow-up: each commitment of the last round, the manager's account beside the reps'. */
  commitments?: TeamCommitment[];
}

/** The gate takes the lower of the views shown: a team is only as balanced as its least balanced view. */
export function gatedBalance(scores: Record<string, TeamView>): number | null {
  const shown = Object.values(scores).flatMap((view) => (view.withheld === null ? [view.balance] : []));
  return shown.length === 0 ? null : Math.min(...shown);
}
