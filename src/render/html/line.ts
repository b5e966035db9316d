import { type ChartFrame, chartFigure, pct } from './figure.js';
import { coord, formatNumber, type Html, html } from './markup.js';

export interface LinePoint {
  /** Under the point (a date, a round's name). */
  label: string;
  /** null: a round without a figure; the line breaks there. */
  value: number | null;
}

export interface LineChart extends ChartFrame {
  points: LinePoint[];
  min: number;
  max: number;
  /** A shaded range with its name, e.g. where the balance counts as balanced. */
  band?: { from: number; to: number; label: string };
}

const PLOT_HEIGHT = 150;
const TOP = 16;
const LEFT = 8;
const RIGHT = 94;
/** More labels than this under the line would run into each other: every k-th is written, and the last. */
const MAX_X_LABELS = 6;

/** A line over rounds (x: the rounds, evenly spaced; y: the value), each point with its figure. */
export function lineChart(chart: LineChart): Html {
  const { min, max, points } = chart;
  const y = (v: number) => TOP + ((max - Math.min(max, Math.max(min, v))) / (max - min || 1)) * PLOT_HEIGHT;
  const x = (i: number) =>
    points.length <= 1 ? (LEFT + RIGHT) / 2 : LEFT + (i / (points.length - 1)) * (RIGHT - LEFT);
  const bottom = TOP + PLOT_HEIGHT;
  const parts: Html[] = [];
  if (chart.band) {
    const top = y(chart.band.to);
    parts.push(
      html`<rect class="band" x="${pct(LEFT)}" y="${top}" width="${pct(RIGHT - LEFT)}" height="${coord(y(chart.band.from) - top)}"></rect><text class="band-label" x="${pct(LEFT)}" dx="6" y="${top + 12}">${chart.band.label}</text>`,
    );
  }
  for (let t = 0; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    parts.push(
      html`<line class="hgrid" x1="${pct(LEFT)}" x2="100%" y1="${coord(y(v))}" y2="${coord(y(v))}"></line><text class="tick" x="0" y="${coord(y(v) + 4)}">${formatNumber(v)}</text>`,
    );
  }
  points.forEach((p, i) => {
    const next = points[i + 1];
    if (p.value !== null && next && next.value !== null) {
      parts.push(
        html`<line class="trend" x1="${pct(x(i))}" x2="${pct(x(i + 1))}" y1="${coord(y(p.value))}" y2="${coord(y(next.value))}"></line>`,
      );
    }
  });
  const every = Math.ceil(points.length / MAX_X_LABELS);
  points.forEach((p, i) => {
    if (p.value !== null) {
      parts.push(
        html`<circle class="point" cx="${pct(x(i))}" cy="${coord(y(p.value))}" r="4"><title>${p.label}: ${formatNumber(p.value)}</title></circle><text class="value" x="${pct(x(i))}" y="${coord(y(p.value) - 9)}" text-anchor="middle">${formatNumber(p.value)}</text>`,
      );
    }
    const last = i === points.length - 1;
    if (i % every === 0 || last) {
      const anchor = points.length > 1 && i === 0 ? 'start' : points.length > 1 && last ? 'end' : 'middle';
      parts.push(
        html`<text class="tick" x="${pct(x(i))}" y="${bottom + 16}" text-anchor="${anchor}">${p.label}</text>`,
      );
    }
  });
  return chartFigure(chart, bottom + 24, html`${parts}`);
}

/** A small line for a table cell: no axes, the last point marked; `label` says it in words. */
export function sparkline(values: (number | null)[], min: number, max: number, label: string): Html {
  const width = 96;
  const height = 24;
  const known = values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
  const x = (i: number) => (values.length <= 1 ? width / 2 : 3 + (i / (values.length - 1)) * (width - 6));
  const y = (v: number) => 3 + ((max - Math.min(max, Math.max(min, v))) / (max - min || 1)) * (height - 6);
  const line = known.map(([i, v]) => `${coord(x(i))},${coord(y(v))}`).join(' ');
  const last = known.at(-1);
  return html`<svg class="spark" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><polyline points="${line}"></polyline>${last ? html`<circle cx="${coord(x(last[0]))}" cy="${coord(y(last[1]))}" r="2.5"></circle>` : null}</svg>`;
}
