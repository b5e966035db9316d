import { leaningWords, type Report, type ReportItem, rolePhrases } from '../../core/report.js';
import type { Leaning } from '../../core/types.js';
import { type BarGroup, barChart } from './bars.js';
import { dataTable } from './figure.js';
import { type Html, html, oneDecimal } from './markup.js';
import { htmlPage } from './page.js';

/** The chart shows the widest few gaps (the page must print on one sheet); the table lists them all. */
const GAPS_CHARTED = 3;
const TICKS = [0, 25, 50, 75, 100];

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The leaning as a badge: in words, so it never depends on its colour. */
export function leaningBadge(leaning: Leaning): Html {
  return html`<span class="badge ${leaning === 'balanced' ? 'badge-good' : 'badge-warn'}">${capitalised(leaningWords[leaning])}</span>`;
}

const itemText = (item: ReportItem) => `${item.label} (${item.display})`;

function balanceSection(report: Report): Html {
  const phrases = rolePhrases[report.role];
  const { asked, given, balance } = report.scores;
  const ledgerRow = (name: string, value: number, ledger: Report['ledgers']['asked']) => [
    name,
    oneDecimal(value),
    `${ledger.answered} of ${ledger.total}`,
  ];
  const chart = barChart({
    id: 'ledgers',
    title: 'The two ledgers',
    summary: `${phrases.asked}: ${oneDecimal(asked)} of 100. ${phrases.given}: ${oneDecimal(given)} of 100. Balance ${oneDecimal(balance)} of 100, ${leaningWords[report.leaning]}.`,
    groups: [
      {
        bars: [
          { label: phrases.asked, value: asked, valueText: oneDecimal(asked), kind: 'asked' },
          { label: phrases.given, value: given, valueText: oneDecimal(given), kind: 'given' },
        ],
      },
    ],
    max: 100,
    ticks: TICKS,
    table: dataTable({
      caption: 'Scores, 0–100',
      head: ['Ledger', 'Score', 'Answered'],
      rows: [
        ledgerRow(phrases.asked, asked, report.ledgers.asked),
        ledgerRow(phrases.given, given, report.ledgers.owed),
        [html`<strong>Balance</strong>`, html`<strong>${oneDecimal(balance)}</strong>`, ''],
      ],
      numeric: [1, 2],
      widths: [52, 20, 28],
    }),
    tablePlacement: 'below',
  });
  return html`<section aria-labelledby="balance-heading">
<h2 id="balance-heading" class="visually-hidden">The balance</h2>
<div class="headline-grid">
<div class="card">
<div class="score-line"><span class="big">${oneDecimal(balance)} <small>of 100 balance</small></span>${leaningBadge(report.leaning)}</div>
<p class="verdict">${report.verdict}</p>
<p class="muted">A difference of ${String(report.tolerance)} points or less between the two ledgers counts as balanced.${report.selfView ? html` Your own view: ${report.selfView.message}` : null}</p>
</div>
${chart}
</div>
</section>`;
}

function gapsSection(report: Report): Html | null {
  if (report.gaps.length === 0) return null;
  const phrases = rolePhrases[report.role];
  const charted = report.gaps.slice(0, GAPS_CHARTED);
  const groups: BarGroup[] = charted.map((gap, i) => ({
    heading: `${i + 1}. Gap of ${oneDecimal(gap.size)} points`,
    bars: [
      { label: gap.asked.label, value: gap.asked.score, valueText: gap.asked.display, kind: 'asked' },
      ...gap.lagging.map((item) => ({
        label: item.label,
        value: item.score,
        valueText: item.display,
        kind: 'given' as const,
      })),
    ],
  }));
  const summary = charted
    .map(
      (gap, i) =>
        `${i + 1}. ${phrases.holds} ${itemText(gap.asked)}, but ${gap.lagging.map(itemText).join(' and ')} lag behind, by ${oneDecimal(gap.size)} points.`,
    )
    .join(' ');
  const chart = barChart({
    id: 'gaps',
    title: 'Where the gap is widest: each thing asked, beside what makes it achievable',
    captionHidden: true,
    summary,
    legend: [
      { label: 'Asked (hatched)', swatch: 'bar-asked' },
      { label: 'What makes it achievable (solid)', swatch: 'bar-given' },
    ],
    groups,
    max: 100,
    ticks: TICKS,
    plot: 62,
    note:
      report.gaps.length > charted.length
        ? `The chart shows the ${charted.length} widest of ${report.gaps.length} gaps; the table lists them all.`
        : undefined,
    table: dataTable({
      caption: 'Gaps in points (0–100), widest first',
      head: ['#', phrases.askedShort, phrases.lagShort, 'Gap'],
      rows: report.gaps.map((gap, i) => [
        String(i + 1),
        itemText(gap.asked),
        gap.lagging.map(itemText).join('; '),
        oneDecimal(gap.size),
      ]),
      numeric: [3],
      widths: [6, 36, 46, 12],
    }),
    tablePlacement: 'below',
  });
  const quotes = [...new Set(charted.flatMap((g) => (g.source ? [g.source] : [])))];
  return html`<section aria-labelledby="gaps-heading">
<h2 id="gaps-heading">Where the gap is widest</h2>
<p class="muted intro">Each thing asked of reps, beside what makes it achievable.</p>
${chart}
${quotes.map((q) => html`<blockquote>&ldquo;${q}&rdquo;</blockquote>`)}
</section>`;
}

function missingSection(report: Report): Html | null {
  const scored = report.missingDetails.filter((m) => m.side !== null);
  if (scored.length === 0) return null;
  return html`<section aria-labelledby="missing-heading">
<h2 id="missing-heading">Not answered, so left out of the score</h2>
<ul class="plain">${scored.map((m) => html`<li>${m.prompt}</li>`)}</ul>
</section>`;
}

function reflectionsSection(report: Report): Html | null {
  if (report.reflections.length === 0) return null;
  const heading = report.role === 'rep' ? 'Reflections' : 'Your reflections';
  return html`<section aria-labelledby="reflections-heading">
<h2 id="reflections-heading">${heading}</h2>
<div class="reflections">${report.reflections.map((r) => html`<div class="reflection"><h3>${r.prompt}</h3><p>${r.answer}</p></div>`)}</div>
</section>`;
}

/** The single report as one self-contained page. Pure: the same report gives the same bytes. */
export function renderReportHtml(report: Report): string {
  const meta = [
    report.respondent.name,
    report.respondent.date,
    report.role === 'rep' ? "A rep's view of their manager" : "A manager's own view",
  ].filter((part): part is string => part !== undefined && part !== '');
  return htmlPage({
    title: `${report.bank.title}${report.respondent.name ? ` — ${report.respondent.name}` : ''}`,
    eyebrow: 'Self-assessment',
    heading: report.bank.title,
    meta,
    body: html`${balanceSection(report)}
${gapsSection(report)}
${missingSection(report)}
${reflectionsSection(report)}`,
  });
}
