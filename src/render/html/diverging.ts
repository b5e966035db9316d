import { type ChartFrame, chartFigure, GRID_LABEL_HEIGHT, gridLines, pct, truncate } from './figure.js';
import { type Html, html } from './markup.js';

/**
 * One answer category of a scale, in scale order. `side` says where it stacks: left of the centre line
 * (below the scale's middle), right of it (above), or split across it (the middle point itself).
 */
export interface DivergingCategory {
  label: string;
  side: 'negative' | 'neutral' | 'positive';
}

export interface DivergingRow {
  label: string;
  /** Respondents per category, in the categories' order. */
  counts: number[];
}

export interface DivergingChart extends ChartFrame {
  categories: DivergingCategory[];
  rows: DivergingRow[];
}

/** Where the centre line sits and how far 100% of the respondents reaches either way (% of the width). */
const CENTRE = 50;
const HALF = 38;
const LABEL_CHARS = 56;
const ROW = 40;
/** Segments narrower than this (% of the width) carry no count: it would not fit. */
const MIN_LABELLED = 4;

/** Categories by side, as `scalePoints` of a scale from min to max: below the middle, at it, above it. */
export function sideOf(point: number, min: number, max: number): DivergingCategory['side'] {
  const middle = (min + max) / 2;
  return point < middle ? 'negative' : point > middle ? 'positive' : 'neutral';
}

/**
 * Shade classes, from the centre outwards: `d-n1` the mildest negative up to `d-n3`, `d-p1` to `d-p3`, `d-0` the
 * middle. The ends of the scale always get the strongest shade, so a 5-point scale reads dark–light–grey–light–dark.
 */
export function shadeClasses(categories: DivergingCategory[]): string[] {
  const level = (fromCentre: number, count: number) =>
    count === 1 ? 2 : count === 2 ? (fromCentre === 1 ? 1 : 3) : Math.min(3, fromCentre);
  const negatives = categories.filter((c) => c.side === 'negative').length;
  const positives = categories.filter((c) => c.side === 'positive').length;
  let seenPositive = 0;
  return categories.map((c, i) => {
    if (c.side === 'neutral') return 'd-0';
    if (c.side === 'negative') return `d-n${level(negatives - i, negatives)}`;
    seenPositive += 1;
    return `d-p${level(seenPositive, positives)}`;
  });
}

/**
 * Diverging stacked bars (Heiberger & Robbins 2014): per row, the share of respondents in each category,
 * the ones below the scale's middle stacked leftwards from a common centre line, the ones above it rightwards,
 * the middle category split across the line. Totals either side are written at the ends.
 */
export function divergingChart(chart: DivergingChart): Html {
  const shades = shadeClasses(chart.categories);
  let y = 4;
  const rows: Html[] = [];
  const bands: [number, number][] = [];
  for (const row of chart.rows) {
    const n = row.counts.reduce((sum, c) => sum + c, 0);
    const share = (i: number) => (n === 0 ? 0 : (row.counts[i] ?? 0) / n);
    const segments: Html[] = [];
    const neutral = chart.categories.reduce((s, c, i) => s + (c.side === 'neutral' ? share(i) : 0), 0);
    // Outwards from the centre: the middle category's half first, then the mildest, then the strongest.
    let left = CENTRE - (neutral / 2) * HALF;
    let right = CENTRE + (neutral / 2) * HALF;
    const segment = (i: number, x: number, width: number) => {
      if (width <= 0) return;
      const count = row.counts[i] ?? 0;
      const label = `${chart.categories[i]?.label}: ${count} of ${n}`;
      segments.push(
        html`<rect class="seg ${shades[i]}" x="${pct(x)}" y="${y + 18}" width="${pct(width)}" height="16"><title>${label}</title></rect>`,
      );
      if (width >= MIN_LABELLED) {
        segments.push(
          html`<text class="seg-count ${shades[i]}" x="${pct(x + width / 2)}" y="${y + 30}" text-anchor="middle">${String(count)}</text>`,
        );
      }
    };
    chart.categories.forEach((c, i) => {
      if (c.side === 'neutral') {
        const width = share(i) * HALF;
        segment(i, CENTRE - width / 2, width);
      }
    });
    for (let i = chart.categories.length - 1; i >= 0; i--) {
      if (chart.categories[i]?.side !== 'negative') continue;
      const width = share(i) * HALF;
      left -= width;
      segment(i, left, width);
    }
    chart.categories.forEach((c, i) => {
      if (c.side !== 'positive') return;
      const width = share(i) * HALF;
      segment(i, right, width);
      right += width;
    });
    const negativeShare = chart.categories.reduce((s, c, i) => s + (c.side === 'negative' ? share(i) : 0), 0);
    const positiveShare = chart.categories.reduce((s, c, i) => s + (c.side === 'positive' ? share(i) : 0), 0);
    rows.push(html`<g class="div-row">
<title>${row.label} (n = ${String(n)})</title>
<text class="label" x="0" y="${y + 12}">${truncate(row.label, LABEL_CHARS - ` (n = ${n})`.length)} <tspan class="n">(n = ${String(n)})</tspan></text>
${segments}
<line class="centre" x1="${pct(CENTRE)}" x2="${pct(CENTRE)}" y1="${y + 16}" y2="${y + 40}"></line>
<text class="total" x="0" y="${y + 30}">${percent(negativeShare)}</text>
<text class="total" x="100%" y="${y + 30}" text-anchor="end">${percent(positiveShare)}</text>
</g>
`);
    bands.push([y + 16, y + ROW]);
    y += ROW;
  }
  const bottom = y;
  const ticks = [-100, -50, 0, 50, 100].map((t) => ({
    x: CENTRE + (t / 100) * HALF,
    label: t === 0 ? '0' : `${Math.abs(t)}%`,
  }));
  return chartFigure(chart, bottom + GRID_LABEL_HEIGHT, html`${gridLines(ticks, bands)}${rows}`);
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;
