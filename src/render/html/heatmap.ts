import { type ChartFrame, chartFigure, pct, truncate } from './figure.js';
import { type Html, html } from './markup.js';

export interface HeatmapRow {
  label: string;
  /** One per column; null when there is no figure (withheld, or nobody answered). */
  values: (number | null)[];
}

export interface HeatmapChart extends ChartFrame {
  columns: string[];
  rows: HeatmapRow[];
  /** The largest distance from 0 the colours distinguish; beyond it, the strongest shade. */
  domain: number;
  format: (value: number) => string;
  /** Written in a cell without a figure. */
  empty: string;
}

/** Share of the width for the row names; the columns share the rest. */
const NAME = 30;
const ROW = 28;
const HEAD = 22;
const NAME_CHARS = 22;

/** How strong a value's shade is: 1–3 by thirds of the domain, with its sign as `p` or `n`. */
export function heatClass(value: number | null, domain: number): string {
  if (value === null) return 'hm-na';
  const level = Math.min(3, Math.max(1, Math.ceil((Math.abs(value) / (domain || 1)) * 3)));
  if (Math.abs(value) < 1e-9) return 'hm-0';
  return `hm-${value > 0 ? 'p' : 'n'}${level}`;
}

/**
 * A heatmap: rows × columns, each cell shaded by its value and carrying the value as text, so it reads without
 * colour. Columns are numbered; the key under the chart names them (SVG text cannot wrap a long name).
 */
export function heatmap(chart: HeatmapChart): Html {
  const width = (100 - NAME) / Math.max(1, chart.columns.length);
  const head = chart.columns.map(
    (column, i) =>
      html`<text class="col-head" x="${pct(NAME + width * (i + 0.5))}" y="15" text-anchor="middle">${String(i + 1)}<title>${column}</title></text>`,
  );
  const rows = chart.rows.map((row, r) => {
    const y = HEAD + r * ROW;
    const cells = chart.columns.map((column, i) => {
      const value = row.values[i] ?? null;
      const text = value === null ? chart.empty : chart.format(value);
      const cls = heatClass(value, chart.domain);
      return html`<rect class="cell ${cls}" x="${pct(NAME + width * i)}" y="${y}" width="${pct(width)}" height="${ROW}"><title>${row.label}, ${column}: ${text}</title></rect><text class="cell-text ${cls}" x="${pct(NAME + width * (i + 0.5))}" y="${y + 18}" text-anchor="middle">${text}</text>`;
    });
    return html`<g class="hm-row"><text class="label" x="0" y="${y + 18}">${truncate(row.label, NAME_CHARS)}<title>${row.label}</title></text>${cells}</g>\n`;
  });
  const key = html`<ol class="key">${chart.columns.map((c) => html`<li>${c}</li>`)}</ol>`;
  return chartFigure(
    { ...chart, note: html`${key}${chart.note ?? null}` },
    HEAD + chart.rows.length * ROW + 4,
    html`${head}${rows}`,
  );
}
