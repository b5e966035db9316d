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
  /**
   * Share of the width (%) a full bar takes at most; the rest holds the text at the bar's end. By default 86; less
   * when the longest text at a bar's end needs more room on a 375 px phone.
   */
  plot?: number;
}

const LABEL_CHARS = 56;
const VALUE_CHARS = 24;
const ROW = 34;
/** The narrowest chart drawn (a 375 px phone less the page's margins), and a figure's width per character. */
const PHONE_PX = 347;
const VALUE_CHAR_PX = 7.5;

/** Horizontal bars, each under its label, in groups with an optional heading. Plain data in, a figure out. */
export function barChart(chart: BarChart): Html {
  const longest = Math.max(
    0,
    ...chart.groups.flatMap((g) => g.bars.map((b) => truncate(b.valueText, VALUE_CHARS).length)),
  );
  const plot = Math.min(chart.plot ?? 86, 100 - Math.ceil(((longest * VALUE_CHAR_PX + 8) / PHONE_PX) * 100));
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
<text class="value" x="${pct(width)}" dx="6" y="${y + 26.5}">${truncate(bar.valueText, VALUE_CHARS)}</text></g>
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
