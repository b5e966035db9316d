import { type Html, html, type Part } from './markup.js';

/** What every chart has besides its data: a name, a text alternative, a key, and its numbers as a table. */
export interface ChartFrame {
  /** Unique on the page; lowercase letters, digits and dashes. */
  id: string;
  title: string;
  /** The chart in one or two sentences, for a screen reader (the SVG's <desc>). */
  summary: string;
  legend?: LegendEntry[];
  /** The numbers behind the chart, shown beside it. */
  table: Html;
  /** A note under the chart (what is left out, how to read it). */
  note?: Part;
  /** The table beside the chart (the default, on a wide page), or below it (a table of long text). */
  tablePlacement?: 'beside' | 'below';
  /** The caption is for screen readers only: a heading right above says the same. */
  captionHidden?: boolean;
}

/** `swatch` is a class of the page's stylesheet (the same fill the chart uses), `shape` a marker's. */
export interface LegendEntry {
  label: string;
  swatch?: string;
  shape?: 'circle' | 'square' | 'diamond';
}

/** SVG text has no wrapping: a long label is cut here, and shown whole in the table and the tooltip. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A percentage for an SVG length: charts are drawn in % across (so they fit any width) and px down. */
export const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

function legend(entries: LegendEntry[] | undefined): Html | null {
  if (!entries || entries.length === 0) return null;
  return html`<ul class="legend">${entries.map(
    (e) =>
      html`<li><span class="${e.shape ? `mark mark-${e.shape}` : `swatch ${e.swatch ?? ''}`}" aria-hidden="true"></span>${e.label}</li>`,
  )}</ul>`;
}

/** The figure around a chart: caption, key, the SVG with its <title> and <desc>, and the table beside it. */
export function chartFigure(frame: ChartFrame, height: number, content: Html): Html {
  const { id } = frame;
  return html`<figure class="chart" id="${id}">
<figcaption${frame.captionHidden ? html` class="visually-hidden"` : null}>${frame.title}</figcaption>
<div class="chart-body${frame.tablePlacement === 'below' ? ' stacked' : ''}">
<div class="chart-graphic">${legend(frame.legend)}<svg class="chart-svg" role="img" aria-labelledby="${id}-title ${id}-desc" width="100%" height="${height}">
<title id="${id}-title">${frame.title}</title>
<desc id="${id}-desc">${frame.summary}</desc>
${content}
</svg>${frame.note ? html`<div class="chart-note">${frame.note}</div>` : null}</div>
<div class="chart-data">${frame.table}</div>
</div>
</figure>`;
}

export interface TableSpec {
  caption: string;
  head: Part[];
  rows: Part[][];
  /** Columns of figures, aligned right. */
  numeric?: number[];
  /**
   * Each column's share of the width, in %. The layout is then fixed: a column is never squeezed to the width
   * of its longest word, and a word longer than its column (a pasted URL) wraps instead of widening the page.
   */
  widths: number[];
}

/** A data table; the first cell of each row is its header. */
export function dataTable(spec: TableSpec): Html {
  const align = (i: number) => (spec.numeric?.includes(i) ? html` class="num"` : null);
  return html`<table class="data">
<caption>${spec.caption}</caption>
<colgroup>${spec.widths.map((w) => html`<col style="width:${pct(w)}">`)}</colgroup>
<thead><tr>${spec.head.map((cell, i) => html`<th scope="col"${align(i)}>${cell}</th>`)}</tr></thead>
<tbody>
${spec.rows.map(
  (row) =>
    html`<tr>${row.map((cell, i) =>
      i === 0 ? html`<th scope="row">${cell}</th>` : html`<td${align(i)}>${cell}</td>`,
    )}</tr>\n`,
)}</tbody>
</table>`;
}

/**
 * Vertical grid lines at `ticks` (positions in % of the width), drawn only through the `bands` where the marks
 * are (never through a label above them), with the tick labels under the last band.
 */
export function gridLines(ticks: { x: number; label: string }[], bands: [number, number][]): Html {
  const bottom = bands.at(-1)?.[1] ?? 0;
  // A label at either edge is anchored inwards, so it is not cut in half.
  const anchor = (x: number) => (x <= 1 ? 'start' : x >= 99 ? 'end' : 'middle');
  return html`<g class="grid" aria-hidden="true">${ticks.map(
    (t) =>
      html`${bands.map(([from, to]) => html`<line x1="${pct(t.x)}" x2="${pct(t.x)}" y1="${from}" y2="${to}"></line>`)}<text class="tick" x="${pct(t.x)}" y="${bottom + 13}" text-anchor="${anchor(t.x)}">${t.label}</text>`,
  )}</g>`;
}

/** Space a grid's labels take under its bottom line. */
export const GRID_LABEL_HEIGHT = 18;
