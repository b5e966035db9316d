import type { OrgSummary } from '../core/org-summary.js';
import type { GroupModel, RoleStats, TeamItem, TeamReport, TeamView } from '../core/team.js';
import { escapeMarkdown } from './markdown.js';
import { baselineMarkdownLines, groupBaselineMarkdownLines } from './team-baseline.js';
import { commitmentMarkdownLines } from './team-commitments.js';
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

type Group = Omit<GroupModel, 'team'> & { team?: string };

function viewRow(who: string, view: TeamView): string {
  if (view.withheld !== null)
    return `| ${who} | ${view.respondents} | – | – | – | withheld: ${escapeMarkdown(view.withheld)} |`;
  return `| ${who} | ${view.respondents} | ${view.asked} | ${view.given} | **${view.balance}** | ${leaningWords(view)} |`;
}

/** The headline, then the three things the reps see most differently, in words, with what to discuss. */
function firstScreen(group: Group, threshold: number, level: string): string[] {
  const who = voices(group.respondents.manager, group.team !== undefined);
  const out = [
    `${headcount(group.respondents)}.`,
    '',
    '| View | n | Asked | Given | Balance | Leaning |',
    '|---|---:|---:|---:|---:|---|',
    viewRow(who.managers, group.scores.manager),
    viewRow(who.reps, group.scores.rep),
    '',
  ];
  if (group.responseRate) out.push(`${rateWords(group.responseRate)}.`, '');
  out.push(`${level} What ${who.reps} see most differently`, '');
  const top = group.perceptionGaps.slice(0, 3);
  if (top.length === 0)
    out.push('_Nothing to compare: it needs a manager and enough reps on an owed item._', '');
  top.forEach((gap, i) => {
    out.push(
      `${i + 1}. **${escapeMarkdown(gap.label)}**: ${escapeMarkdown(saidLine(gap, who))} (${gapFigures(gap, who)}).`,
    );
    if (gap.discuss) out.push(`   _Discuss:_ ${escapeMarkdown(gap.discuss)}`);
  });
  if (top.length > 0) out.push('');
  const overall = overallLine(group.selfOther, threshold, who);
  if (overall) out.push(overall, '');
  const withheld = withheldByReason(group);
  if (withheld.length > 0) {
    out.push('> Withheld, and why:');
    for (const { reason, parts } of withheld) {
      out.push(`> - ${escapeMarkdown(parts.join('; '))}: ${escapeMarkdown(reason)}`);
    }
    out.push('');
  }
  return out;
}

function statsCell(item: TeamItem, stats: RoleStats): string {
  if (stats.withheld) return `n=${stats.n}, withheld`;
  if (stats.n === 0) return '–';
  const one = singleAnswer(item, stats);
  if (one !== null) return escapeMarkdown(one);
  return escapeMarkdown(groupFigures(item, stats));
}

function distributionCell(item: TeamItem, stats: RoleStats): string {
  if (!stats.distribution || stats.n < 2) return '';
  return Object.entries(stats.distribution)
    .map(([key, count]) => `${escapeMarkdown(optionLabel(item, key))}: ${count}`)
    .join(' · ');
}

/** Per item and role, folded: the detail is there for whoever opens it, after the first screen. */
function itemDetails(group: Group, summary: string, who: Voices): string[] {
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  out.push(
    `| Item | Ledger | ${who.managers} | ${who.reps} | Perception gap | ${who.reps}: distribution |`,
    '|---|---|---|---|---:|---|',
  );
  for (const item of group.items.filter((i) => i.side !== null)) {
    const { manager, rep } = item.byRole;
    const gap = group.perceptionGaps.find((g) => g.id === item.id);
    out.push(
      `| ${escapeMarkdown(item.label)} | ${item.side} | ${statsCell(item, manager)} | ${statsCell(item, rep)} | ${gap ? signed(gap.gap) : ''} | ${distributionCell(item, rep)} |`,
    );
  }
  out.push('', '</details>', '');
  return out;
}

function reflectionLines(group: Group, summary = 'Reflections (without names)'): string[] {
  if (group.reflections.length === 0) return [];
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  for (const r of group.reflections) {
    out.push(`**${escapeMarkdown(r.prompt)}** (${r.role === 'rep' ? 'reps' : 'managers'})`, '');
    if (r.withheld) out.push(`_Withheld: ${escapeMarkdown(r.withheld)}._`);
    for (const answer of r.answers) out.push(`- ${escapeMarkdown(answer)}`);
    out.push('');
  }
  out.push('</details>', '');
  return out;
}

const signed = (gap: number) => `${gap > 0 ? '+' : ''}${gap.toFixed(1)}`;

function summaryTables(summary: OrgSummary): string[] {
  const out = [
    '### Teams, least balanced first',
    '',
    '| Team | Managers | Reps | Manager balance | Reps balance | Widest perception gap |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const row of summary.ranking) {
    const cell = (b: number | null) => (b === null ? '–' : String(b));
    const gap = row.widestGap ? `${signed(row.widestGap.gap)} ${escapeMarkdown(row.widestGap.label)}` : '–';
    out.push(
      `| ${escapeMarkdown(row.team)} | ${row.respondents.manager} | ${row.respondents.rep} | ${cell(row.balance.manager)} | ${cell(row.balance.rep)} | ${gap} |`,
    );
  }
  const { items, rows } = summary.heatmap;
  out.push(
    '',
    '### Perception gap by team',
    '',
    '_Manager − reps, in scale points; – where it is not shown._',
    '',
  );
  out.push(
    `| Team | ${items.map((i) => escapeMarkdown(i.label)).join(' | ')} |`,
    `|---|${items.map(() => '---:').join('|')}|`,
  );
  for (const row of rows) {
    out.push(
      `| ${escapeMarkdown(row.team)} | ${row.gaps.map((g) => (g === null ? '–' : signed(g))).join(' | ')} |`,
    );
  }
  out.push('');
  return out;
}

/** Renders in a CI step summary and a PR comment: the first screen first, the detail folded. */
export function renderTeamMarkdown(report: TeamReport): string {
  const teams = report.groups?.length ?? 0;
  const title = teams > 0 ? `org retro, ${teams} team${teams === 1 ? '' : 's'}` : 'team retro';
  const out: string[] = [`## ${escapeMarkdown(report.bank.title)} — ${title}`, ''];
  out.push(...firstScreen(report, report.selfOtherThreshold, '###'));
  out.push(...baselineMarkdownLines(report));
  out.push(...commitmentMarkdownLines(report));
  if (report.summary) out.push(...summaryTables(report.summary));
  for (const group of report.groups ?? []) {
    out.push(`### Team ${escapeMarkdown(group.team)}`, '');
    out.push(...firstScreen(group, report.selfOtherThreshold, '####'));
    out.push(...groupBaselineMarkdownLines(report, group));
    out.push(
      ...itemDetails(
        group,
        `Per item, team ${escapeMarkdown(group.team)}`,
        voices(group.respondents.manager, true),
      ),
    );
    out.push(...reflectionLines(group, `Reflections, team ${escapeMarkdown(group.team)} (without names)`));
  }
  out.push(
    ...itemDetails(
      report,
      teams > 0 ? 'Per item, whole org' : 'Per item',
      voices(report.respondents.manager),
    ),
  );
  out.push(...reflectionLines(report));
  if (report.nonResponders) {
    out.push('### Not answered yet', '', '| Name | Role | Team |', '|---|---|---|');
    for (const p of report.nonResponders) {
      out.push(`| ${escapeMarkdown(p.name)} | ${p.role} | ${escapeMarkdown(p.team ?? '')} |`);
    }
    out.push('');
  }
  if (report.people) {
    out.push(
      '### People',
      '',
      '| Name | Role | Team | Asked | Given | Balance |',
      '|---|---|---|---:|---:|---:|',
    );
    for (const p of report.people) {
      out.push(
        `| ${escapeMarkdown(p.name)} | ${p.role} | ${escapeMarkdown(p.team ?? '')} | ${p.asked ?? '–'} | ${p.given ?? '–'} | ${p.balance ?? '–'} |`,
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
