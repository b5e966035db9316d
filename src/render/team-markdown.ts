import type { RoleStats, TeamReport, TeamView } from '../core/team.js';
import type { Role } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { baselineMarkdownLines } from './team-baseline.js';
import { commitmentMarkdownLines } from './team-commitments.js';

const roleName: Record<Role, string> = { manager: "Managers' view", rep: "Reps' view" };

function viewRow(role: Role, view: TeamView): string {
  if (view.withheld !== null)
    return `| ${roleName[role]} | ${view.respondents} | – | – | – | withheld: ${view.withheld} |`;
  return `| ${roleName[role]} | ${view.respondents} | ${view.asked} | ${view.given} | **${view.balance}** | ${view.leaning.replaceAll('-', ' ')} |`;
}

function statsCells(stats: RoleStats): string {
  if (stats.withheld) return `${stats.n} | withheld | | |`;
  if (stats.mean === null) return `${stats.n} | | | |`;
  const distribution = Object.entries(stats.distribution ?? {})
    .map(([point, count]) => `${escapeMarkdown(point)}: ${count}`)
    .join(' · ');
  return `${stats.n} | ${stats.mean.toFixed(1)} | ${stats.spread?.toFixed(1)}${stats.disagreement ? ' ⚑' : ''} | ${distribution} |`;
}

/** Tables that render in a CI step summary and a PR comment. */
export function renderTeamMarkdown(report: TeamReport): string {
  const out: string[] = [`## ${escapeMarkdown(report.bank.title)} — team retro`, ''];
  out.push(`${report.respondents.manager} manager(s), ${report.respondents.rep} rep(s).`, '');
  out.push('| View | n | Asked | Given | Balance | Leaning |', '|---|---:|---:|---:|---:|---|');
  out.push(viewRow('manager', report.scores.manager), viewRow('rep', report.scores.rep), '');

  out.push(...baselineMarkdownLines(report));
  out.push(...commitmentMarkdownLines(report));
  out.push('### Perception gap', '');
  if (report.perceptionGaps.length === 0) {
    out.push(`_None to show: it needs a manager and at least ${report.minGroup} reps on an owed item._`, '');
  } else {
    out.push('| What we owe reps | Managers say | Reps say | Gap |', '|---|---:|---:|---:|');
    for (const gap of report.perceptionGaps) {
      const sign = gap.gap > 0 ? '+' : '';
      out.push(
        `| ${escapeMarkdown(gap.label)} | ${gap.manager.toFixed(1)} of ${gap.scale.max} | ${gap.rep.toFixed(1)} | ${sign}${gap.gap.toFixed(1)} |`,
      );
    }
    out.push('');
  }

  const withheld = report.items.filter((i) => i.byRole.rep.withheld !== null).length;
  if (withheld > 0) {
    out.push(
      `> Reps' figures are withheld on ${withheld} item(s): fewer than ${report.minGroup} reps answered them, and a smaller group could be identified.`,
      '',
    );
  }

  out.push('### Per item', '', '⚑ = the team disagrees (a wide spread).', '');
  out.push('| Item | Ledger | Role | n | Mean | Spread | Distribution |', '|---|---|---|---:|---:|---:|---|');
  for (const item of report.items.filter((i) => i.side !== null)) {
    for (const role of ['manager', 'rep'] as const) {
      out.push(`| ${escapeMarkdown(item.label)} | ${item.side} | ${role} | ${statsCells(item.byRole[role])}`);
    }
  }
  out.push('');

  if (report.reflections.length > 0) {
    out.push('### Reflections (without names)', '');
    for (const r of report.reflections) {
      out.push(`**${escapeMarkdown(r.prompt)}** (${r.role === 'rep' ? 'reps' : 'managers'})`, '');
      if (r.withheld) out.push(`_Withheld: ${escapeMarkdown(r.withheld)}._`);
      for (const answer of r.answers) out.push(`- ${escapeMarkdown(answer)}`);
      out.push('');
    }
  }
  if (report.people) {
    out.push('### People', '', '| Name | Role | Asked | Given | Balance |', '|---|---|---:|---:|---:|');
    for (const p of report.people) {
      out.push(
        `| ${escapeMarkdown(p.name)} | ${p.role} | ${p.asked ?? '–'} | ${p.given ?? '–'} | ${p.balance ?? '–'} |`,
      );
    }
    out.push('');
  }
  if (report.skipped.length > 0) {
    out.push(`### Skipped (${report.skippedCount} invalid)`, '');
    for (const s of report.skipped) out.push(`- ${escapeMarkdown(s.reason)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
