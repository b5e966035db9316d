import type { TeamChange } from '../core/change.js';
import type { TeamItem, TeamReport } from '../core/team.js';
import type { Role } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { fitLine, wrap } from './wrap.js';

// The change since the baseline round (team --baseline), as a section of the team report of its own.

const roleWords: Record<Role, { view: string; item: string }> = {
  manager: { view: "Managers' view", item: 'managers' },
  rep: { view: "Reps' view", item: 'reps' },
};

const signed = (n: number, digits: number) => (n > 0 ? '+' : '') + n.toFixed(digits);

function changeWords(change: TeamChange, digits: number): string {
  if ('withheld' in change) return `withheld: ${change.withheld}`;
  const verdict = change.verdict === 'within-noise' ? 'within noise' : change.verdict;
  return `${signed(change.delta, digits)}  ${verdict} (p = ${change.p}, n = ${change.n.before} → ${change.n.after})`;
}

/** Items with a change to show, the largest move first. */
function changedItems(report: TeamReport): TeamItem[] {
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

function sourceWords(report: TeamReport): string {
  const b = report.baseline;
  if (!b) return '';
  const { manager, rep } = b.respondents;
  return `${b.source}: ${manager} manager${manager === 1 ? '' : 's'}, ${rep} rep${rep === 1 ? '' : 's'}`;
}

function methodWords(report: TeamReport): string {
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
    out.push(wrap(item.label, width, '  ', '    '));
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
