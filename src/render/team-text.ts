import type { OrgSummary } from '../core/org-summary.js';
import type { GroupModel, RoleStats, TeamItem, TeamReport, TeamView } from '../core/team.js';
import { sanitize, sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { baselineTextLines, groupBaselineTextLines } from './team-baseline.js';
import { commitmentTextLines } from './team-commitments.js';
import {
  gapFigures,
  groupFigures,
  headcount,
  leaningWords,
  optionLabel,
  overallLine,
  rateWords,
  saidLine,
  singleAnswer,
  type Voices,
  voices,
  withheldByReason,
} from './team-words.js';
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

type Group = Omit<GroupModel, 'team'> & { team?: string };

function balanceWords(who: string, view: TeamView, style: Style): string {
  if (view.withheld !== null) return `${who}: ${style.dim(`withheld (${view.withheld})`)}`;
  const paint = view.leaning === 'balanced' ? style.good : style.warn;
  return `${who} ${style.strong(String(view.balance))} ${paint(`(${leaningWords(view)})`)}`;
}

/** The first screen: both balances, then the three things the reps see most differently, in words. */
function firstScreen(group: Group, threshold: number, style: Style, w: number): string[] {
  const who = voices(group.respondents.manager, group.team !== undefined);
  const out = [
    `  ${headcount(group.respondents)}`,
    wrap(
      `Balance: ${balanceWords(who.managers, group.scores.manager, style)} · ${balanceWords(who.reps, group.scores.rep, style)}`,
      w,
      '  ',
      '    ',
    ),
    '',
    style.heading(`  What ${who.reps} see most differently`),
  ];
  const top = group.perceptionGaps.slice(0, 3);
  if (top.length === 0) {
    out.push(style.dim('    Nothing to compare: it needs a manager and enough reps on an owed item.'));
  }
  top.forEach((gap, i) => {
    out.push(`  ${i + 1}. ${style.strong(sanitize(gap.label))}`);
    out.push(wrap(`${sanitize(saidLine(gap, who))} (${gapFigures(gap, who)})`, w, '     ', '     '));
    if (gap.discuss) out.push(style.dim(wrap(`Discuss: ${sanitize(gap.discuss)}`, w, '     ', '     ')));
  });
  const overall = overallLine(group.selfOther, threshold, who);
  if (overall) out.push('', wrap(overall, w, '  '));
  const withheld = withheldByReason(group);
  if (withheld.length > 0) {
    out.push('', style.warn('  Withheld for anonymity:'));
    for (const { reason, parts } of withheld) {
      out.push(
        style.warn(wrap(`- ${sanitize(parts.join('; '))}: ${sanitize(reason)}.`, w, '    ', '      ')),
      );
    }
  }
  return out;
}

function roleCell(item: TeamItem, stats: RoleStats, who: string): string {
  if (stats.withheld) return `${who}: n=${stats.n}, withheld (${stats.withheld})`;
  if (stats.n === 0) return `${who}: not answered`;
  const one = singleAnswer(item, stats);
  if (one !== null) return `${who}: ${sanitize(one)}`;
  const spark = stats.distribution && item.type === 'scale' ? ` ${sparkline(stats.distribution)}` : '';
  const shares =
    item.type === 'choice' && stats.distribution
      ? ` · ${Object.entries(stats.distribution)
          .filter(([, count]) => count > 0)
          .map(([key, count]) => `${sanitize(optionLabel(item, key))} ${count}`)
          .join(', ')}`
      : '';
  return `${who}: ${groupFigures(item, stats)}${spark}${shares}`;
}

function itemLines(group: Group, style: Style, w: number, who: Voices): string[] {
  const out: string[] = [];
  for (const item of group.items.filter((i) => i.side !== null)) {
    out.push(`  ${sanitize(item.label)}`);
    for (const [role, name] of [
      ['manager', who.managers],
      ['rep', who.reps],
    ] as const) {
      out.push(style.dim(wrap(roleCell(item, item.byRole[role], name), w, '      ', '        ')));
    }
    const gap = group.perceptionGaps.find((g) => g.id === item.id);
    if (gap)
      out.push(wrap(`perception gap ${signed(gap.gap)} (${gapFigures(gap, who)})`, w, '      ', '        '));
  }
  return out;
}

function reflectionLines(group: Group, style: Style, w: number): string[] {
  if (group.reflections.length === 0) return [];
  const out = ['', style.heading('Reflections (without names)')];
  for (const r of group.reflections) {
    out.push(
      style.strong(wrap(`${sanitize(r.prompt)} (${r.role === 'rep' ? 'reps' : 'managers'})`, w, '  ')),
    );
    if (r.withheld) out.push(style.dim(`    withheld: ${r.withheld}`));
    for (const answer of r.answers) out.push(wrap(`- ${sanitize(answer)}`, w, '    ', '      '));
  }
  return out;
}

const signed = (gap: number) => `${gap > 0 ? '+' : ''}${gap.toFixed(1)}`;

/** The ranked table and the teams × owed items grid of perception gaps. */
function summaryLines(summary: OrgSummary, style: Style, w: number): string[] {
  const name = (team: string) => sanitize(team).slice(0, 18).padEnd(18);
  const out = [
    style.heading('Teams, least balanced first'),
    style.dim(`  ${'team'.padEnd(18)} manager   reps  widest perception gap`),
  ];
  for (const row of summary.ranking) {
    const cell = (b: number | null) => (b === null ? '–' : String(b)).padStart(7);
    const gap = row.widestGap ? `${signed(row.widestGap.gap)} ${sanitize(row.widestGap.label)}` : '–';
    out.push(`  ${name(row.team)} ${cell(row.balance.manager)} ${cell(row.balance.rep)}  ${gap}`.slice(0, w));
  }
  const { items, rows } = summary.heatmap;
  out.push('', style.heading('Perception gap by team (manager − reps, scale points; · not shown)'));
  out.push(style.dim(`  ${''.padEnd(18)}${items.map((_, i) => String(i + 1).padStart(6)).join('')}`));
  for (const row of rows) {
    const cells = row.gaps.map((gap) => (gap === null ? '·' : signed(gap)).padStart(6)).join('');
    out.push(`  ${name(row.team)}${cells}`);
  }
  items.forEach((item, i) => {
    out.push(style.dim(`  ${String(i + 1).padStart(2)} ${sanitize(item.label)}`));
  });
  return out;
}

export function renderTeamText(model: TeamReport, style: Style, width = 80): string {
  // Every string of the model made safe for a terminal first, whatever field it sits in.
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const teams = report.groups?.length ?? 0;
  const title = teams > 0 ? `org retro, ${teams} team${teams === 1 ? '' : 's'}` : 'team retro';
  const out: string[] = [style.heading(`${sanitize(report.bank.title)} · ${title}`)];
  out.push(...firstScreen(report, report.selfOtherThreshold, style, w));
  out.push(...baselineTextLines(report, style, w));
  out.push(...commitmentTextLines(report, style, w));
  if (report.responseRate) out.push('', `  ${rateWords(report.responseRate)}`);
  if (report.summary) out.push('', ...summaryLines(report.summary, style, w));

  for (const group of report.groups ?? []) {
    out.push('', style.heading(`Team ${sanitize(group.team)}`));
    if (group.responseRate) out.push(`  ${rateWords(group.responseRate)}`);
    out.push(...firstScreen(group, report.selfOtherThreshold, style, w));
    out.push(...groupBaselineTextLines(report, group, style, w));
  }

  const who = voices(report.respondents.manager);
  out.push('', style.heading(teams > 0 ? 'Per item, whole org' : 'Per item'));
  out.push(...itemLines(report, style, w, who));
  out.push(...reflectionLines(report, style, w));

  if (report.nonResponders) {
    out.push('', style.heading('Not answered yet (--show-names)'));
    for (const p of report.nonResponders) {
      out.push(`  ${sanitize(p.name).padEnd(24)} ${p.role.padEnd(8)} ${sanitize(p.team ?? '')}`);
    }
  }
  if (report.people) {
    out.push('', style.heading('People (--show-names)'));
    for (const p of report.people) {
      const team = p.team === null ? '' : ` ${sanitize(p.team)}`;
      out.push(
        `  ${sanitize(p.name).padEnd(24)} ${p.role.padEnd(8)} asked ${p.asked ?? '–'}  given ${p.given ?? '–'}  balance ${p.balance ?? '–'}${team}`,
      );
    }
  }
  if (report.skipped.length > 0) {
    out.push('', style.heading(`Skipped (${report.skippedCount} invalid)`));
    for (const s of report.skipped) out.push(`  ${sanitize(s.reason)}`);
  }
  return `${out.join('\n')}\n`;
}
