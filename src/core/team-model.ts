import type { Agreement } from './agreement.js';
import type { BalanceDistributions, TeamChange } from './change.js';
import type { SelfOther } from './self-other.js';
import type { Leaning, Question, Role, Side } from './types.js';

/** The shapes of a team report, org or group: plain data that every renderer (text, Markdown, JSON, HTML) reads. */

export interface RoleStats {
  n: number;
  /** On the question's own scale points; null when nobody answered or the figures are withheld. */
  mean: number | null;
  median: number | null;
  /** Standard deviation, in scale points. */
  spread: number | null;
  distribution: Record<string, number> | null;
  /** Whole percent of answers in the top points of the scale (the top two of five). */
  favourable: number | null;
  /** Within-group agreement (rwg); null for fewer than two answers. */
  agreement: Agreement | null;
  /** Two to four answers: the figures are indicative only. */
  indicative: boolean;
  withheld: string | null;
  /** Against the baseline round, with --baseline (the org's figures only). */
  change?: TeamChange | null;
}

export interface TeamItem {
  id: string;
  side: Side | null;
  type: Question['type'];
  label: string;
  prompt: string;
  scale: { min: number; max: number; labels: Record<string, string> } | null;
  /** A choice item's choices, so a report shows labels rather than values. */
  choices: { value: string; label: string; score: number | null }[] | null;
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
  selfOther: SelfOther;
  /** The answer each side gave, in the bank's words: the label of the point (or choice) nearest the mean. */
  words: { manager: string; rep: string };
  /** The bank's question to talk over in the retro, when it has one. */
  discuss: string | null;
}

export interface Reflection {
  id: string;
  role: Role;
  prompt: string;
  answers: string[];
  withheld: string | null;
}

/** Something not shown, and why: a view, an item's reps' figures, or the reps' comments on a question. */
export interface Withheld {
  part: 'view' | 'item' | 'reflections';
  id: string | null;
  reason: string;
}

/** One group's picture: the same shape as the org's, for its own respondents. */
export interface GroupModel {
  team: string;
  respondents: Record<Role, number>;
  scores: Record<Role, TeamView>;
  perceptionGaps: PerceptionGap[];
  selfOther: { gap: number; verdict: SelfOther; items: number } | null;
  items: TeamItem[];
  reflections: Reflection[];
  withheld: Withheld[];
  /** Only with --roster. */
  responseRate?: ResponseRate;
  /** In JSON: each respondent's own balance per view, as the org's `balances` (null where withheld). */
  balances?: BalanceDistributions;
  /** With --baseline: the same-named group of the baseline round, or null when it has none. */
  baseline?: { respondents: Record<Role, number> } | null;
}

/** Who answered against who was invited (--roster), per group and for the org. */
export interface ResponseRate {
  invited: number;
  responded: number;
  /** Whole percent; null when nobody of the group is on the roster. */
  rate: number | null;
}
