import type { SelfOther } from '../core/self-other.js';
import type {
  GroupModel,
  PerceptionGap,
  ResponseRate,
  RoleStats,
  TeamItem,
  TeamView,
} from '../core/team-model.js';

/**
 * The words the team reports share (text and Markdown): who is "you", a perception gap said in the bank's own
 * scale words, one person's answer instead of a one-person statistic. Callers escape or sanitise the result.
 */

export interface Voices {
  /** "you" for one manager, "managers" for several; "the manager" in an org's team section. */
  managers: string;
  /** "your reps", "their reps" or "the reps". */
  reps: string;
  /** The verb after `managers`: "you rate", "the manager rates". */
  rate: string;
  /** "you give" or "they give". */
  give: string;
}

/**
 * A team's own report speaks to its manager ("you"); an org's report is read by others, so each team's section
 * speaks of its manager ("the manager") with `third`.
 */
export function voices(managerCount: number, third = false): Voices {
  if (managerCount !== 1)
    return { managers: 'managers', reps: 'their reps', rate: 'rate', give: 'they give' };
  return third
    ? { managers: 'the manager', reps: 'the reps', rate: 'rates', give: 'they give' }
    : { managers: 'you', reps: 'your reps', rate: 'rate', give: 'you give' };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function headcount(respondents: { manager: number; rep: number }): string {
  return `${plural(respondents.manager, 'manager')}, ${plural(respondents.rep, 'rep')}`;
}

const lower = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text);

/** "you: usually; your reps: rarely". */
export function saidLine(gap: PerceptionGap, who: Voices): string {
  return `${who.managers}: ${lower(gap.words.manager)}; ${who.reps}: ${lower(gap.words.rep)}`;
}

const SELF_OTHER: Record<SelfOther, (who: Voices) => string> = {
  'over-estimates': (who) => `${who.managers} ${who.rate} it higher than ${who.reps} do`,
  'in-agreement': (who) => `${who.managers} and ${who.reps} agree`,
  'under-estimates': (who) => `${who.managers} ${who.rate} it lower than ${who.reps} do`,
};

/** "4.0 vs 2.3 of 5: you rate it higher than your reps do". */
export function gapFigures(gap: PerceptionGap, who: Voices): string {
  return `${gap.manager.toFixed(1)} vs ${gap.rep.toFixed(1)} of ${gap.scale.max}: ${SELF_OTHER[gap.selfOther](who)}`;
}

/** The overall self–other sentence, or null when no owed item has both sides. */
export function overallLine(
  overall: { gap: number; verdict: SelfOther; items: number } | null,
  threshold: number,
  who: Voices,
): string | null {
  if (!overall) return null;
  const over = `over ${plural(overall.items, 'owed item')}`;
  if (overall.verdict === 'in-agreement') {
    return `Overall ${who.managers} and ${who.reps} agree: on average within ${threshold} of a point, ${over}.`;
  }
  const size = Math.abs(overall.gap).toFixed(1);
  const side = overall.gap > 0 ? 'above' : 'below';
  return `Overall ${who.managers} ${who.rate} what ${who.give} ${size} points ${side} what ${who.reps} see, on average ${over} (${overall.verdict}; within ${threshold} counts as agreement).`;
}

/** "asks exceed gives". */
export const leaningWords = (view: TeamView & { withheld: null }) => view.leaning.replaceAll('-', ' ');

/** The label a distribution key stands for: a choice's label, or the scale point with its label. */
export function optionLabel(item: TeamItem, key: string): string {
  const choice = item.choices?.find((c) => c.value === key);
  if (choice) return choice.label;
  const label = item.scale?.labels[key];
  return label ? `${key} ${label}` : key;
}

/** One answer (a role answered by one person): the answer itself, in words, never a one-person statistic. */
export function singleAnswer(item: TeamItem, stats: RoleStats): string | null {
  if (stats.n !== 1 || !stats.distribution) return null;
  const key = Object.entries(stats.distribution).find(([, count]) => count === 1)?.[0];
  return key === undefined ? null : optionLabel(item, key);
}

/** "n=5 · median 4 (Usually) · 60% favourable · agreement weak (rwg 0.42)", plus "indicative" for 2–4. */
export function groupFigures(item: TeamItem, stats: RoleStats): string {
  const parts = [`n=${stats.n}`];
  // A choice's median or mean is a score nobody picked: its counts by label say more (see optionLabel).
  if (stats.median !== null && item.type === 'scale') {
    const label = item.scale?.labels[String(stats.median)];
    parts.push(`median ${stats.median}${label && item.type === 'scale' ? ` (${label})` : ''}`);
  }
  if (stats.mean !== null && item.type === 'scale') parts.push(`mean ${stats.mean.toFixed(1)}`);
  if (stats.favourable !== null) parts.push(`${stats.favourable}% favourable`);
  if (stats.agreement)
    parts.push(`agreement ${stats.agreement.band} (rwg ${stats.agreement.rwg.toFixed(2)})`);
  if (stats.indicative) parts.push('indicative');
  return parts.join(' · ');
}

/** "Response rate: 3 of 4 invited (75%)". */
export const rateWords = (rate: ResponseRate) =>
  `Response rate: ${rate.responded} of ${rate.invited} invited${rate.rate === null ? '' : ` (${rate.rate}%)`}`;

/** What is withheld for one reason: the reason, and each part it covers in words. */
export interface WithheldReason {
  reason: string;
  parts: string[];
}

/**
 * A group's withheld list said once per reason, not once per item: "reps' figures on every item they answered
 * (13)" or on the items named, "the reps' balance", "reps' comments on "…"". Callers escape or sanitise.
 */
export function withheldByReason(
  group: Pick<GroupModel, 'withheld' | 'items' | 'reflections' | 'respondents'>,
): WithheldReason[] {
  const reasons = new Map<string, { items: string[]; views: string[]; comments: string[] }>();
  for (const x of group.withheld) {
    let entry = reasons.get(x.reason);
    if (!entry) {
      entry = { items: [], views: [], comments: [] };
      reasons.set(x.reason, entry);
    }
    if (x.part === 'item') {
      const label = group.items.find((i) => i.id === x.id)?.label ?? String(x.id);
      if (!entry.items.includes(label)) entry.items.push(label);
    } else if (x.part === 'view') {
      const whose = x.id === 'rep' ? "reps'" : group.respondents.manager === 1 ? "manager's" : "managers'";
      entry.views.push(`the ${whose} balance`);
    } else {
      const prompt = group.reflections.find((r) => r.id === x.id && r.role === 'rep')?.prompt ?? x.id;
      entry.comments.push(`reps' comments on "${prompt}"`);
    }
  }
  const answered = group.items.filter((i) => i.byRole.rep.n > 0).length;
  return [...reasons].map(([reason, { items, views, comments }]) => {
    const figures =
      items.length === 0
        ? []
        : items.length === answered && answered > 1
          ? [`reps' figures on every item they answered (${answered})`]
          : [`reps' figures on ${items.join(', ')}`];
    return { reason, parts: [...figures, ...views, ...comments] };
  });
}
