import type { HistoryReport, HistoryRound } from '../../core/history.js';
import { leaningWords } from '../../core/report.js';
import type { Role } from '../../core/types.js';
import { byRole, planWords, roleHeading, skippedLine, when } from '../history.js';
import { type Html, html, oneDecimal, signed } from './markup.js';
import { htmlPage } from './page.js';
import { leaningBadge } from './report-page.js';
import { balanceOverRounds } from './rounds.js';

const count = (n: number) => `${n} round${n === 1 ? '' : 's'}`;

/** One role's rounds: where the balance stands now and since when, then the line over the rounds and its table. */
function roleSection(role: Role, rounds: HistoryRound[], tolerance: number): Html {
  const first = rounds[0] as HistoryRound;
  const last = rounds.at(-1) as HistoryRound;
  const since =
    rounds.length > 1
      ? `${signed(last.scores.balance - first.scores.balance)} since the first of ${count(rounds.length)} (${oneDecimal(first.scores.balance)} on ${when(first)}).`
      : 'The only round kept so far.';
  return html`<section aria-labelledby="${role}-heading">
<h2 id="${role}-heading">${roleHeading[role]}</h2>
<div class="card">
<div class="score-line"><span class="big">${oneDecimal(last.scores.balance)} <small>of 100 balance on ${when(last)}</small></span>${leaningBadge(last.leaning)}</div>
<p class="muted">${since}</p>
</div>
${balanceOverRounds(
  rounds.map((r) => ({
    label: when(r),
    balance: r.scores.balance,
    asked: r.scores.asked,
    given: r.scores.given,
    leaning: leaningWords[r.leaning],
    note: planWords(r),
  })),
  tolerance,
  `rounds-${role}`,
)}
</section>`;
}

function skippedSection(report: HistoryReport): Html | null {
  if (report.skipped.length === 0) return null;
  return html`<section aria-labelledby="skipped-heading">
<h2 id="skipped-heading">Skipped (${String(report.skipped.length)} could not be read)</h2>
<ul class="plain">${report.skipped.map((s) => html`<li>${skippedLine(s)}</li>`)}</ul>
</section>`;
}

/** `history` as one self-contained page: per role, the balance over the kept rounds. */
export function renderHistoryHtml(report: HistoryReport, tolerance: number): string {
  const sections = byRole(report).map(([role, rounds]) => roleSection(role, rounds, tolerance));
  return htmlPage({
    title: `${report.bank.title} — your rounds`,
    eyebrow: 'Your rounds',
    heading: report.bank.title,
    meta: [`${count(report.rounds.length)} kept in ${report.folder}`],
    body: html`${
      sections.length === 0
        ? html`<p class="notice">No rounds kept yet. A finished questionnaire keeps one (unless --no-save).</p>`
        : sections
    }
${skippedSection(report)}`,
  });
}
