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
    out.push(
      style.dim(wrap('Nothing to compare: it needs a manager and enough reps on an owed item.', w, '    ')),
    );
  }
  top.forEach((gap, i) => {
    out.push(style.strong(wrap(`${i + 1}. ${sanitize(gap.label)}`, w, '  ', '     ')));
    out.push(wrap(`${sanitize(saidLine(gap, who))} (${gapFigures(gap, who)})`, w, '     ', '     '));
    if (gap.discuss) out.push(style.dim(wrap(`Discuss: ${sanitize(gap.discuss)}`, w, '     ', '     ')));
  });
  const overall = overallLine(group.selfOther, threshold, who);
  if (overall) out.push('', wrap(overall, w, '  '));
  const withheld = withheldByReason(group);
  if (withheld.length > 0) {
    out.push('', style.warn('  Withheld, and why:'));
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
    out.push(wrap(sanitize(item.label), w, '  ', '    '));
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

function reflectionLines(group: Group, style: Style, w: number, indent = ''): string[] {
  if (group.reflections.length === 0) return [];
  const out = ['', style.heading(`${indent}Reflections (without names)`)];
  const [prompt, answer, more] = [`${indent}  `, `${indent}    `, `${indent}      `];
  for (const r of group.reflections) {
    out.push(
      style.strong(wrap(`${sanitize(r.prompt)} (${r.role === 'rep' ? 'reps' : 'managers'})`, w, prompt)),
    );
    if (r.withheld) out.push(style.dim(wrap(`withheld: ${r.withheld}`, w, answer, more)));
    for (const text of r.answers) out.push(wrap(`- ${sanitize(text)}`, w, answer, more));
  }
  return out;
}

const signed = (gap: number) => `${gap > 0 ? '+' : ''}${gap.toFixed(1)}`;

/** `text` in `width` columns: cut with an ellipsis when longer, padded when shorter. */
function fitTo(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text.padEnd(width);
}

/**
 * The ranked table and the teams × owed items grid of perception gaps, in `w` columns: a narrow terminal gets
 * the widest gap on a line of its own and the grid in blocks of as many items as fit.
 */
function summaryLines(summary: OrgSummary, style: Style, w: number): string[] {
  const nameWidth = Math.max(8, Math.min(18, w - 24));
  const name = (team: string) => fitTo(sanitize(team), nameWidth);
  const figure = (b: number | null) => (b === null ? '–' : b.toFixed(1)).padStart(7);
  // Room left for the widest gap beside the figures; below 24 columns it gets a line of its own.
  const room = w - (2 + nameWidth + 1 + 7 + 1 + 7 + 2);
  const beside = room >= 24;
  const out = [
    style.heading('Teams, least balanced first'),
    style.dim(
      `  ${'team'.padEnd(nameWidth)} ${'manager'.padStart(7)} ${'reps'.padStart(7)}${beside ? '  widest perception gap' : ''}`,
    ),
  ];
  for (const row of summary.ranking) {
    const gap = row.widestGap ? `${signed(row.widestGap.gap)} ${sanitize(row.widestGap.label)}` : '–';
    const figures = `  ${name(row.team)} ${figure(row.balance.manager)} ${figure(row.balance.rep)}`;
    if (beside) out.push(`${figures}  ${fitTo(gap, room).trimEnd()}`);
    else {
      out.push(figures);
      if (row.widestGap) out.push(style.dim(wrap(`widest gap ${gap}`, w, '    ', '      ')));
    }
  }
  const { items, rows } = summary.heatmap;
  out.push('', style.heading(wrap('Perception gap by team (manager − reps, scale points; · not shown)', w)));
  const perBlock = Math.max(1, Math.floor((w - 2 - nameWidth) / 6));
  for (let from = 0; from < items.length; from += perBlock) {
    const block = items.slice(from, from + perBlock);
    if (from > 0) out.push('');
    out.push(
      style.dim(`  ${''.padEnd(nameWidth)}${block.map((_, i) => String(from + i + 1).padStart(6)).join('')}`),
    );
    for (const row of rows) {
      const cells = row.gaps
        .slice(from, from + perBlock)
        .map((gap) => (gap === null ? '·' : signed(gap)).padStart(6))
        .join('');
      out.push(`  ${name(row.team)}${cells}`);
    }
  }
  items.forEach((item, i) => {
    out.push(style.dim(wrap(`${String(i + 1).padStart(2)} ${sanitize(item.label)}`, w, '  ', '     ')));
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
    out.push('', style.heading(wrap(`Team ${sanitize(group.team)}`, w)));
    if (group.responseRate) out.push(`  ${rateWords(group.responseRate)}`);
    out.push(...firstScreen(group, report.selfOtherThreshold, style, w));
    out.push(...groupBaselineTextLines(report, group, style, w));
    out.push(...reflectionLines(group, style, w, '  '));
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
