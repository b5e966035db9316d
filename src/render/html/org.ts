import { dataTable } from './figure.js';
import { heatmap } from './heatmap.js';
import { type Html, html, oneDecimal, signed } from './markup.js';

// The org roll-up (team --by team): a ranked table of the teams and a heatmap of teams × owed items.

export interface RankedTeam {
  team: string;
  respondents: { manager: number; rep: number };
  /** Each view's balance; null when it is withheld. */
  balance: { manager: number | null; rep: number | null };
  widestGap: { label: string; gap: number } | null;
}

export interface OrgHeatmap {
  items: { id: string; label: string }[];
  /** Per team, the perception gap (manager − reps, scale points) per item; null when not shown. */
  rows: { team: string; gaps: (number | null)[] }[];
}

const figure = (n: number | null) => (n === null ? 'withheld' : oneDecimal(n));

/** Every team's balance and widest perception gap, least balanced first as given, then the heatmap. */
export function orgSection(ranking: RankedTeam[], map: OrgHeatmap, id = 'org'): Html {
  const ranked = dataTable({
    caption: 'Teams, least balanced first (balance 0–100; gap in scale points, managers − reps)',
    head: ['Team', 'Answered', "Managers' balance", "Reps' balance", 'Widest perception gap'],
    rows: ranking.map((t) => [
      t.team,
      `${t.respondents.manager} + ${t.respondents.rep}`,
      figure(t.balance.manager),
      figure(t.balance.rep),
      t.widestGap ? `${t.widestGap.label} (${signed(t.widestGap.gap)})` : '–',
    ]),
    numeric: [1, 2, 3],
    widths: [22, 14, 16, 14, 34],
  });
  const shown = map.rows.flatMap((r) => r.gaps.filter((g): g is number => g !== null));
  const domain = Math.max(1, ...shown.map(Math.abs));
  const chart = heatmap({
    id: `${id}-heatmap`,
    title: 'Perception gap by team and owed item',
    summary: `Each cell is how much higher the team's managers rate an owed item than its reps do, in scale points; the largest gap shown is ${signed(shown.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0))}.`,
    legend: [
      { label: 'Managers rate it higher', swatch: 'hm-p3' },
      { label: 'Reps rate it higher', swatch: 'hm-n3' },
      { label: 'Withheld', swatch: 'hm-na' },
    ],
    columns: map.items.map((i) => i.label),
    rows: map.rows.map((r) => ({ label: r.team, values: r.gaps })),
    domain,
    format: signed,
    empty: '–',
    table: dataTable({
      caption: 'Perception gap per team and item (scale points)',
      head: ['Team', ...map.items.map((_, i) => String(i + 1))],
      rows: map.rows.map((r) => [r.team, ...r.gaps.map((g) => (g === null ? '–' : signed(g)))]),
      numeric: map.items.map((_, i) => i + 1),
      widths: [30, ...map.items.map(() => 70 / Math.max(1, map.items.length))],
    }),
    tablePlacement: 'below',
  });
  return html`<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">The teams side by side</h2>
${ranked}
${chart}
</section>`;
}
