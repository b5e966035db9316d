import { type ChartFrame, chartFigure, GRID_LABEL_HEIGHT, gridLines, pct, truncate } from './figure.js';
import { type Html, html, oneDecimal } from './markup.js';

export interface DumbbellRow {
  label: string;
  /** On the scale's own points; null when it is not shown (withheld). */
  a: number | null;
  b: number | null;
}

export interface DumbbellChart extends ChartFrame {
  scale: { min: number; max: number };
  /** Who `a` and `b` are ("You", "Your reps (mean)"); `a` is drawn as a square, `b` as a circle. */
  names: { a: string; b: string };
  rows: DumbbellRow[];
}

const LEFT = 8;
const RIGHT = 92;
const LABEL_CHARS = 56;
const ROW = 42;
/** How near an end of the track (in % of the width) a mark is at the end; and the gap a figure needs inwards. */
const EDGE = 2;
const INWARD_ROOM = 15;

/**
 * A dumbbell per row: two ratings on one scale, joined by a bar as long as the gap between them. The two ends
 * have different shapes and each carries its figure, so the chart reads without colour.
 */
export function dumbbellChart(chart: DumbbellChart): Html {
  const { min, max } = chart.scale;
  const x = (v: number) =>
    LEFT + ((Math.min(max, Math.max(min, v)) - min) / (max - min || 1)) * (RIGHT - LEFT);
  let y = 4;
  const rows: Html[] = [];
  const bands: [number, number][] = [];
  for (const row of chart.rows) {
    const mid = y + 27;
    const parts: Html[] = [
      html`<text class="label" x="0" y="${y + 12}">${truncate(row.label, LABEL_CHARS)}</text>`,
    ];
    const { a, b } = row;
    if (a !== null && b !== null) {
      parts.push(
        html`<line class="connector" x1="${pct(x(a))}" x2="${pct(x(b))}" y1="${mid}" y2="${mid}"></line>`,
      );
    }
    // The lower figure is written on the left of its mark, the higher on the right, so they never overlap.
    const labelFor = (v: number, other: number | null, own: 'a' | 'b') => {
      let leftOf = other !== null && (v < other || (v === other && own === 'a'));
      // At an end of the scale a figure written outwards is cut off on a phone: it goes inwards, between the
      // two marks, when they are far enough apart to hold it.
      const room = other === null || Math.abs(x(v) - x(other)) >= INWARD_ROOM;
      if (leftOf && x(v) <= LEFT + EDGE && room) leftOf = false;
      else if (!leftOf && x(v) >= RIGHT - EDGE && room) leftOf = true;
      return html`<text class="value" x="${pct(x(v))}" dx="${leftOf ? -10 : 10}" y="${mid + 4}" text-anchor="${leftOf ? 'end' : 'start'}">${oneDecimal(v)}</text>`;
    };
    if (a !== null) {
      parts.push(
        html`<rect class="mark-a" x="${pct(x(a))}" y="${mid - 5}" width="10" height="10" transform="translate(-5 0)"><title>${chart.names.a}: ${oneDecimal(a)}</title></rect>`,
        labelFor(a, b, 'a'),
      );
    }
    if (b !== null) {
      parts.push(
        html`<circle class="mark-b" cx="${pct(x(b))}" cy="${mid}" r="6"><title>${chart.names.b}: ${oneDecimal(b)}</title></circle>`,
        labelFor(b, a, 'b'),
      );
    }
    if (a === null || b === null) {
      parts.push(
        html`<text class="missing" x="${pct(RIGHT)}" y="${mid + 4}" text-anchor="end">withheld</text>`,
      );
    }
    rows.push(
      html`<g class="dumbbell-row"><line class="track" x1="${pct(LEFT)}" x2="${pct(RIGHT)}" y1="${mid}" y2="${mid}"></line>${parts}</g>\n`,
    );
    bands.push([y + 16, y + 38]);
    y += ROW;
  }
  const bottom = y;
  const ticks: { x: number; label: string }[] = [];
  for (let p = Math.ceil(min); p <= max; p++) ticks.push({ x: x(p), label: String(p) });
  return chartFigure(chart, bottom + GRID_LABEL_HEIGHT, html`${gridLines(ticks, bands)}${rows}`);
}
