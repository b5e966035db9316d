import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { isOurReport, REPORT_COMMENT } from '../../src/output/report-mark.js';
import { barChart } from '../../src/render/html/bars.js';
import { divergingChart, shadeClasses, sideOf } from '../../src/render/html/diverging.js';
import { dumbbellChart } from '../../src/render/html/dumbbell.js';
import { dataTable } from '../../src/render/html/figure.js';
import { heatClass, heatmap } from '../../src/render/html/heatmap.js';
import { lineChart, sparkline } from '../../src/render/html/line.js';
import {
  escapeHtml,
  formatNumber,
  Html,
  html,
  oneDecimal,
  signed,
  trusted,
} from '../../src/render/html/markup.js';
import { CONTENT_SECURITY_POLICY, HTML_REPORT_MARKER } from '../../src/render/html/page.js';
import { categoriesOf } from '../../src/render/html/team-page.js';
import { sanitize } from '../../src/render/sanitize.js';
import { builtinBank, builtinBankText, edit, ROOT } from '../support/helpers.js';
import { activeContent, unbalancedTags } from '../support/html-checks.js';
import { memoryIo } from '../support/memory-io.js';

const INJECTION = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const ATTRIBUTE_BREAKOUT = '" onmouseover="alert(2)';
const EXAMPLE = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
const TEAM = Object.fromEntries(
  readdirSync(`${ROOT}examples/team`).map((f) => [
    `team/${f}`,
    readFileSync(`${ROOT}examples/team/${f}`, 'utf8'),
  ]),
);

async function run(argv: string[], files: Record<string, string> = {}) {
  const io = memoryIo({ files: { 'manager.yaml': EXAMPLE, ...TEAM, ...files } });
  const code = await main(argv, io);
  return { code, out: io.stdoutText, err: io.stderrText, io };
}

const table = (head: string[], rows: string[][], widths = head.map(() => 100 / head.length)) =>
  dataTable({ caption: 'numbers', head, rows, widths });

describe('escapeHtml and the html tag', () => {
  test.each([
    [INJECTION, ESCAPED],
    [ATTRIBUTE_BREAKOUT, '&quot; onmouseover=&quot;alert(2)'],
    [`it's & <b>`, 'it&#39;s &amp; &lt;b&gt;'],
    ['</script><script>alert(1)</script>', '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['red \u001b[31mtext\u001b[0m, bell\u0007', 'red text, bell'],
    ['plain text', 'plain text'],
  ])('escapeHtml(%j) is %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  test('takes its shortcut only for text the full escape would leave as it is (every BMP character, some beyond)', () => {
    const full = (text: string) =>
      sanitize(text).replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#39;',
      );
    const differs: string[] = [];
    const astral = ['\u{1F600}', '\u{E0001}', '\u{110BD}', '\u{1D173}'];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `a${String.fromCharCode(code)}b`;
      if (escapeHtml(text) !== full(text)) differs.push(code.toString(16));
    }
    for (const text of astral) if (escapeHtml(text) !== full(text)) differs.push(text);
    expect(differs).toEqual([]);
  });

  test('escapes every value, keeps markup made by html or trusted, and leaves out null, undefined and false', () => {
    const inner = html`<b>${INJECTION}</b>`;
    expect(
      html`<p title="${ATTRIBUTE_BREAKOUT}">${inner}${[INJECTION, trusted('<i>x</i>')]}${null}${undefined}${false}${-1.256}</p>`
        .markup,
    ).toBe(`<p title="&quot; onmouseover=&quot;alert(2)"><b>${ESCAPED}</b>${ESCAPED}<i>x</i>-1.26</p>`);
  });

  test('a string is never markup, even one that looks like an Html value', () => {
    const fake = { markup: '<script>' } as unknown as string;
    expect(html`${fake}`.markup).not.toContain('<script');
    expect(html`${new Html('<em>')}`.markup).toBe('<em>');
  });

  test.each([
    [formatNumber, 4, '4'],
    [formatNumber, -1.5, '−1.5'],
    [formatNumber, 2.345, '2.35'],
    [formatNumber, -0.001, '0'],
    [oneDecimal, 4, '4.0'],
    [oneDecimal, 85.66, '85.7'],
    [oneDecimal, -2, '−2.0'],
    [signed, 1.25, '+1.3'],
    [signed, -0.3, '−0.3'],
    [signed, 0, '0.0'],
    [signed, 0.01, '0.0'],
  ])('%p(%p) is %p', (format, n, expected) => {
    expect((format as (n: number) => string)(n)).toBe(expected);
  });
});

describe('the single report page', () => {
  test('is one page: the marker first, a CSP that lets nothing load, and nothing that loads or runs', async () => {
    const { code, out, err } = await run(['--answers', 'manager.yaml', '--format', 'html']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.startsWith(`<!DOCTYPE html>\n${HTML_REPORT_MARKER}\n`)).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; /);
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
  });

  test('draws the two ledgers and the widest gaps, each with its text alternative and its table', async () => {
    const { out } = await run(['--answers', 'manager.yaml', '--format', 'html']);
    const json = JSON.parse((await run(['--answers', 'manager.yaml', '--format', 'json'])).out);
    for (const id of ['ledgers', 'gaps']) {
      const figure = out.slice(out.indexOf(`<figure class="chart" id="${id}">`));
      expect(figure).toMatch(
        new RegExp(
          `^<figure[^>]*>[\\s\\S]*?<svg class="chart-svg" role="img" aria-labelledby="${id}-title ${id}-desc"`,
        ),
      );
      expect(figure.slice(0, figure.indexOf('</figure>'))).toMatch(
        /<title id="[\w-]+">[^<]+<\/title>\n<desc id="[\w-]+">[^<]+<\/desc>[\s\S]*<table class="data">/,
      );
    }
    // Bars in proportion: a full bar takes 86% of the width.
    expect(out).toContain(
      `class="bar bar-asked" x="0" y="20" width="${Math.round(json.scores.asked * 86) / 100}%"`,
    );
    expect(out).toContain(`width="${Math.round(json.scores.given * 86) / 100}%"`);
    expect(out).toContain(`<span class="big">${json.scores.balance} <small>of 100 balance</small>`);
    // Every gap in the table, the widest three in the chart.
    for (const gap of json.gaps) expect(out).toContain(`<td class="num">${oneDecimal(gap.size)}</td>`);
    expect(out.match(/<text class="group-heading"/g)).toHaveLength(3);
    expect(out).toContain(`The chart shows the 3 widest of ${json.gaps.length} gaps`);
  });

  test('-o writes the same page to the file, and nothing to stdout', async () => {
    const { out } = await run(['--answers', 'manager.yaml', '--format', 'html']);
    const written = await run(['--answers', 'manager.yaml', '--format', 'html', '-o', 'r.html']);
    expect(written.code).toBe(0);
    expect(written.out).toBe('');
    expect(written.io.files.get('/mem/r.html')).toBe(out);
  });

  test('-o replaces an earlier HTML report, and leaves a page that is not ours alone without --force', async () => {
    const first = await run(['--answers', 'manager.yaml', '--format', 'html', '-o', 'r.html']);
    const earlier = first.io.files.get('/mem/r.html') as string;
    expect(HTML_REPORT_MARKER).toBe(REPORT_COMMENT);
    expect(isOurReport(earlier.slice(0, 1024))).toBe(true);
    const again = await run(['--answers', 'manager.yaml', '--format', 'html', '-o', 'r.html'], {
      'r.html': earlier,
    });
    expect(again.code).toBe(0);
    const mine = '<!DOCTYPE html>\n<title>My notes</title>\n';
    const refused = await run(['--answers', 'manager.yaml', '--format', 'html', '-o', 'notes.html'], {
      'notes.html': mine,
    });
    expect(refused.code).toBe(2);
    expect(refused.io.files.get('/mem/notes.html')).toBe(mine);
  });

  test('the same report gives the same bytes', async () => {
    const a = await run(['--answers', 'manager.yaml', '--format', 'html']);
    const b = await run(['--answers', 'manager.yaml', '--format', 'html']);
    expect(a.out).toBe(b.out);
  });
});

describe('text from files is text on the page', () => {
  const hostileAnswers = EXAMPLE.replace('respondent: Dana (example)', `respondent: '${INJECTION}'`)
    .replace(/what-we-owe: .*/, `what-we-owe: '${INJECTION} ${ATTRIBUTE_BREAKOUT}'`)
    .replace(/out-of-balance: Probably.*/, `out-of-balance: '</textarea></style><script>alert(3)</script>'`);
  const hostileBank = [
    ['title: Who Failed Whom?', `title: '${INJECTION}'`],
    ['label: giving them your time', `label: '${INJECTION} ${ATTRIBUTE_BREAKOUT}'`],
    ['      1: Not at all', `      1: '${INJECTION}'`],
    ['label: coaching the reps who struggle', `label: '</svg><script>alert(4)</script>'`],
  ].reduce((text, [from, to]) => edit(text, from as string, to as string), builtinBankText());
  const hostileRep = (readFileSync(`${ROOT}examples/team/rep-a.yaml`, 'utf8') as string).replace(
    /what-we-owe: .*/,
    `what-we-owe: '${INJECTION}'`,
  );

  test.each([
    ['an answer, a reflection and a name', ['--answers', 'evil.yaml', '--format', 'html']],
    [
      "a custom bank's title, labels and scale words",
      ['--answers', 'manager.yaml', '--questions', 'bank.yaml', '--format', 'html'],
    ],
    ['the team page with a custom bank', ['team', 'team/', '--questions', 'bank.yaml', '--format', 'html']],
    [
      'a rep’s reflection and names on the team page',
      ['team', 'team/', 'evil-rep.yaml', '--show-names', '--format', 'html'],
    ],
  ])('%s', async (_what, argv) => {
    const { code, out, err } = await run(argv, {
      'evil.yaml': hostileAnswers,
      'bank.yaml': hostileBank,
      'evil-rep.yaml': hostileRep.replace('respondent: Rep A (example)', `respondent: '${INJECTION}'`),
    });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(ESCAPED);
    expect(out).not.toContain('<img');
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
  });
});

describe('the team page', () => {
  test('shows the dumbbells, sorted by gap, and the diverging bars, each figure with its table', async () => {
    const { code, out } = await run(['team', 'team/', '--format', 'html']);
    const json = JSON.parse((await run(['team', 'team/', '--format', 'json'])).out);
    expect(code).toBe(0);
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
    const perception = out.slice(
      out.indexOf('id="perception"'),
      out.indexOf('</figure>', out.indexOf('id="perception"')),
    );
    expect(perception.match(/<rect class="mark-a"/g)).toHaveLength(json.perceptionGaps.length);
    expect(perception.match(/<circle class="mark-b"/g)).toHaveLength(json.perceptionGaps.length);
    const order = [...perception.matchAll(/<text class="label" x="0" y="\d+">([^<]+)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(order).toEqual(
      json.perceptionGaps.map((g: { label: string }) =>
        g.label.replace(/^(.{55}).+$/, '$1…').replace(/\s+…$/, '…'),
      ),
    );
    const figures = [...out.matchAll(/<figure class="chart" id="answers-\d+">[\s\S]*?<\/figure>/g)].map(
      (m) => m[0],
    );
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const figure of figures) {
      expect(figure).toContain('<line class="centre"');
      expect(figure).toMatch(/<desc id="answers-\d+-desc">How reps answered/);
      expect(figure).toContain('<table class="data">');
    }
  });

  test('withholds what fewer reps than the minimum answered, and says so', async () => {
    const two = {
      'small/manager.yaml': TEAM['team/manager.yaml'],
      'small/a.yaml': TEAM['team/rep-a.yaml'],
      'small/b.yaml': TEAM['team/rep-b.yaml'],
    } as Record<string, string>;
    const { code, out } = await run(['team', 'small/', '--format', 'html'], two);
    expect(code).toBe(0);
    expect(out).toContain('Withheld: fewer than 3 reps answered.');
    expect(out).toContain('None to show: it needs a manager and at least 3 reps');
    expect(out).not.toContain('How reps answered');
  });

  test('lists people only with --show-names', async () => {
    expect((await run(['team', 'team/', '--format', 'html'])).out).not.toContain('Rep A (example)');
    expect((await run(['team', 'team/', '--format', 'html', '--show-names'])).out).toContain(
      '<th scope="row">Rep A (example)</th>',
    );
  });
});

describe('the org roll-up on the team page', () => {
  const org = Object.fromEntries(
    ['east', 'west'].flatMap((team) =>
      Object.entries(TEAM).map(([path, text]) => [path.replace(/^team\//, `org/${team}/`), text]),
    ),
  );

  test('team --by folder draws the ranked table and the teams × owed items heatmap', async () => {
    const { code, out } = await run(['team', 'org', '--by', 'folder', '--format', 'html'], org);
    expect(code).toBe(0);
    expect(out).toContain('Perception gap by team and owed item');
    expect(out).toContain('Teams, least balanced first');
    for (const team of ['east', 'west']) expect(out).toContain(`<th scope="row">${team}</th>`);
    expect(activeContent(out)).toEqual([]);
  });

  test('without --by there is no roll-up', async () => {
    const { code, out } = await run(['team', 'team', '--format', 'html']);
    expect(code).toBe(0);
    expect(out).not.toContain('Perception gap by team and owed item');
  });
});

describe('chart primitives', () => {
  const frame = (id: string) => ({
    id,
    title: `${id} title`,
    summary: `${id} in words`,
    table: table(['a'], [['1']]),
  });

  test('every chart carries its title, its text alternative and its table', () => {
    const charts = [
      barChart({
        ...frame('bars'),
        groups: [{ bars: [{ label: 'x', value: 1, valueText: '1', kind: 'plain' }] }],
        max: 1,
        ticks: [0, 1],
      }),
      divergingChart({
        ...frame('div'),
        categories: [
          { label: 'no', side: 'negative' },
          { label: 'yes', side: 'positive' },
        ],
        rows: [{ label: 'x', counts: [1, 1] }],
      }),
      dumbbellChart({
        ...frame('dumb'),
        scale: { min: 1, max: 5 },
        names: { a: 'A', b: 'B' },
        rows: [{ label: 'x', a: 2, b: 4 }],
      }),
      lineChart({ ...frame('line'), points: [{ label: 'r1', value: 50 }], min: 0, max: 100 }),
      heatmap({
        ...frame('heat'),
        columns: ['c'],
        rows: [{ label: 'r', values: [1] }],
        domain: 2,
        format: String,
        empty: '–',
      }),
    ];
    for (const [i, id] of ['bars', 'div', 'dumb', 'line', 'heat'].entries()) {
      const markup = charts[i]?.markup ?? '';
      expect(markup).toContain(`<svg class="chart-svg" role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(markup).toContain(`<title id="${id}-title">${id} title</title>`);
      expect(markup).toContain(`<desc id="${id}-desc">${id} in words</desc>`);
      expect(markup).toContain('<table class="data">');
      expect(unbalancedTags(markup)).toEqual([]);
    }
  });

  test('bars: length in proportion to max, the rest of the width for the figure', () => {
    const markup = barChart({
      ...frame('b'),
      groups: [
        {
          bars: [
            { label: 'half', value: 50, valueText: '50', kind: 'given' },
            { label: 'none', value: 0, valueText: '0', kind: 'asked' },
          ],
        },
      ],
      max: 100,
      ticks: [0, 100],
      plot: 60,
    }).markup;
    expect(markup).toContain('class="bar bar-given" x="0" y="20" width="30%"');
    // A zero still shows as a sliver, so it reads as answered, not missing.
    expect(markup).toContain('class="bar bar-asked" x="0" y="54" width="2"');
  });

  test.each([
    [1, 1, 5, 'negative'],
    [2.5, 1, 5, 'negative'],
    [3, 1, 5, 'neutral'],
    [4, 1, 5, 'positive'],
    [2, 1, 4, 'negative'],
    [3, 1, 4, 'positive'],
  ])('sideOf(%p) on %p–%p is %p', (point, min, max, side) => {
    expect(sideOf(point, min, max)).toBe(side);
  });

  test.each([
    [5, ['d-n3', 'd-n1', 'd-0', 'd-p1', 'd-p3']],
    [4, ['d-n3', 'd-n1', 'd-p1', 'd-p3']],
    [3, ['d-n2', 'd-0', 'd-p2']],
    [7, ['d-n3', 'd-n2', 'd-n1', 'd-0', 'd-p1', 'd-p2', 'd-p3']],
  ])('a %p-point scale is shaded %j', (points, expected) => {
    const categories = Array.from({ length: points }, (_, i) => ({
      label: String(i + 1),
      side: sideOf(i + 1, 1, points),
    }));
    expect(shadeClasses(categories)).toEqual(expected);
  });

  test('diverging bars: the middle split across the centre line, the sides stacked outwards, totals at the ends', () => {
    const categories = [1, 2, 3, 4, 5].map((p) => ({ label: String(p), side: sideOf(p, 1, 5) }));
    const markup = divergingChart({
      ...frame('d'),
      categories,
      rows: [{ label: 'item', counts: [1, 0, 2, 0, 1] }],
    }).markup;
    // 100% of the answers reach 38% of the width from the centre (50%): the middle half of them spans 40.5–59.5%.
    expect(markup).toContain('<rect class="seg d-0" x="40.5%" y="22" width="19%"');
    expect(markup).toContain('<rect class="seg d-n3" x="31%" y="22" width="9.5%"');
    expect(markup).toContain('<rect class="seg d-p3" x="59.5%" y="22" width="9.5%"');
    expect(markup).not.toContain('d-n1" x=');
    expect(markup.match(/<text class="total"[^>]*>25%<\/text>/g)).toHaveLength(2);
    expect(markup).toContain('(n = 4)');
  });

  test('dumbbells: each end on the scale, the lower figure left of its mark, a withheld end said in words', () => {
    const markup = dumbbellChart({
      ...frame('m'),
      scale: { min: 1, max: 5 },
      names: { a: 'A', b: 'B' },
      rows: [
        { label: 'x', a: 5, b: 1 },
        { label: 'y', a: 3, b: null },
        { label: 'z', a: 4, b: 2 },
      ],
    }).markup;
    // Inside the scale: the lower figure left of its mark, the higher right of its.
    expect(markup).toContain('<text class="value" x="29%" dx="-10" y="119" text-anchor="end">2.0</text>');
    expect(markup).toContain('<text class="value" x="71%" dx="10" y="119" text-anchor="start">4.0</text>');
    expect(markup).toContain('<rect class="mark-a" x="92%"');
    expect(markup).toContain('<circle class="mark-b" cx="8%"');
    // At the ends of the scale, far apart: each figure inwards, so a phone's width never cuts it off.
    expect(markup).toContain('<text class="value" x="8%" dx="10" y="35" text-anchor="start">1.0</text>');
    expect(markup).toContain('<text class="value" x="92%" dx="-10" y="35" text-anchor="end">5.0</text>');
    expect(markup).toContain('>withheld</text>');
  });

  test('line: rounds spread evenly, values on the scale, a gap where a round has none', () => {
    const markup = lineChart({
      ...frame('l'),
      min: 0,
      max: 100,
      band: { from: 90, to: 100, label: 'balanced' },
      points: [
        { label: 'Q1', value: 0 },
        { label: 'Q2', value: null },
        { label: 'Q3', value: 100 },
      ],
    }).markup;
    expect(markup).toContain('<circle class="point" cx="8%" cy="166" r="4">');
    expect(markup).toContain('<circle class="point" cx="94%" cy="16" r="4">');
    expect(markup).not.toContain('<line class="trend"');
    expect(markup).toContain('<rect class="band" x="8%" y="16" width="86%" height="15"></rect>');
  });

  test('sparkline: a polyline through the known points, described in words', () => {
    expect(sparkline([0, null, 100], 0, 100, 'balance 0 then 100').markup).toBe(
      '<svg class="spark" role="img" aria-label="balance 0 then 100" width="96" height="24" viewBox="0 0 96 24"><polyline points="3,21 93,3"></polyline><circle cx="93" cy="3" r="2.5"></circle></svg>',
    );
  });

  test.each([
    [null, 'hm-na'],
    [0, 'hm-0'],
    [0.2, 'hm-p1'],
    [-0.9, 'hm-n2'],
    [1.5, 'hm-p3'],
    [-9, 'hm-n3'],
  ])('heatClass(%p) of ±1.5 is %p', (value, expected) => {
    expect(heatClass(value, 1.5)).toBe(expected);
  });

  test('heatmap: a cell per team and column, its value written in it, the columns named in a key', () => {
    const markup = heatmap({
      ...frame('h'),
      columns: ['time', 'coaching'],
      rows: [{ label: 'Team A', values: [1.2, null] }],
      domain: 2,
      format: signed,
      empty: 'n/a',
    }).markup;
    expect(markup).toContain('>+1.2</text>');
    expect(markup).toContain('>n/a</text>');
    expect(markup).toContain('<ol class="key"><li>time</li><li>coaching</li></ol>');
  });

  test('categories: a scale item has its points in order with their words; a choice item its scored choices by score', () => {
    const bank = builtinBank();
    const scale = { id: 'give-time', type: 'scale' as const, scale: { min: 1, max: 5 } };
    expect(categoriesOf(scale, 'rep', bank)?.map((c) => `${c.code} ${c.label} ${c.side}`)).toEqual([
      '1 1 · Never negative',
      '2 2 · Rarely negative',
      '3 3 · Sometimes neutral',
      '4 4 · Usually positive',
      '5 5 · Always positive',
    ]);
    const choice = { id: 'ask-before-deciding', type: 'choice' as const, scale: { min: 1, max: 5 } };
    expect(categoriesOf(choice, 'rep', bank)?.map((c) => [c.key, c.label, c.side])).toEqual([
      ['performance-plan', '1 · Starts a performance plan', 'negative'],
      ['review-their-numbers', '2 · Reviews my activity and pipeline to find what I did wrong', 'negative'],
      [
        'talk-it-through',
        '3 · Talks it through with me, then we decide what each of us does next',
        'positive',
      ],
      [
        'look-at-myself',
        '4 · Asks what they gave me (time, deal help, obstacles removed) before judging',
        'positive',
      ],
    ]);
    expect(categoriesOf({ id: 'x', type: 'choice', scale: null }, 'rep', bank)).toBeNull();
  });
});
