import type { HistoryReport, HistoryRound } from '../core/history.js';
import { leaningWords, statusWords } from '../core/report.js';
import type { FollowUpStatus, Role } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { sanitize, sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';

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

export function renderHistoryText(model: HistoryReport, style: Style): string {
  const report = sanitizeAll(model);
  const out = [
    style.heading(`${report.bank.title} · your rounds`),
    style.dim(`  kept in ${sanitize(report.folder)}`),
  ];
  if (report.rounds.length === 0) {
    out.push('', '  No rounds kept yet. A finished questionnaire keeps one (unless --no-save).');
  }
  for (const [role, rounds] of byRole(report)) {
    out.push('', style.heading(roleHeading[role]));
    out.push(
      style.dim(
        `  ${'date'.padEnd(12)}${'asked'.padStart(6)}${'given'.padStart(7)}${'balance'.padStart(9)}  leaning`,
      ),
    );
    for (const r of rounds) {
      const { asked, given, balance } = r.scores;
      const plan = planWords(r);
      out.push(
        `  ${sanitize(when(r)).padEnd(12)}${String(asked).padStart(6)}${String(given).padStart(7)}${String(balance).padStart(9)}  ${leaningWords[r.leaning].padEnd(18)}${plan ? `  ${style.dim(plan)}` : ''}`,
      );
    }
    const balances = rounds.map((r) => r.scores.balance);
    const span = balances.length > 1 ? `  ${balances[0]} → ${balances.at(-1)}` : '';
    out.push(`  Balance over time  ${style.strong(balanceSparkline(balances))}${span}`);
  }
  if (report.skipped.length > 0) {
    out.push('', style.heading('Skipped'));
    for (const s of report.skipped) out.push(`  ${sanitize(skippedLine(s))}`);
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
