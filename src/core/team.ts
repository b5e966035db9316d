import type { BalanceDistributions, BaselineInfo } from './change.js';
import { itemFigures, optionPoints } from './item-figures.js';
import { type OrgSummary, orgSummary } from './org-summary.js';
import { type NonResponder, nonResponders, type RosterEntry, responseRate } from './roster.js';
import { leaningOf } from './score.js';
import { overallSelfOther, SELF_OTHER_THRESHOLD, selfOther } from './self-other.js';
import { isIndicative, round2 } from './stats.js';
import { type Suppression, suppress } from './suppression.js';
import type { TeamCommitment } from './team-commitments.js';
import type {
  GroupModel,
  PerceptionGap,
  Reflection,
  RoleStats,
  TeamItem,
  TeamView,
  Withheld,
} from './team-model.js';
import { BankIndex, GroupTally, type PersonRow, ROLES } from './team-tally.js';
import type { Answers, Bank, Question, Role, Side } from './types.js';

export type { GroupModel, PerceptionGap, Reflection, RoleStats, TeamItem, TeamView, Withheld };

export interface TeamOptions {
  /** Reps' figures (an item, the reps' view) are withheld below this many reps, in every group. */
  minGroup: number;
  /** Reps' comments on a question are withheld below this many (never below minGroup). */
  minComments: number;
  showNames: boolean;
}

export const DEFAULT_MIN_COMMENTS = 5;

export interface TeamModel extends Omit<GroupModel, 'team' | 'baseline'> {
  bank: { id: string; version: number; title: string };
  minGroup: number;
  minComments: number;
  /** Half a scale point: how far a manager's rating may sit from the reps' mean and still agree. */
  selfOtherThreshold: number;
  by: 'team' | 'folder' | null;
  groups: GroupModel[] | null;
  summary: OrgSummary | null;
  people: PersonRow[] | null;
  /** Only with --roster --show-names: who on the roster has not answered. */
  nonResponders?: NonResponder[];
}

const repsBelow = (min: number) => `fewer than ${min} reps answered`;
const SECONDARY =
  "a smaller team's figures are withheld here, and subtracting this team's from the org's would reveal them";
const ORG_SUBTRACTION =
  "a team's figures are withheld here, and subtracting the other teams' from the org's would reveal them";

/** Counts answers per group, then builds the org picture and each group's, anonymity applied across all. */
export class TeamTally {
  private readonly index: BankIndex;
  private readonly groups = new Map<string, GroupTally>();

  constructor(
    private readonly bank: Bank,
    private readonly options: TeamOptions,
  ) {
    this.index = new BankIndex(bank);
  }

  /** `group` is the respondent's team or folder; undefined when the run is not grouped. */
  add(answers: Answers, group?: string): void {
    const key = group ?? '';
    let tally = this.groups.get(key);
    if (!tally) {
      tally = new GroupTally(this.index);
      this.groups.set(key, tally);
    }
    tally.add(answers, group ?? null, this.options.showNames);
  }

  /** A group with nobody in it yet (a team on the roster that has not answered). */
  declareGroup(group: string): void {
    if (!this.groups.has(group)) this.groups.set(group, new GroupTally(this.index));
  }

  /**
   * The org picture, and each group's when the run is grouped. With a roster, every team on it has a group
   * (answered or not) and each group its response rate.
   */
  result(by: TeamModel['by'] = null, roster?: RosterEntry[]): TeamModel {
    const { model, groups } = this.parts(by, roster);
    const all = groups ? [...groups] : null;
    return { ...model, groups: all, summary: all ? orgSummary(all, this.bank) : null };
  }

  /**
   * The same, with the groups made one at a time as they are asked for: a report written as they come never
   * holds thousands of groups' figures at once. `model` has everything but `groups` and `summary`.
   */
  parts(
    by: TeamModel['by'] = null,
    roster?: RosterEntry[],
  ): { model: Omit<TeamModel, 'groups' | 'summary'>; groups: Iterable<GroupModel> | null } {
    if (by !== null) for (const entry of roster ?? []) if (entry.team) this.declareGroup(entry.team);
    const names = [...this.groups.keys()].sort((a, b) => a.localeCompare(b));
    const tallies = names.map((name) => this.groups.get(name) as GroupTally);
    const org = new GroupTally(this.index);
    for (const tally of tallies) org.absorb(tally);
    const grouped = by !== null;
    const build = new ModelBuilder(this.bank, this.index, this.options, grouped ? tallies : [], org);
    const rateOf = (tally: GroupTally, team: string | null) =>
      responseRate(
        (roster ?? []).filter((entry) => team === null || entry.team === team).length,
        tally.respondents.manager + tally.respondents.rep,
      );
    function* groups(): Generator<GroupModel> {
      for (const [g, name] of names.entries()) {
        const tally = tallies[g] as GroupTally;
        yield { team: name, ...build.group(g), ...(roster ? { responseRate: rateOf(tally, name) } : {}) };
      }
    }
    const people = [...org.people].sort(
      (a, b) =>
        (a.team ?? '').localeCompare(b.team ?? '') ||
        a.role.localeCompare(b.role) ||
        a.name.localeCompare(b.name),
    );
    const model = {
      bank: { id: this.bank.id, version: this.bank.version, title: this.bank.title },
      minGroup: this.options.minGroup,
      minComments: build.minComments,
      selfOtherThreshold: SELF_OTHER_THRESHOLD,
      by,
      ...build.group(-1),
      ...(roster ? { responseRate: rateOf(org, null) } : {}),
      people: this.options.showNames ? people : null,
      ...(roster && this.options.showNames
        ? {
            nonResponders: nonResponders(
              roster,
              people.map((p) => p.name),
            ),
          }
        : {}),
    };
    return { model, groups: grouped ? { [Symbol.iterator]: groups } : null };
  }
}

/** Each role's item means before rounding, by question id: what views and gaps are computed from. */
type ExactMeans = Record<Role, Map<string, number>>;

/** Group -1 is the org. */
class ModelBuilder {
  readonly minComments: number;
  /** Per question slot: which groups' reps' figures (or comments) are withheld, decided once across groups. */
  private readonly itemSuppression: (Suppression | undefined)[] = [];
  private readonly commentSuppression: (Suppression | undefined)[] = [];

  constructor(
    private readonly bank: Bank,
    private readonly index: BankIndex,
    private readonly options: TeamOptions,
    private readonly groups: GroupTally[],
    private readonly org: GroupTally,
  ) {
    this.minComments = Math.max(options.minComments, options.minGroup);
    bank.questions.forEach((q, slot) => {
      const ns = groups.length > 0 ? groups.map((t) => t.answered('rep', slot)) : [org.answered('rep', slot)];
      const min = q.type === 'text' ? this.minComments : options.minGroup;
      (q.type === 'text' ? this.commentSuppression : this.itemSuppression)[slot] = suppress(ns, min);
    });
  }

  private tally(g: number): GroupTally {
    return g < 0 ? this.org : (this.groups[g] as GroupTally);
  }

  /** Why the reps' figures of question `slot` are withheld in group g (-1: the org), or null. */
  private repWithheld(slot: number, g: number, comments: boolean): string | null {
    const s = (comments ? this.commentSuppression : this.itemSuppression)[slot];
    if (!s) return null;
    const min = comments ? this.minComments : this.options.minGroup;
    const below = comments ? `fewer than ${min} reps wrote one` : repsBelow(min);
    if (this.groups.length === 0) return s.primary.size > 0 || s.org ? below : null;
    if (g < 0) return s.org === 'too-few' ? below : s.org === 'subtraction' ? ORG_SUBTRACTION : null;
    if (s.primary.has(g)) return below;
    if (s.secondary.has(g)) return SECONDARY;
    return null;
  }

  group(g: number): Omit<GroupModel, 'team'> {
    const tally = this.tally(g);
    const withheld: Withheld[] = [];
    const exact: ExactMeans = { manager: new Map(), rep: new Map() };
    const items = this.bank.questions.flatMap((q, slot) =>
      q.type === 'text' ? [] : [this.item(q, slot, g, exact, withheld)],
    );
    const scores = {
      manager: this.view('manager', tally, items, exact),
      rep: this.view('rep', tally, items, exact),
    };
    for (const role of ROLES) {
      const view = scores[role];
      if (view.withheld !== null && view.respondents > 0) {
        withheld.push({ part: 'view', id: role, reason: view.withheld });
      }
    }
    const perceptionGaps = this.perceptionGaps(items, exact);
    const reflections = this.reflections(tally, g, withheld);
    return {
      respondents: { ...tally.respondents },
      scores,
      perceptionGaps,
      selfOther: overallSelfOther(perceptionGaps.map((gap) => gap.gap)),
      items,
      reflections,
      withheld,
    };
  }

  private item(q: Question, slot: number, g: number, exact: ExactMeans, withheld: Withheld[]): TeamItem {
    const shape = this.itemShape(q, slot);
    // Whole object literals, not filled in key by key: an org holds tens of thousands of these.
    return {
      id: shape.id,
      side: shape.side,
      type: shape.type,
      label: shape.label,
      prompt: shape.prompt,
      scale: shape.scale,
      choices: shape.choices,
      byRole: {
        manager: this.roleStats(q, slot, g, 'manager', exact, withheld),
        rep: this.roleStats(q, slot, g, 'rep', exact, withheld),
      },
    };
  }

  private roleStats(
    q: Question,
    slot: number,
    g: number,
    role: Role,
    exact: ExactMeans,
    withheld: Withheld[],
  ): RoleStats {
    const counts = this.tally(g).counts[role][slot];
    const reason = role === 'rep' ? this.repWithheld(slot, g, false) : null;
    const n = counts ? counts.reduce((sum, c) => sum + c, 0) : 0;
    if (reason !== null && n > 0) {
      withheld.push({ part: 'item', id: q.id, reason });
      return withheldStats(n, reason);
    }
    const figures = itemFigures(this.index.optionPoints[slot] ?? NO_POINTS, counts);
    if (figures.exactMean !== null) exact[role].set(q.id, figures.exactMean);
    return {
      n,
      mean: figures.mean,
      median: figures.median,
      spread: figures.spread,
      distribution: this.distributions.of(q, slot, counts),
      favourable: figures.favourable,
      agreement: figures.agreement,
      indicative: isIndicative(n),
      withheld: null,
    };
  }

  private readonly shapes: (Omit<TeamItem, 'byRole'> | undefined)[] = [];
  private readonly distributions = new Distributions();

  /** What an item is, the same in every group: made once per question, shared by the groups' items. */
  private itemShape(q: Question, slot: number): Omit<TeamItem, 'byRole'> {
    let shape = this.shapes[slot];
    if (!shape) {
      shape = {
        id: q.id,
        side: q.side ?? null,
        type: q.type,
        label: q.label,
        prompt: q.prompt,
        scale: q.scale ? { min: q.scale.min, max: q.scale.max, labels: q.scale.labels } : null,
        choices: q.choices
          ? q.choices.map((c) => ({ value: c.value, label: c.label, score: c.score ?? null }))
          : null,
      };
      this.shapes[slot] = shape;
    }
    return shape;
  }

  private view(role: Role, tally: GroupTally, items: TeamItem[], exact: ExactMeans): TeamView {
    const respondents = tally.respondents[role];
    if (respondents === 0) return { respondents, withheld: `no ${role} answered` };
    if (role === 'rep' && respondents < this.options.minGroup) {
      return { respondents, withheld: repsBelow(this.options.minGroup) };
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    const ledger = (side: Side) => {
      // Only the questions this role is asked: a manager-only item is not missing from the reps' view.
      const questions = this.index.views[role].questions.filter((q) => q.side === side);
      let weight = 0;
      let sum = 0;
      for (const q of questions) {
        // Only items whose figures are shown: a withheld item inside a shown view could be solved for.
        const stats = byId.get(q.id)?.byRole[role];
        const mean = exact[role].get(q.id);
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
      const protecting = items.some((item) => item.byRole[role].withheld === SECONDARY);
      return {
        respondents,
        withheld: protecting ? SECONDARY : 'too few items have enough answers to score this view',
      };
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

  private perceptionGaps(items: TeamItem[], exact: ExactMeans): PerceptionGap[] {
    const gaps: PerceptionGap[] = [];
    for (const item of items) {
      const { manager, rep } = item.byRole;
      if (item.side !== 'owed' || !item.scale || manager.mean === null || rep.mean === null) continue;
      const q = this.bank.questions[this.index.slotOf(item.id) as number] as Question;
      const managerMean = exact.manager.get(item.id) ?? manager.mean;
      const repMean = exact.rep.get(item.id) ?? rep.mean;
      gaps.push({
        id: item.id,
        label: q.label,
        scale: { min: item.scale.min, max: item.scale.max },
        manager: manager.mean,
        rep: rep.mean,
        gap: round2(managerMean - repMean),
        selfOther: selfOther(managerMean, repMean),
        words: {
          manager: wordsFor(q, managerMean, manager.distribution),
          rep: wordsFor(q, repMean, rep.distribution),
        },
        discuss: q.discuss ?? null,
      });
    }
    return gaps.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
  }

  private reflections(tally: GroupTally, g: number, withheld: Withheld[]): Reflection[] {
    const out: Reflection[] = [];
    for (const role of ROLES) {
      for (const q of this.index.views[role].questions) {
        if (q.type !== 'text') continue;
        const slot = this.index.slotOf(q.id) as number;
        const answers = tally.texts[role][slot] ?? [];
        if (answers.length === 0) continue;
        const reason = role === 'rep' ? this.repWithheld(slot, g, true) : null;
        if (reason) withheld.push({ part: 'reflections', id: q.id, reason });
        // Sorted, so the order says nothing about who wrote what.
        out.push({
          id: q.id,
          role,
          prompt: q.prompt,
          // In place: the tally's list is this report's to keep, and an org holds 100,000s of them.
          answers: reason ? [] : answers.sort(),
          withheld: reason,
        });
      }
    }
    return out;
  }
}

function withheldStats(n: number, reason: string): RoleStats {
  return {
    n,
    mean: null,
    median: null,
    spread: null,
    distribution: null,
    favourable: null,
    agreement: null,
    indicative: false,
    withheld: reason,
  };
}

const NO_POINTS = optionPoints([], 0, 0);

/**
 * How many gave each scale point or choice, keyed as an answers file writes them, made from a copy of the
 * question's empty one: an org makes one per item, role and group. The empty one is built from entries, and
 * copied by spreading: a choice value is the bank author's word and may be "__proto__", which assigning to a
 * fresh object would swallow (the copy has it as a key of its own already).
 */
class Distributions {
  private readonly empty: { keys: string[]; counts: Record<string, number> }[] = [];

  of(q: Question, slot: number, counts: number[] | undefined): Record<string, number> {
    let empty = this.empty[slot];
    if (!empty) {
      const keys =
        q.type === 'scale' && q.scale
          ? Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => String((q.scale?.min ?? 0) + i))
          : (q.choices ?? []).map((c) => c.value);
      empty = { keys, counts: Object.fromEntries(keys.map((key) => [key, 0])) };
      this.empty[slot] = empty;
    }
    const distribution = { ...empty.counts };
    if (counts) for (const [i, key] of empty.keys.entries()) distribution[key] = counts[i] ?? 0;
    return distribution;
  }
}

/**
 * What a side said, in the bank's words. A scale item: the label of the point nearest the mean (halves round
 * up), or "4 of 5" when the point has no label. A choice item: the choice most of them made (on a tie, the one
 * whose score is nearest the mean), since a mean of choices is no choice anyone made.
 */
export function wordsFor(q: Question, mean: number, distribution: Record<string, number> | null): string {
  if (q.type === 'choice' && q.choices) {
    const count = (value: string) => distribution?.[value] ?? 0;
    const distance = (score: number | undefined) => Math.abs((score ?? Number.POSITIVE_INFINITY) - mean);
    const [best] = [...q.choices].sort(
      (a, b) => count(b.value) - count(a.value) || distance(a.score) - distance(b.score),
    );
    return best?.label ?? mean.toFixed(1);
  }
  const point = Math.round(mean);
  return q.scale?.labels[String(point)] ?? `${point} of ${q.scale?.max ?? ''}`.trim();
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
