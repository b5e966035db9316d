import type { HistoryReport, HistoryRound } from '../core/history.js';
import { leaningWords, statusWords } from '../core/report.js';
import type { FollowUpStatus, Role } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { sanitize, sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { layoutWidth, wrap, wrapPieces, wrapStyled } from './wrap.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** One block per round, its height the balance on the whole 0–100 range (not the range of the rounds). */
export function balanceSparkline(balances: number[]): string {
  return balances.map((b) => SPARKS[Math.max(0, Math.min(7, Math.round((b / 100) * 7)))]).join('');
}

export const roleHeading: Record<Role, string> = {
  manager: 'As a manager, rating yourself',
  rep: 'As a rep, rating your manager',
};

/** "1 kept, 1 not kept; 2 commitments". */
export function planWords(round: HistoryRound): string {
  const followed = (Object.entries(round.followUp) as [FollowUpStatus, number][])
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${statusWords[status]}`);
  const made =
    round.commitments === 0 ? [] : [`${round.commitments} commitment${round.commitments === 1 ? '' : 's'}`];
  return [followed.join(', '), ...made].filter(Boolean).join('; ');
}

/** The rounds of each role that has any, a manager's first. */
export function byRole(report: HistoryReport): [Role, HistoryRound[]][] {
  return (['manager', 'rep'] as const)
    .map((role) => [role, report.rounds.filter((r) => r.role === role)] as [Role, HistoryRound[]])
    .filter(([, rounds]) => rounds.length > 0);
}

/** A round's name: its date, else the start of its file's name (which is the time it was kept). */
export const when = (round: HistoryRound) => round.date ?? round.file.replace(/^.*[\\/]/, '').slice(0, 10);

/** A skipped round in one line: a reason read from the file names it already (with line and column). */
export function skippedLine(s: HistoryReport['skipped'][number]): string {
  return s.reason.startsWith(`${s.file}:`) ? s.reason : `${s.file}: ${s.reason}`;
}

/** The columns before the leaning (date, asked, given, balance), as wide as the table lays them out. */
const WHEN_WIDTH = 12;
const FIGURES_WIDTH = 2 + WHEN_WIDTH + 6 + 7 + 9 + 2;
/** The widest leaning word, which the commitments column follows. */
const LEANING_WIDTH = 18;

/**
 * A role's rounds: a table when the columns up to the leaning fit, what each round's plan was beside them when
 * it fits too (else under its row); narrower, a few labelled lines per round.
 */
function roundLines(rounds: HistoryRound[], style: Style, w: number): string[] {
  const rows = rounds.map((r) => {
    const { asked, given, balance } = r.scores;
    const figures = `  ${sanitize(when(r)).padEnd(WHEN_WIDTH)}${String(asked).padStart(6)}${String(given).padStart(7)}${String(balance).padStart(9)}  `;
    return {
      figures,
      scores: r.scores,
      leaning: leaningWords[r.leaning],
      plan: planWords(r),
      when: sanitize(when(r)),
    };
  });
  const table = rows.every(
    (row) => row.when.length < WHEN_WIDTH && row.figures.length + row.leaning.length <= w,
  );
  if (!table) {
    return rows.flatMap((row) => {
      const { asked, given, balance } = row.scores;
      return [
        wrap(row.when, w, '  ', '    '),
        wrapPieces([`asked ${asked}`, `given ${given}`, `balance ${balance}`], w, '    ', '    ', ' · '),
        wrapStyled(
          [[row.leaning, (text) => text], ...(row.plan ? ([[`· ${row.plan}`, style.dim]] as const) : [])],
          w,
          '    ',
          '      ',
        ),
      ];
    });
  }
  const beside = rows.every((row) => FIGURES_WIDTH + LEANING_WIDTH + 2 + row.plan.length <= w);
  const out = [
    style.dim(
      `  ${'date'.padEnd(WHEN_WIDTH)}${'asked'.padStart(6)}${'given'.padStart(7)}${'balance'.padStart(9)}  leaning`,
    ),
  ];
  for (const row of rows) {
    if (beside) {
      out.push(
        row.plan
          ? `${row.figures}${row.leaning.padEnd(LEANING_WIDTH)}  ${style.dim(row.plan)}`
          : row.figures + row.leaning,
      );
      continue;
    }
    out.push(`${row.figures}${row.leaning}`);
    if (row.plan) out.push(style.dim(wrap(row.plan, w, ''.padEnd(FIGURES_WIDTH))));
  }
  return out;
}

/** The balance of each round as a sparkline: the last rounds only, when they are more than a line holds. */
function overTimeLine(rounds: HistoryRound[], style: Style, w: number): string {
  const balances = rounds.map((r) => r.scores.balance);
  const shown = balances.slice(-(w - 4));
  const label =
    shown.length < balances.length ? `Balance over the last ${shown.length} rounds` : 'Balance over time';
  const span = balances.length > 1 ? `  ${balances[0]} → ${balances.at(-1)}` : '';
  const spark = balanceSparkline(shown);
  if (2 + label.length + 2 + spark.length + span.length <= w)
    return `  ${label}  ${style.strong(spark)}${span}`;
  const lines = [wrap(label, w, '  '), `    ${style.strong(spark)}`];
  if (span) lines.push(wrap(span, w, '    '));
  return lines.join('\n');
}

/** The terminal view of `history`. Pure: the caller decides colour (through style) and width. */
export function renderHistoryText(model: HistoryReport, style: Style, width = 80): string {
  const report = sanitizeAll(model);
  const w = layoutWidth(width);
  const out = [
    style.heading(wrap(`${report.bank.title} · your rounds`, w, '', '  ')),
    style.dim(wrap(`kept in ${sanitize(report.folder)}`, w, '  ', '    ')),
  ];
  if (report.rounds.length === 0) {
    out.push('', wrap('No rounds kept yet. A finished questionnaire keeps one (unless --no-save).', w, '  '));
  }
  for (const [role, rounds] of byRole(report)) {
    out.push('', style.heading(wrap(roleHeading[role], w, '', '  ')));
    out.push(...roundLines(rounds, style, w), overTimeLine(rounds, style, w));
  }
  if (report.skipped.length > 0) {
    out.push('', style.heading('Skipped'));
    for (const s of report.skipped) out.push(wrap(sanitize(skippedLine(s)), w, '  ', '    '));
  }
  return `${out.join('\n')}\n`;
}

export function renderHistoryMarkdown(report: HistoryReport): string {
  const out = [`## ${escapeMarkdown(report.bank.title)}: your rounds`, ''];
  if (report.rounds.length === 0) out.push('_No rounds kept yet._', '');
  for (const [role, rounds] of byRole(report)) {
    out.push(`### ${roleHeading[role]}`, '');
    out.push('| Date | Asked | Given | Balance | Leaning | Commitments |', '|---|---:|---:|---:|---|---|');
    for (const r of rounds) {
      const { asked, given, balance } = r.scores;
      out.push(
        `| ${escapeMarkdown(when(r))} | ${asked} | ${given} | ${balance} | ${leaningWords[r.leaning]} | ${planWords(r)} |`,
      );
    }
    out.push('', `Balance over time: ${balanceSparkline(rounds.map((r) => r.scores.balance))}`, '');
  }
  if (report.skipped.length > 0) {
    out.push('### Skipped', '');
    for (const s of report.skipped) out.push(`- ${escapeMarkdown(skippedLine(s))}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
