import { type ChartFrame, chartFigure, GRID_LABEL_HEIGHT, gridLines, pct, truncate } from './figure.js';
import { type Html, html } from './markup.js';

/** `asked` bars are hatched and `given` bars solid, so the two ledgers differ without colour too. */
export type BarKind = 'asked' | 'given' | 'plain';

export interface Bar {
  label: string;
  value: number;
  /** Written at the bar's end ("85.7", "5 · Without exception"). */
  valueText: string;
  kind: BarKind;
}

export interface BarGroup {
  heading?: string;
  bars: Bar[];
}

export interface BarChart extends ChartFrame {
  groups: BarGroup[];
  /** The value of a full-width bar. */
  max: number;
  /** Where grid lines go, in the chart's units. */
  ticks: number[];
  /** Share of the width (%) a full bar takes; the rest holds the text at the bar's end. Default 86. */
  plot?: number;
}

const LABEL_CHARS = 56;
const VALUE_CHARS = 24;
const ROW = 34;

/** Horizontal bars, each under its label, in groups with an optional heading. Plain data in, a figure out. */
export function barChart(chart: BarChart): Html {
  const plot = chart.plot ?? 86;
  let y = 4;
  const rows: Html[] = [];
  const bands: [number, number][] = [];
  for (const group of chart.groups) {
    if (group.heading) {
      rows.push(
        html`<text class="group-heading" x="0" y="${y + 14}">${truncate(group.heading, LABEL_CHARS)}</text>`,
      );
      y += 20;
    }
    for (const bar of group.bars) {
      const share = Math.min(1, Math.max(0, bar.value / chart.max));
      const width = share * plot;
      rows.push(html`<g class="bar-row"><title>${bar.label}: ${bar.valueText}</title>
<text class="label" x="0" y="${y + 11}">${truncate(bar.label, LABEL_CHARS)}</text>
<rect class="bar bar-${bar.kind}" x="0" y="${y + 16}" width="${width > 0 ? pct(width) : '2'}" height="13" rx="2"></rect>
${valueAtEnd(bar.valueText, share, width, y + 26.5)}</g>
`);
      bands.push([y + 14, y + 31]);
      y += ROW;
    }
    y += 6;
  }
  const bottom = y;
  const ticks = chart.ticks.map((t) => ({ x: (t / chart.max) * plot, label: String(t) }));
  return chartFigure(chart, bottom + GRID_LABEL_HEIGHT, html`${gridLines(ticks, bands)}${rows}`);
}

/**
 * The value at the bar's end: after it, or, past half the width, inside it (its halo keeps it legible on the bar),
 * so that a long value on a long bar never runs off a phone's screen.
 */
function valueAtEnd(text: string, share: number, width: number, y: number): Html {
  const shown = truncate(text, VALUE_CHARS);
  return share >= 0.5
    ? html`<text class="value" x="${pct(width)}" dx="-6" y="${y}" text-anchor="end">${shown}</text>`
    : html`<text class="value" x="${pct(width)}" dx="6" y="${y}">${shown}</text>`;
}
