import type { TeamChange } from '../core/change.js';
import type { GroupModel, TeamItem, TeamReport } from '../core/team.js';
import type { Role } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { plural } from './team-words.js';
import { fitLine, wrap } from './wrap.js';

// The change since the baseline round (team --baseline), as a section of the team report of its own.

const roleWords: Record<Role, { view: string; item: string }> = {
  manager: { view: "Managers' view", item: 'managers' },
  rep: { view: "Reps' view", item: 'reps' },
};

const signed = (n: number, digits: number) => (n > 0 ? '+' : '') + n.toFixed(digits);

export function changeWords(change: TeamChange, digits: number): string {
  if ('withheld' in change) return `withheld: ${change.withheld}`;
  const verdict = change.verdict === 'within-noise' ? 'within noise' : change.verdict;
  return `${signed(change.delta, digits)}  ${verdict} (p = ${change.p}, n = ${change.n.before} → ${change.n.after})`;
}

/** Items with a change to show, the largest move first. */
export function changedItems(report: TeamReport): TeamItem[] {
  const size = (item: TeamItem) =>
    Math.max(
      ...(['manager', 'rep'] as const).map((role) => {
        const change = item.byRole[role].change;
        return change && 'delta' in change ? Math.abs(change.delta) : 0;
      }),
    );
  const shown = (item: TeamItem) =>
    (['manager', 'rep'] as const).some((role) => {
      const change = item.byRole[role].change;
      return change != null && ('withheld' in change || change.delta !== 0);
    });
  return report.items.filter(shown).sort((a, b) => size(b) - size(a));
}

export function sourceWords(report: TeamReport): string {
  const b = report.baseline;
  if (!b) return '';
  const { manager, rep } = b.respondents;
  return `${b.source}: ${manager} manager${manager === 1 ? '' : 's'}, ${rep} rep${rep === 1 ? '' : 's'}`;
}

export function methodWords(report: TeamReport): string {
  const b = report.baseline;
  if (!b) return '';
  const version =
    b.otherVersion === null
      ? ''
      : ` The baseline was made with version ${b.otherVersion} of the bank; items are compared where both rounds have answers.`;
  return `A change counts only when a two-sided Mann–Whitney test on the two rounds' answers passes at α = ${b.alpha}; anything else is within noise.${version}`;
}

export function baselineTextLines(report: TeamReport, style: Style, width: number): string[] {
  if (!report.baseline) return [];
  const out = [
    '',
    style.heading(wrap(`Since last round (${sanitize(sourceWords(report))})`, width, '', '  ')),
  ];
  out.push(style.dim(wrap(methodWords(report), width, '  ')));
  for (const role of ['manager', 'rep'] as const) {
    const change = report.scores[role].change;
    if (change)
      out.push(
        fitLine(`  ${roleWords[role].view.padEnd(15)}balance ${changeWords(change, 1)}`, width, '    '),
      );
  }
  for (const item of changedItems(report)) {
    out.push(wrap(sanitize(item.label), width, '  ', '    '));
    for (const role of ['manager', 'rep'] as const) {
      const change = item.byRole[role].change;
      if (change)
        out.push(
          fitLine(`      ${roleWords[role].item.padEnd(9)}${changeWords(change, 2)}`, width, '        '),
        );
    }
  }
  return out;
}

export function baselineMarkdownLines(report: TeamReport): string[] {
  if (!report.baseline) return [];
  const out = [
    `### Since last round (${escapeMarkdown(sourceWords(report))})`,
    '',
    `_${escapeMarkdown(methodWords(report))}_`,
    '',
  ];
  out.push('| | Role | Change | Verdict | p | n (before → after) |', '|---|---|---:|---|---:|---|');
  const row = (what: string, role: Role, change: TeamChange, digits: number) =>
    'withheld' in change
      ? `| ${what} | ${role} | – | withheld: ${escapeMarkdown(change.withheld)} | | |`
      : `| ${what} | ${role} | ${signed(change.delta, digits)} | ${change.verdict} | ${change.p} | ${change.n.before} → ${change.n.after} |`;
  for (const role of ['manager', 'rep'] as const) {
    const change = report.scores[role].change;
    if (change) out.push(row(`**${roleWords[role].view} (balance)**`, role, change, 1));
  }
  for (const item of changedItems(report)) {
    for (const role of ['manager', 'rep'] as const) {
      const change = item.byRole[role].change;
      if (change) out.push(row(escapeMarkdown(item.label), role, change, 2));
    }
  }
  out.push('');
  return out;
}

/** One team's change since last round, in short: both views, the items whose change counts, the rest counted. */
interface GroupChange {
  views: { role: Role; change: TeamChange }[];
  counted: { item: TeamItem; role: Role; change: TeamChange & { delta: number } }[];
  /** Per role: item changes within noise, and withheld ones by reason. */
  noise: Record<Role, number>;
  withheld: Record<Role, Map<string, number>>;
}

function groupChange(group: GroupModel): GroupChange {
  const out: GroupChange = {
    views: [],
    counted: [],
    noise: { manager: 0, rep: 0 },
    withheld: { manager: new Map(), rep: new Map() },
  };
  for (const role of ['manager', 'rep'] as const) {
    const change = group.scores[role].change;
    if (change) out.views.push({ role, change });
  }
  for (const item of group.items) {
    for (const role of ['manager', 'rep'] as const) {
      const change = item.byRole[role].change;
      if (!change) continue;
      const withheld = out.withheld[role];
      if ('withheld' in change) withheld.set(change.withheld, (withheld.get(change.withheld) ?? 0) + 1);
      else if (change.verdict === 'within-noise') out.noise[role] += 1;
      else out.counted.push({ item, role, change });
    }
  }
  out.counted.sort((a, b) => Math.abs(b.change.delta) - Math.abs(a.change.delta));
  return out;
}

const viewWords = (group: GroupModel, role: Role) =>
  role === 'rep'
    ? "the reps' balance"
    : group.respondents.manager === 1
      ? "the manager's balance"
      : "managers' balance";

/** The line under the counted changes: per role, the items within noise, and what is withheld, once per reason. */
function restWords(group: GroupModel, change: GroupChange): string {
  const parts: string[] = [];
  for (const role of ['manager', 'rep'] as const) {
    const who = role === 'rep' ? 'the reps' : group.respondents.manager === 1 ? 'the manager' : 'managers';
    const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
    if (change.noise[role] > 0) parts.push(`${who}: no change beyond noise on ${items(change.noise[role])}`);
    for (const [reason, n] of change.withheld[role])
      parts.push(`${who}: the change on ${items(n)} withheld, ${reason}`);
  }
  return parts.join('; ');
}

/** Whether the report compares its groups with the baseline's (both grouped the same way). */
const comparesGroups = (report: TeamReport) =>
  report.baseline !== undefined && report.baseline.by === report.by;

export function groupBaselineTextLines(
  report: TeamReport,
  group: GroupModel,
  style: Style,
  width: number,
): string[] {
  if (!comparesGroups(report) || group.baseline === undefined) return [];
  if (group.baseline === null)
    return ['', style.dim('  Since last round: no team of this name in the baseline round.')];
  const { manager, rep } = group.baseline.respondents;
  const change = groupChange(group);
  const out = [
    '',
    style.heading(
      wrap(
        `Since last round (then ${plural(manager, 'manager')}, ${plural(rep, 'rep')})`,
        width,
        '  ',
        '    ',
      ),
    ),
  ];
  for (const { role, change: c } of change.views)
    out.push(wrap(`${viewWords(group, role)}: ${changeWords(c, 1)}`, width, '    ', '      '));
  for (const { item, role, change: c } of change.counted)
    out.push(
      wrap(`${sanitize(item.label)}, ${roleWords[role].item}: ${changeWords(c, 2)}`, width, '    ', '      '),
    );
  const rest = restWords(group, change);
  if (rest) out.push(style.dim(wrap(sanitize(rest), width, '    ', '      ')));
  return out;
}

export function groupBaselineMarkdownLines(report: TeamReport, group: GroupModel): string[] {
  if (!comparesGroups(report) || group.baseline === undefined) return [];
  if (group.baseline === null) return ['_Since last round: no team of this name in the baseline round._', ''];
  const { manager, rep } = group.baseline.respondents;
  const change = groupChange(group);
  const out = [
    `#### Since last round (then ${plural(manager, 'manager')}, ${plural(rep, 'rep')})`,
    '',
    '| | Change | Verdict | p | n (before → after) |',
    '|---|---:|---|---:|---|',
  ];
  const row = (what: string, c: TeamChange, digits: number) =>
    'withheld' in c
      ? `| ${what} | – | withheld: ${escapeMarkdown(c.withheld)} | | |`
      : `| ${what} | ${signed(c.delta, digits)} | ${c.verdict} | ${c.p} | ${c.n.before} → ${c.n.after} |`;
  for (const { role, change: c } of change.views) out.push(row(`**${viewWords(group, role)}**`, c, 1));
  for (const { item, role, change: c } of change.counted)
    out.push(row(`${escapeMarkdown(item.label)} (${roleWords[role].item})`, c, 2));
  out.push('');
  const rest = restWords(group, change);
  if (rest) out.push(`_${escapeMarkdown(rest)}._`, '');
  return out;
}

/** For the HTML page: the same short account, as plain data. */
export function groupBaselineRows(
  report: TeamReport,
  group: GroupModel,
): {
  earlier: Record<Role, number> | null;
  rows: { what: string; change: TeamChange; digits: number }[];
  rest: string;
} | null {
  if (!comparesGroups(report) || group.baseline === undefined) return null;
  if (group.baseline === null) return { earlier: null, rows: [], rest: '' };
  const change = groupChange(group);
  return {
    earlier: group.baseline.respondents,
    rows: [
      ...change.views.map(({ role, change: c }) => ({ what: viewWords(group, role), change: c, digits: 1 })),
      ...change.counted.map(({ item, role, change: c }) => ({
        what: `${item.label} (${roleWords[role].item})`,
        change: c,
        digits: 2,
      })),
    ],
    rest: restWords(group, change),
  };
}
