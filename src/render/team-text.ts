import type { RoleStats, TeamItem, TeamReport, TeamView } from '../core/team.js';
import type { Role } from '../core/types.js';
import { sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { baselineTextLines } from './team-baseline.js';
import { commitmentTextLines } from './team-commitments.js';
import { wrap } from './text.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** A compact picture of a distribution: one block per scale point, its height the share of answers. */
export function sparkline(distribution: Record<string, number>): string {
  const counts = Object.values(distribution);
  const max = Math.max(...counts, 0);
  return counts
    .map((count) => (count === 0 ? '·' : (SPARKS[Math.min(7, Math.round((count / max) * 7))] ?? '█')))
    .join('');
}

const roleName: Record<Role, string> = { manager: "Managers' view", rep: "Reps' view" };

function viewLine(role: Role, view: TeamView, style: Style): string {
  const head = `  ${roleName[role].padEnd(15)}`;
  if (view.withheld !== null) return `${head}${style.dim(`withheld: ${view.withheld}`)}`;
  const paint = view.leaning === 'balanced' ? style.good : style.warn;
  return `${head}asked ${style.asked(String(view.asked).padStart(5))}  given ${style.given(String(view.given).padStart(5))}  ${style.strong(`balance ${view.balance}`)} · ${paint(view.leaning.replaceAll('-', ' '))}  ${style.dim(`(n=${view.respondents})`)}`;
}

function statsCell(stats: RoleStats): string {
  if (stats.withheld) return `n=${stats.n} withheld`;
  if (stats.n === 0 || stats.mean === null) return 'n=0';
  const flag = stats.disagreement ? ' ⚑' : '';
  const spark = stats.distribution ? sparkline(stats.distribution) : '';
  return `n=${stats.n} mean ${stats.mean.toFixed(1)} med ${stats.median} sd ${stats.spread?.toFixed(1)} ${spark}${flag}`;
}

function itemLines(items: TeamItem[], style: Style): string[] {
  const out: string[] = [];
  for (const item of items.filter((i) => i.side !== null)) {
    out.push(`  ${item.label}`);
    out.push(style.dim(`      manager  ${statsCell(item.byRole.manager)}`));
    out.push(style.dim(`      reps     ${statsCell(item.byRole.rep)}`));
  }
  return out;
}

export function renderTeamText(model: TeamReport, style: Style, width = 80): string {
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const { manager, rep } = report.respondents;
  const out: string[] = [
    style.heading(`${report.bank.title} · team retro`),
    `  ${manager} manager${manager === 1 ? '' : 's'}, ${rep} rep${rep === 1 ? '' : 's'}`,
    '',
    viewLine('manager', report.scores.manager, style),
    viewLine('rep', report.scores.rep, style),
  ];

  out.push(...baselineTextLines(report, style, w));
  out.push(...commitmentTextLines(report, style, w));

  out.push('', style.heading('Perception gap: what managers say they give, what reps say they get'));
  if (report.perceptionGaps.length === 0) {
    out.push(
      style.dim(`  None to show: it needs both a manager and at least ${report.minGroup} reps on an item.`),
    );
  }
  const managers = report.respondents.manager === 1 ? 'you rate it' : 'managers rate it';
  for (const gap of report.perceptionGaps) {
    const sign = gap.gap > 0 ? '+' : '';
    out.push(`  ${gap.label}`);
    out.push(
      `      ${managers} ${gap.manager.toFixed(1)} of ${gap.scale.max}; your reps rate it ${gap.rep.toFixed(1)}  ${style.strong(`(${sign}${gap.gap.toFixed(1)})`)}`,
    );
  }

  const withheldItems = report.items.filter((i) => i.byRole.rep.withheld !== null).length;
  if (withheldItems > 0) {
    out.push(
      '',
      style.warn(
        wrap(
          `Reps' figures are withheld on ${withheldItems} item(s): fewer than ${report.minGroup} reps answered them, and smaller groups could be identified (--min-group changes this).`,
          w,
          '  ',
        ),
      ),
    );
  }

  out.push(
    '',
    style.heading('Per item'),
    style.dim('  ⚑ marks items where the team disagrees (a wide spread)'),
  );
  out.push(...itemLines(report.items, style));

  if (report.reflections.length > 0) {
    out.push('', style.heading('Reflections (without names)'));
    for (const r of report.reflections) {
      out.push(style.strong(wrap(`${r.prompt} (${r.role === 'rep' ? 'reps' : 'managers'})`, w, '  ')));
      if (r.withheld) out.push(style.dim(`    withheld: ${r.withheld}`));
      for (const answer of r.answers) out.push(wrap(`- ${answer}`, w, '    ', '      '));
    }
  }

  if (report.people) {
    out.push('', style.heading('People (--show-names)'));
    for (const p of report.people) {
      out.push(
        `  ${p.name.padEnd(24)} ${p.role.padEnd(8)} asked ${p.asked ?? '–'}  given ${p.given ?? '–'}  balance ${p.balance ?? '–'}`,
      );
    }
  }
  if (report.skipped.length > 0) {
    out.push('', style.heading(`Skipped (${report.skippedCount} invalid)`));
    for (const s of report.skipped) out.push(`  ${s.reason}`);
  }
  return `${out.join('\n')}\n`;
}
