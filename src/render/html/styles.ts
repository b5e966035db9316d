// The page's one stylesheet, inline (the page loads nothing). Colours are variables so that dark mode is a
// second set of them; every chart also carries its figures as text, and the two ledgers differ by pattern too.
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --surface: #f5f6f8; --fg: #1b2330; --muted: #576170; --rule: #d9dde3; --grid: #e6e9ed;
  --asked: #b45309; --asked-stripe: #e9a35e; --given: #0f766e; --mark-a: #334155; --mark-b: #0f766e;
  --trend: #1d4ed8; --band: #e3f1e7; --band-text: #276738;
  --good: #1f6b3a; --good-bg: #e3f1e7; --warn: #9a3412; --warn-bg: #fdecdc;
  --d-n3: #a6611a; --d-n2: #c89a4e; --d-n1: #e6cf98; --d-0: #dddddd; --d-p1: #9fd8cf; --d-p2: #4fa89e; --d-p3: #01796f;
  --d-strong-text: #ffffff; --d-mild-text: #1b2330;
  --hm-p3: #b5520f; --hm-p2: #f0a867; --hm-p1: #fbe0c6; --hm-0: #eef0f3; --hm-n1: #d5e4f3; --hm-n2: #8db5dc; --hm-n3: #2d6aa6;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #10151b; --surface: #181f28; --fg: #e4e8ee; --muted: #a0aab8; --rule: #2c3642; --grid: #242d38;
    --asked: #e8a04f; --asked-stripe: #9c5c1c; --given: #3bbfb0; --mark-a: #dbe2ea; --mark-b: #3bbfb0;
    --trend: #7aa7ff; --band: #1b3325; --band-text: #8fd4a5;
    --good: #8fd4a5; --good-bg: #1b3325; --warn: #f6b27a; --warn-bg: #3a2616;
    --d-n3: #e3a857; --d-n2: #b08242; --d-n1: #6b5631; --d-0: #4a5059; --d-p1: #2a5e58; --d-p2: #35948a; --d-p3: #72d9cc;
    --d-strong-text: #10151b; --d-mild-text: #e4e8ee;
    --hm-p3: #f0a867; --hm-p2: #a2561a; --hm-p1: #4d3119; --hm-0: #222a34; --hm-n1: #1d3550; --hm-n2: #2f5f92; --hm-n3: #8db5dc;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  overflow-wrap: break-word;
}
.page { max-width: 980px; margin: 0 auto; padding: 28px 20px 40px; }
.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.masthead { border-bottom: 1px solid var(--rule); padding-bottom: 14px; margin-bottom: 22px; }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .06em; text-transform: uppercase; }
h1 { font-size: 26px; line-height: 1.2; margin: 4px 0 4px; font-weight: 650; }
h2 { font-size: 18px; line-height: 1.3; margin: 30px 0 10px; font-weight: 620; }
h3 { font-size: 15px; margin: 18px 0 6px; font-weight: 620; }
p { margin: 6px 0; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0; font-size: 14px; }
section { margin: 0 0 8px; }
.headline-grid { display: grid; gap: 16px 32px; grid-template-columns: minmax(0, 1fr); align-items: start; }
.headline-grid figure.chart { margin-top: 0; }
@media (min-width: 820px), print { .headline-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.card { background: var(--surface); border: 1px solid var(--rule); border-radius: 10px; padding: 14px 16px; }
.score-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; }
.big { font-size: 34px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.big small { font-size: 15px; font-weight: 500; color: var(--muted); }
.badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: 13px; font-weight: 600; border: 1px solid currentColor; }
.badge-good { color: var(--good); background: var(--good-bg); }
.badge-warn { color: var(--warn); background: var(--warn-bg); }
.badge-none { color: var(--muted); background: var(--surface); }
.verdict { font-size: 16px; margin: 8px 0 0; }
.views { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); }
.views h3 { margin: 0 0 4px; font-size: 14px; color: var(--muted); font-weight: 600; }
.notice { border-left: 3px solid var(--rule); padding: 4px 12px; color: var(--muted); margin: 10px 0; }
blockquote { margin: 10px 0; padding: 4px 14px; border-left: 3px solid var(--asked); color: var(--muted); font-style: italic; }
ul.plain { margin: 6px 0; padding-left: 20px; }
.commitments { list-style: none; margin: 8px 0; padding: 0; display: grid; gap: 10px; }
.commitment-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 12px; }
.reflection { margin: 10px 0 14px; }
h4 { font-size: 14px; margin: 14px 0 4px; font-weight: 620; }
h5 { font-size: 14px; margin: 0 0 2px; font-weight: 600; }
.groups { border-top: 1px solid var(--rule); }
details.group { border-bottom: 1px solid var(--rule); }
details.group > summary { cursor: pointer; padding: 8px 4px; list-style-position: inside; }
details.group > summary:hover { background: var(--surface); }
.group-name { font-weight: 650; margin-right: 8px; }
.group-facts { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.group-body { padding: 2px 4px 14px 22px; }
.notice.withheld ul { margin: 2px 0 0; }
.reflection h3 { margin: 0 0 2px; }
.reflection p { margin: 0; white-space: pre-wrap; }
figure.chart { margin: 14px 0 22px; break-inside: avoid; }
figcaption { font-weight: 620; margin-bottom: 6px; }
.chart-body { display: grid; gap: 14px 24px; grid-template-columns: minmax(0, 1fr); align-items: start; }
@media (min-width: 820px) { .chart-body { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.chart-body.stacked { grid-template-columns: minmax(0, 1fr); }
.chart-svg { display: block; width: 100%; }
.chart-svg text { font-size: 12px; fill: var(--fg); }
/* Labels sit over grid lines: a halo of the background keeps them legible. */
.chart-svg .label, .chart-svg .group-heading, .chart-svg .value, .chart-svg .total {
  paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round;
}
.chart-svg .tick, .chart-svg .n, .chart-svg .total, .chart-svg .missing { fill: var(--muted); font-size: 11px; }
.chart-svg .value, .chart-svg .group-heading { font-weight: 650; font-variant-numeric: tabular-nums; }
.chart-svg .grid line, .chart-svg .hgrid { stroke: var(--grid); stroke-width: 1; }
.chart-svg .centre { stroke: var(--fg); stroke-width: 1.5; }
.bar-asked { fill: url(#p-asked); }
.bar-given { fill: var(--given); }
.bar-plain { fill: var(--muted); }
.p-asked-base { fill: var(--asked); }
.p-asked-stripe { fill: var(--asked-stripe); }
.p-withheld-base { fill: var(--surface); }
.p-withheld-stripe { fill: var(--rule); }
.track { stroke: var(--grid); stroke-width: 2; }
.connector { stroke: var(--muted); stroke-width: 4; stroke-linecap: round; opacity: .55; }
.mark-a { fill: var(--mark-a); }
.mark-b { fill: var(--mark-b); stroke: var(--bg); stroke-width: 1.5; }
.trend { stroke: var(--trend); stroke-width: 2.5; stroke-linecap: round; }
.point { fill: var(--trend); stroke: var(--bg); stroke-width: 2; }
.band { fill: var(--band); }
.chart-svg .band-label { fill: var(--band-text); font-size: 11px; }
.seg { stroke: var(--bg); stroke-width: 1; }
.d-n3 { fill: var(--d-n3); } .d-n2 { fill: var(--d-n2); } .d-n1 { fill: var(--d-n1); } .d-0 { fill: var(--d-0); }
.d-p1 { fill: var(--d-p1); } .d-p2 { fill: var(--d-p2); } .d-p3 { fill: var(--d-p3); }
.chart-svg .seg-count { font-size: 11px; font-weight: 600; fill: var(--d-mild-text); }
.chart-svg .seg-count.d-n3, .chart-svg .seg-count.d-p3 { fill: var(--d-strong-text); }
.chart-svg .seg-count { paint-order: normal; stroke: none; }
.cell { stroke: var(--bg); stroke-width: 2; }
.hm-p3 { fill: var(--hm-p3); } .hm-p2 { fill: var(--hm-p2); } .hm-p1 { fill: var(--hm-p1); } .hm-0 { fill: var(--hm-0); }
.hm-n1 { fill: var(--hm-n1); } .hm-n2 { fill: var(--hm-n2); } .hm-n3 { fill: var(--hm-n3); } .hm-na { fill: url(#p-withheld); }
.chart-svg .cell-text { font-size: 11px; font-weight: 600; fill: var(--fg); font-variant-numeric: tabular-nums; }
.chart-svg .cell-text.hm-p3, .chart-svg .cell-text.hm-n3 { fill: var(--bg); }
.chart-svg .col-head { fill: var(--muted); font-size: 11px; font-weight: 600; }
.spark polyline { fill: none; stroke: var(--trend); stroke-width: 1.5; }
.spark circle { fill: var(--trend); }
.legend { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch, .mark { display: inline-block; width: 12px; height: 12px; border-radius: 2px; flex: none; }
.swatch { background: var(--muted); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.swatch.bar-asked { background: repeating-linear-gradient(45deg, var(--asked) 0 2.5px, var(--asked-stripe) 2.5px 4.5px); }
.swatch.bar-given { background: var(--given); }
.swatch.d-n3 { background: var(--d-n3); } .swatch.d-n2 { background: var(--d-n2); } .swatch.d-n1 { background: var(--d-n1); }
.swatch.d-0 { background: var(--d-0); } .swatch.d-p1 { background: var(--d-p1); } .swatch.d-p2 { background: var(--d-p2); }
.swatch.d-p3 { background: var(--d-p3); }
.swatch.hm-p3 { background: var(--hm-p3); } .swatch.hm-n3 { background: var(--hm-n3); }
.swatch.hm-na { background: repeating-linear-gradient(45deg, var(--surface) 0 2.5px, var(--rule) 2.5px 4.5px); }
.mark-square { background: var(--mark-a); width: 10px; height: 10px; }
.mark-circle { background: var(--mark-b); border-radius: 50%; }
.chart-note { font-size: 12px; color: var(--muted); margin-top: 6px; }
ol.key { margin: 4px 0 0; padding-left: 22px; font-size: 12px; }
table.data { width: 100%; border-collapse: collapse; font-size: 13px; table-layout: fixed; overflow-wrap: anywhere; }
table.data caption { text-align: left; font-size: 12px; color: var(--muted); padding-bottom: 4px; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--rule); }
table.data thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom-color: var(--muted); }
table.data tbody th { font-weight: 500; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
table.data td.num { white-space: nowrap; }
footer { margin-top: 34px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@media (max-width: 480px) {
  .page { padding: 18px 14px 28px; }
  h1 { font-size: 22px; }
  .big { font-size: 28px; }
  table.data { font-size: 12px; }
  table.data th, table.data td { padding: 3px 4px; }
  .group-body { padding-left: 0; padding-right: 0; }
  /* A phone has room for an item's name or its count, not both: the count is in the table under the chart. */
  .chart-svg tspan.n { display: none; }
}
@media print {
  @page { margin: 10mm 12mm; }
  body { font-size: 9pt; line-height: 1.35; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .page { max-width: none; padding: 0; }
  header.masthead { margin-bottom: 10px; padding-bottom: 6px; }
  h1 { font-size: 16pt; }
  h2 { font-size: 11.5pt; margin: 10px 0 4px; break-after: avoid; }
  h3 { font-size: 9pt; }
  h3, figcaption { break-after: avoid; }
  .meta { font-size: 9pt; }
  .big { font-size: 20pt; }
  .verdict { font-size: 10pt; margin-top: 4px; }
  .card { padding: 8px 12px; border-radius: 6px; }
  figure.chart { margin: 8px 0 8px; }
  /* Charts drawn smaller on paper: their lengths and text scale together, their width stays the column's. */
  .chart-svg { zoom: 0.8; }
  .chart-body, .chart-body.stacked { grid-template-columns: minmax(0, 9fr) minmax(0, 11fr); gap: 6px 16px; }
  .headline-grid .chart-body { grid-template-columns: minmax(0, 1fr); }
  table.data { font-size: 7.5pt; }
  table.data caption, table.data thead th, .legend, .chart-note { font-size: 7.5pt; }
  table.data th, table.data td { padding: 1px 3px; }
  blockquote { margin: 2px 0; padding: 0 10px; font-size: 8.5pt; line-height: 1.25; }
  .intro { display: none; }
  details.group > summary { padding: 3px 0; }
  /* On paper every team is there, opened or not: a printed page cannot be clicked open. */
  details.group::details-content { content-visibility: visible; display: block; }
  .group-body { padding: 0 0 6px 12px; }
  .reflections { columns: 2; column-gap: 18px; }
  .reflection { margin: 0 0 6px; }
  /* On paper a commitment is a row of a list, not a card. */
  .commitments { gap: 0; margin: 2px 0; }
  .commitments > .card { padding: 3px 0; border-width: 0 0 1px; border-radius: 0; background: none; }
  .commitments p { margin: 0; }
  tr, .reflection, .card, blockquote { break-inside: avoid; }
  footer { margin-top: 6px; padding-top: 3px; }
}
`;
