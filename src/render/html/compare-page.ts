import {
  type CommitmentOutcome,
  type CompareReport,
  type CompareSide,
  commitmentFor,
} from '../../core/compare.js';
import { leaningWords, rolePhrases, statusWords } from '../../core/report.js';
import type { Bank } from '../../core/types.js';
import { commonItemsNote, outcomeSentence } from '../compare-text.js';
import { barChart } from './bars.js';
import { dataTable } from './figure.js';
import { type Html, html, oneDecimal, signed } from './markup.js';
import { htmlPage } from './page.js';
import { capitalised, leaningBadge } from './report-page.js';
import { balanceOverRounds, type ItemMove, itemMoves } from './rounds.js';

const TICKS = [0, 25, 50, 75, 100];

/** A round's name on the page: its date, else its file's name. */
const when = (side: CompareSide) => side.date ?? side.source.replace(/^.*[\\/]/, '');
const roundName = (name: 'Before' | 'After', side: CompareSide) => `${name} · ${when(side)}`;

/** A follow-up as a badge, in words: kept is good news, anything else is not; no follow-up is said plainly. */
function statusBadge(c: CommitmentOutcome): Html {
  if (!c.status) return html`<span class="badge badge-none">No follow-up</span>`;
  return html`<span class="badge ${c.status === 'kept' ? 'badge-good' : 'badge-warn'}">${capitalised(statusWords[c.status])}</span>`;
}

function changeSection(report: CompareReport, tolerance: number): Html {
  const { before, after, change } = report;
  const phrases = rolePhrases[after.role];
  const row = (name: string, key: 'asked' | 'given' | 'balance') => [
    name,
    oneDecimal(before.scores[key]),
    oneDecimal(after.scores[key]),
    signed(change[key]),
  ];
  const side = (name: 'Before' | 'After', s: CompareSide) => ({
    heading: roundName(name, s),
    bars: [
      {
        label: phrases.asked,
        value: s.scores.asked,
        valueText: oneDecimal(s.scores.asked),
        kind: 'asked' as const,
      },
      {
        label: phrases.given,
        value: s.scores.given,
        valueText: oneDecimal(s.scores.given),
        kind: 'given' as const,
      },
    ],
  });
  const chart = barChart({
    id: 'ledgers',
    title: 'The two ledgers, before and after',
    summary: `${phrases.asked}: from ${oneDecimal(before.scores.asked)} to ${oneDecimal(after.scores.asked)} of 100 (${signed(change.asked)}). ${phrases.given}: from ${oneDecimal(before.scores.given)} to ${oneDecimal(after.scores.given)} (${signed(change.given)}). Balance from ${oneDecimal(before.scores.balance)} to ${oneDecimal(after.scores.balance)} (${signed(change.balance)}).`,
    legend: [
      { label: `${phrases.asked} (hatched)`, swatch: 'bar-asked' },
      { label: `${phrases.given} (solid)`, swatch: 'bar-given' },
    ],
    groups: [side('Before', before), side('After', after)],
    max: 100,
    ticks: TICKS,
    table: dataTable({
      caption: 'Scores, 0–100, and the change',
      head: ['', 'Before', 'After', 'Change'],
      rows: [
        row(phrases.asked, 'asked'),
        row(phrases.given, 'given'),
        row('Balance', 'balance').map((cell) => html`<strong>${cell}</strong>`),
      ],
      numeric: [1, 2, 3],
      widths: [40, 20, 20, 20],
    }),
    tablePlacement: 'below',
  });
  return html`<section aria-labelledby="change-heading">
<h2 id="change-heading" class="visually-hidden">The change</h2>
<div class="headline-grid">
<div class="card">
<div class="score-line"><span class="big">${signed(change.balance)} <small>balance, now ${oneDecimal(after.scores.balance)} of 100</small></span>${leaningBadge(after.leaning)}</div>
<p class="verdict">From ${oneDecimal(before.scores.balance)} (${leaningWords[before.leaning]}) to ${oneDecimal(after.scores.balance)} (${leaningWords[after.leaning]}).</p>
<p class="muted">${phrases.asked}: ${signed(change.asked)}. ${phrases.given}: ${signed(change.given)}. Points of 100; a difference of ${String(tolerance)} points or less between the two ledgers counts as balanced.</p>
</div>
${chart}
</div>
</section>`;
}

function balanceSection(report: CompareReport, tolerance: number): Html {
  const point = (name: 'Before' | 'After', s: CompareSide) => ({
    label: roundName(name, s),
    balance: s.scores.balance,
    asked: s.scores.asked,
    given: s.scores.given,
    leaning: leaningWords[s.leaning],
  });
  // The chart's own caption heads it: a heading above would say the same again.
  return html`<section aria-label="The balance over the two rounds">
${balanceOverRounds([point('Before', report.before), point('After', report.after)], tolerance)}
</section>`;
}

/** The commitment served by an item, with what its follow-up said: for the item's row. */
function commitmentCell(report: CompareReport, item: string): string | undefined {
  const c = commitmentFor(report, item);
  if (!c) return undefined;
  return c.status ? `${c.text} (you said: ${statusWords[c.status]})` : c.text;
}

/**
 * Each item that moved, as dumbbells from before to after: one chart per answer scale, so two items are only
 * ever drawn on the same axis when their points mean the same.
 */
function movesSection(report: CompareReport, bank: Bank): Html {
  const groups = new Map<string, { scale: { min: number; max: number }; moves: ItemMove[] }>();
  for (const item of report.items) {
    const scale = bank.questions.find((q) => q.id === item.id)?.scale;
    if (!scale) continue;
    const key = `${scale.min}–${scale.max}`;
    const group = groups.get(key) ?? { scale: { min: scale.min, max: scale.max }, moves: [] };
    const commitment = commitmentCell(report, item.id);
    group.moves.push({
      label: item.label,
      before: item.before,
      after: item.after,
      change: item.change,
      words: { before: item.beforeWords, after: item.afterWords },
      ...(commitment === undefined ? {} : { commitment }),
    });
    groups.set(key, group);
  }
  const charts = [...groups.values()].map((g, i) =>
    itemMoves(g.moves, g.scale, i === 0 ? 'moves' : `moves-${i + 1}`),
  );
  return html`<section aria-labelledby="moves-heading">
<h2 id="moves-heading">What moved</h2>
${
  charts.length === 0
    ? html`<p class="notice">Nothing moved: every item answered in both rounds has the same answer.</p>`
    : html`<p class="muted intro">In points of each item's scale, largest move first: a square for the earlier round, a circle for the later one. A commitment made for an item is beside its move in the table.</p>
${charts}`
}
</section>`;
}

function commitmentsSection(report: CompareReport): Html | null {
  if (report.commitments.length === 0) return null;
  return html`<section aria-labelledby="commitments-heading">
<h2 id="commitments-heading">What you committed to before, and how it went</h2>
<ul class="commitments">${report.commitments.map(
    (
      c,
    ) => html`<li class="card"><div class="commitment-head"><strong>${c.text}</strong>${statusBadge(c)}</div>
<p>${capitalised(outcomeSentence(c))}.${c.due ? ` Due ${c.due}.` : ''}</p>${c.note ? html`<p class="muted">${c.note}</p>` : null}</li>`,
  )}</ul>
</section>`;
}

/**
 * `compare` as one self-contained page. `bank` supplies each item's scale (the chart's axis) and the tolerance;
 * the words come from the report. Pure: the same report gives the same bytes.
 */
export function renderCompareHtml(report: CompareReport, bank: Bank): string {
  const role = report.after.role === 'rep' ? "A rep's view of their manager" : "A manager's own view";
  return htmlPage({
    title: `${report.bank.title} — what moved between two rounds`,
    eyebrow: 'Two rounds compared',
    heading: report.bank.title,
    meta: [`${roundName('Before', report.before)} → ${roundName('After', report.after)}`, role],
    body: html`${report.commonItemsOnly ? html`<p class="notice">${commonItemsNote(report)}</p>` : null}
${changeSection(report, bank.scoring.tolerance)}
${balanceSection(report, bank.scoring.tolerance)}
${movesSection(report, bank)}
${commitmentsSection(report)}`,
  });
}
