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
import { wrap, wrapPieces, wrapStyled } from './wrap.js';

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

const plain = (text: string) => text;

type Styled = [string, (text: string) => string];

/** A view's balance in parts styled apart, for wrapStyled: colour codes never count as width. */
function balanceWords(who: string, view: TeamView, style: Style): Styled[] {
  if (view.withheld !== null)
    return [
      [`${who}:`, plain],
      [`withheld (${view.withheld})`, style.dim],
    ];
  const paint = view.leaning === 'balanced' ? style.good : style.warn;
  return [
    [who, plain],
    [String(view.balance), style.strong],
    [`(${leaningWords(view)})`, paint],
  ];
}

/** The first screen: both balances, then the three things the reps see most differently, in words. */
function firstScreen(group: Group, threshold: number, style: Style, w: number): string[] {
  const who = voices(group.respondents.manager, group.team !== undefined);
  const out = [
    wrap(headcount(group.respondents), w, '  '),
    wrapStyled(
      [
        ['Balance:', plain],
        ...balanceWords(who.managers, group.scores.manager, style),
        ['·', plain],
        ...balanceWords(who.reps, group.scores.rep, style),
      ],
      w,
      '  ',
      '    ',
    ),
    '',
    style.heading(wrap(`What ${who.reps} see most differently`, w, '  ')),
  ];
  const top = group.perceptionGaps.slice(0, 3);
  if (top.length === 0) {
    out.push(
      style.dim(wrap('Nothing to compare: it needs a manager and enough reps on an owed item.', w, '    ')),
    );
  }
  top.forEach((gap, i) => {
    out.push(
      wrapStyled(
        [
          [`${i + 1}.`, plain],
          [sanitize(gap.label), style.strong],
        ],
        w,
        '  ',
        '     ',
      ),
    );
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

/** The width of the teams' column in the ranking and the grid; a longer name gets a line of its own above its row. */
const NAME_WIDTH = 18;
/** Narrower than this, the ranking's last column would be too narrow beside the figures: each team gets lines. */
const RANKING_TABLE_WIDTH = 60;
/** One cell of the grid: a gap in scale points, with its sign (-1.4, +0.2, ·). */
const GRID_CELL = 6;

/** A row of a table whose first column is a team: the name beside the rest when it fits the column, else above. */
function teamRow(team: string, rest: (first: string) => string, w: number): string[] {
  const name = sanitize(team);
  if (name.length <= NAME_WIDTH) return [rest(`  ${name.padEnd(NAME_WIDTH)}`)];
  return [wrap(name, w, '  ', '    '), rest(`  ${''.padEnd(NAME_WIDTH)}`)];
}

/** The teams, least balanced first: a table, or below RANKING_TABLE_WIDTH, a few lines per team. */
function rankingLines(summary: OrgSummary, style: Style, w: number): string[] {
  const out = [style.heading('Teams, least balanced first')];
  const balance = (b: number | null) => (b === null ? '–' : String(b));
  const widest = (row: OrgSummary['ranking'][number]) =>
    row.widestGap ? `${signed(row.widestGap.gap)} ${sanitize(row.widestGap.label)}` : '–';
  if (w < RANKING_TABLE_WIDTH) {
    for (const row of summary.ranking) {
      out.push(
        wrap(sanitize(row.team), w, '  ', '    '),
        wrapPieces(
          [`manager ${balance(row.balance.manager)}`, `reps ${balance(row.balance.rep)}`],
          w,
          '    ',
          '    ',
          ' · ',
        ),
        wrap(`widest perception gap ${widest(row)}`, w, '    ', '      '),
      );
    }
    return out;
  }
  out.push(style.dim(`  ${'team'.padEnd(NAME_WIDTH)} manager   reps  widest perception gap`));
  for (const row of summary.ranking) {
    const cell = (b: number | null) => balance(b).padStart(7);
    const figures = ` ${cell(row.balance.manager)} ${cell(row.balance.rep)}  `;
    // The label wraps within its column, under its own first word.
    out.push(
      ...teamRow(
        row.team,
        (first) => wrap(widest(row), w, first + figures, ''.padEnd(first.length + figures.length)),
        w,
      ),
    );
  }
  return out;
}

/** The teams × owed items grid of perception gaps: a table when it fits, else each team's gaps in lines. */
function gridLines(summary: OrgSummary, style: Style, w: number): string[] {
  const { items, rows } = summary.heatmap;
  const value = (gap: number | null) => (gap === null ? '·' : signed(gap));
  const out = [
    style.heading(wrap('Perception gap by team (manager − reps, scale points; · not shown)', w, '', '  ')),
  ];
  if (2 + NAME_WIDTH + GRID_CELL * items.length <= w) {
    out.push(
      style.dim(
        `  ${''.padEnd(NAME_WIDTH)}${items.map((_, i) => String(i + 1).padStart(GRID_CELL)).join('')}`,
      ),
    );
    for (const row of rows) {
      const cells = row.gaps.map((gap) => value(gap).padStart(GRID_CELL)).join('');
      out.push(...teamRow(row.team, (first) => first + cells, w));
    }
  } else {
    for (const row of rows) {
      // Each gap beside its item's number, padded alike so they line up from one line to the next.
      const cells = row.gaps.map(
        (gap, i) => `${String(i + 1).padStart(2)} ${value(gap).padStart(GRID_CELL - 1)}`,
      );
      out.push(wrap(sanitize(row.team), w, '  ', '    '), wrapPieces(cells, w, '    ', '    ', '  '));
    }
  }
  items.forEach((item, i) => {
    out.push(style.dim(wrap(sanitize(item.label), w, `  ${String(i + 1).padStart(2)} `, '     ')));
  });
  return out;
}

/** The ranked table and the teams × owed items grid of perception gaps. */
function summaryLines(summary: OrgSummary, style: Style, w: number): string[] {
  return [...rankingLines(summary, style, w), '', ...gridLines(summary, style, w)];
}

/** The width of the name column of the people tables (--show-names). */
const PERSON_WIDTH = 24;

/** People by name: a table when every row fits, else a line with the name and lines with the rest. */
function personLines(
  people: readonly { name: string; role: string; team: string | null; figures: string[] }[],
  w: number,
): string[] {
  const rows = people.map((p) => {
    const rest = [p.figures.join('  '), sanitize(p.team ?? '')].filter(Boolean).join(' ');
    return `  ${sanitize(p.name).padEnd(PERSON_WIDTH)} ${p.role.padEnd(8)} ${rest}`.trimEnd();
  });
  const fits = people.every((p, i) => sanitize(p.name).length <= PERSON_WIDTH && (rows[i] ?? '').length <= w);
  if (fits) return rows;
  // The team beside the name (a name of many words wraps as words); the role and figures, which stay whole, below.
  return people.flatMap((p) => [
    wrap(p.team ? `${sanitize(p.name)} · ${sanitize(p.team)}` : sanitize(p.name), w, '  ', '    '),
    wrapPieces([p.role, ...p.figures], w, '    ', '    ', ' · '),
  ]);
}

export function renderTeamText(model: TeamReport, style: Style, width = 80): string {
  // Every string of the model made safe for a terminal first, whatever field it sits in.
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const teams = report.groups?.length ?? 0;
  const title = teams > 0 ? `org retro, ${teams} team${teams === 1 ? '' : 's'}` : 'team retro';
  const out: string[] = [style.heading(wrap(`${sanitize(report.bank.title)} · ${title}`, w, '', '  '))];
  out.push(...firstScreen(report, report.selfOtherThreshold, style, w));
  out.push(...baselineTextLines(report, style, w));
  out.push(...commitmentTextLines(report, style, w));
  if (report.responseRate) out.push('', wrap(rateWords(report.responseRate), w, '  ', '    '));
  if (report.summary) out.push('', ...summaryLines(report.summary, style, w));

  for (const group of report.groups ?? []) {
    out.push('', style.heading(wrap(`Team ${sanitize(group.team)}`, w, '', '  ')));
    if (group.responseRate) out.push(wrap(rateWords(group.responseRate), w, '  ', '    '));
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
    out.push(
      ...personLines(
        report.nonResponders.map((p) => ({ ...p, figures: [] })),
        w,
      ),
    );
  }
  if (report.people) {
    out.push('', style.heading('People (--show-names)'));
    const figures = (p: { asked: number | null; given: number | null; balance: number | null }) => [
      `asked ${p.asked ?? '–'}`,
      `given ${p.given ?? '–'}`,
      `balance ${p.balance ?? '–'}`,
    ];
    out.push(
      ...personLines(
        report.people.map((p) => ({ ...p, figures: figures(p) })),
        w,
      ),
    );
  }
  if (report.skipped.length > 0) {
    out.push('', style.heading(`Skipped (${report.skippedCount} invalid)`));
    for (const s of report.skipped) out.push(wrap(sanitize(s.reason), w, '  ', '    '));
  }
  return `${out.join('\n')}\n`;
}
