// The HTML reports in a real browser: Debian's chromium, driven by puppeteer-core (which never downloads one).
// Skipped only where there is no chromium and CI is not set; in CI a missing browser fails the suite.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { formatNumber, html } from '../../src/render/html/markup.js';
import { orgSection } from '../../src/render/html/org.js';
import { htmlPage } from '../../src/render/html/page.js';
import { balanceOverRounds, balanceSparkline, itemMoves } from '../../src/render/html/rounds.js';
import { edit } from '../support/helpers.js';
import { AFTER, BEFORE, DATA_DIR, ROUNDS } from '../support/round-fixtures.js';
import { assertBuilt, EXAMPLE, ROOT, runCli } from '../support/spawn-cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const describeInBrowser = present || process.env.CI ? describe : describe.skip;
/** Screenshots and PDFs for a person to look at; not compared, so a font change never fails a test. */
const OUTPUT = join(ROOT, 'test-output', 'html');
const INJECTION = '<img src=x onerror=alert(1)>';

/** The little of the DOM the checks use: they run in the page (page.evaluate), where it exists; Node's types lack it. */
interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}
declare const document: {
  documentElement: { clientWidth: number; scrollWidth: number };
  body: { textContent: string | null };
  querySelectorAll(selector: string): Iterable<PageElement>;
  getElementById(id: string): PageElement | null;
};

interface Loaded {
  consoleErrors: string[];
  requests: string[];
}

let browser: Browser;
let page: Page;
const work = mkdtempSync(join(tmpdir(), 'wfw-html-'));
const files = {
  report: join(work, 'report.html'),
  team: join(work, 'team.html'),
  hostile: join(work, 'hostile.html'),
  gallery: join(work, 'gallery.html'),
  compare: join(work, 'compare.html'),
  history: join(work, 'history.html'),
  org: join(work, 'org.html'),
};
let reportJson: { scores: { balance: number }; gaps: { asked: { label: string } }[] };
let teamJson: { perceptionGaps: { label: string }[] };
let compareJson: { items: { label: string }[]; commitments: unknown[] };
let historyJson: { rounds: { role: string; scores: { balance: number } }[] };
let orgJson: {
  groups: { team: string; perceptionGaps: unknown[]; scores: { rep: { withheld: string | null } } }[];
};

async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, { stdin: '', env });
  if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** The sections the other reports are built from, with made-up rounds and teams. */
function galleryPage(): string {
  const rounds = [
    { label: '2026-03-01', asked: 88, given: 31, balance: 43, leaning: 'asks exceed gives' },
    { label: '2026-06-01', asked: 86, given: 45, balance: 59, leaning: 'asks exceed gives' },
    { label: '2026-09-01', asked: null, given: null, balance: null, leaning: null },
    { label: '2026-12-01', asked: 80, given: 72, balance: 92, leaning: 'balanced' },
  ];
  const items = [
    'giving them your time',
    'coaching the reps who struggle',
    'removing obstacles inside your own company',
  ];
  return htmlPage({
    title: 'Gallery',
    eyebrow: 'Rounds and teams',
    heading: 'Every chart',
    meta: [],
    body: html`${balanceOverRounds(rounds, 10)}
<p>Trend: ${balanceSparkline(rounds)}</p>
${itemMoves(
  [
    { label: items[1] as string, before: 1, after: 4, change: 3 },
    { label: items[0] as string, before: 2, after: 3, change: 1 },
    { label: items[2] as string, before: 3, after: 2, change: -1 },
  ],
  { min: 1, max: 5 },
)}
${orgSection(
  [
    {
      team: 'C (withheld reps)',
      respondents: { manager: 1, rep: 2 },
      balance: { manager: 40, rep: null },
      widestGap: null,
    },
    {
      team: 'A',
      respondents: { manager: 1, rep: 5 },
      balance: { manager: 45, rep: 48 },
      widestGap: { label: items[1] as string, gap: 2.2 },
    },
    {
      team: `B ${INJECTION}`,
      respondents: { manager: 1, rep: 5 },
      balance: { manager: 70, rep: 75 },
      widestGap: { label: items[0] as string, gap: -0.8 },
    },
  ],
  {
    items: items.map((label, i) => ({ id: `i${i}`, label })),
    rows: [
      { team: 'A', gaps: [1.5, 2.2, 0] },
      { team: `B ${INJECTION}`, gaps: [-0.8, 0.4, 0.2] },
      { team: 'C (withheld reps)', gaps: [null, null, null] },
    ],
  },
)}`,
  });
}

/** Loads a page with every request but the page's own refused and recorded, and every console error kept. */
async function load(file: string, width: number, scheme: 'light' | 'dark'): Promise<Loaded> {
  const loaded: Loaded = { consoleErrors: [], requests: [] };
  const url = pathToFileURL(file).href;
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error' || message.type() === 'warn') loaded.consoleErrors.push(message.text());
  };
  const onError = (error: unknown) => loaded.consoleErrors.push(String(error));
  const onRequest = (request: { url(): string; abort(): Promise<void>; continue(): Promise<void> }) => {
    if (request.url() === url) return void request.continue();
    loaded.requests.push(request.url());
    return void request.abort();
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('request', onRequest);
  try {
    await page.setViewport({ width, height: 900 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(url, { waitUntil: 'load' });
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('request', onRequest);
  }
  return loaded;
}

/** Elements (of `within`) reaching past either edge of the viewport (screen-reader-only text aside). */
function tooWide(within = 'body'): Promise<string[]> {
  return page.evaluate((scope: string) => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const element of document.querySelectorAll(`${scope} *`)) {
      if (element.closest('.visually-hidden, .defs')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > width + 0.5 || box.left < -0.5) {
        out.push(
          `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${Math.round(box.left)}–${Math.round(box.right)}: ${(element.textContent ?? '').slice(0, 40)}`,
        );
      }
    }
    return out;
  }, within);
}

interface FigureInfo {
  id: string;
  title: string;
  description: string;
  svgSize: [number, number];
  svgText: string;
  tableRows: number;
}

/** Every chart on the page: its accessible name and description, its drawn size, its text and its table. */
function figures(): Promise<FigureInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = figure.querySelector('svg[role="img"]');
      const [titleId, descId] = (svg?.getAttribute('aria-labelledby') ?? '').split(' ');
      const box = svg?.getBoundingClientRect();
      return {
        id: figure.id,
        title: document.getElementById(titleId ?? '')?.textContent ?? '',
        description: document.getElementById(descId ?? '')?.textContent ?? '',
        svgSize: [Math.round(box?.width ?? 0), Math.round(box?.height ?? 0)] as [number, number],
        svgText: [...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent).join(' | '),
        tableRows: figure.querySelectorAll('table.data tbody tr').length,
      };
    }),
  );
}

/** The page's charts, these and in this order, each named, described, drawn at a readable size, with its table. */
async function drawnCharts(ids: string[]): Promise<FigureInfo[]> {
  const found = await figures();
  expect(found.map((f) => f.id)).toEqual(ids);
  for (const figure of found) {
    expect(figure.title).not.toBe('');
    expect(figure.description).not.toBe('');
    expect(figure.svgSize[0]).toBeGreaterThan(300);
    expect(figure.svgSize[1]).toBeGreaterThan(50);
    expect(figure.tableRows).toBeGreaterThan(0);
  }
  return found;
}

async function pdfPages(format: 'A4' | 'Letter', name: string): Promise<number> {
  const pdf = Buffer.from(await page.pdf({ format, printBackground: true }));
  writeFileSync(join(OUTPUT, `${name}-${format}.pdf`), pdf);
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

describeInBrowser('HTML reports in Chromium', () => {
  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing: CI installs Debian's chromium (see .ci/run)`);
    assertBuilt();
    mkdirSync(OUTPUT, { recursive: true });
    await cli(['--answers', EXAMPLE, '--format', 'html', '-o', files.report]);
    await cli(['team', join(ROOT, 'examples/team'), '--format', 'html', '-o', files.team]);
    reportJson = JSON.parse(await cli(['--answers', EXAMPLE, '--format', 'json']));
    teamJson = JSON.parse(await cli(['team', join(ROOT, 'examples/team'), '--format', 'json']));
    const hostileRep = join(work, 'hostile-rep.yaml');
    writeFileSync(
      hostileRep,
      `bank: who-failed-whom\nrole: rep\nrespondent: '${INJECTION}'\nanswers:\n  give-time: 1\n  what-we-owe: '${INJECTION}'\n`,
    );
    await cli([
      'team',
      join(ROOT, 'examples/team'),
      hostileRep,
      '--show-names',
      '--format',
      'html',
      '-o',
      files.hostile,
    ]);
    writeFileSync(files.gallery, galleryPage());
    // Two rounds of a manager, the second commitment's words hostile; and the kept rounds of a data folder.
    const before = join(work, 'before.yaml');
    const after = join(work, 'after.yaml');
    writeFileSync(
      before,
      edit(BEFORE, 'text: Ask each rep what they need from me', `text: 'Ask each rep ${INJECTION}'`),
    );
    writeFileSync(after, AFTER);
    await cli(['compare', before, after, '--format', 'html', '-o', files.compare]);
    compareJson = JSON.parse(await cli(['compare', before, after, '--format', 'json']));
    const data = join(work, 'data');
    for (const [path, text] of Object.entries(ROUNDS)) {
      const file = join(data, path.slice(DATA_DIR.length));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const inData = { WHO_FAILED_WHOM_DATA_DIR: data };
    await cli(['history', '--format', 'html', '-o', files.history], inData);
    historyJson = JSON.parse(await cli(['history', '--format', 'json'], inData));
    // An org of three teams by folder: two of the example team, and one of its manager with two reps.
    const org = join(work, 'org');
    for (const [team, names] of [
      ['east', ['manager', 'rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e']],
      ['west', ['manager', 'rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e']],
      ['north', ['manager', 'rep-a', 'rep-b']],
    ] as const) {
      mkdirSync(join(org, team), { recursive: true });
      for (const name of names) {
        const { readFileSync } = await import('node:fs');
        writeFileSync(
          join(org, team, `${name}.yaml`),
          readFileSync(join(ROOT, 'examples/team', `${name}.yaml`), 'utf8'),
        );
      }
    }
    await cli(['team', org, '--by', 'folder', '--format', 'html', '-o', files.org]);
    orgJson = JSON.parse(await cli(['team', org, '--by', 'folder', '--format', 'json']));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: join(work, 'profile'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    await page.setRequestInterception(true);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const pages = ['report', 'team', 'hostile', 'gallery', 'compare', 'history', 'org'] as const;
  const views = [
    [1280, 'light'],
    [375, 'light'],
    [1280, 'dark'],
  ] as const;

  test.each(pages.flatMap((name) => views.map(([width, scheme]) => [name, width, scheme] as const)))(
    '%s at %p px, %s: loads nothing, logs no error, fits the width',
    async (name, width, scheme) => {
      const loaded = await load(files[name], width, scheme);
      expect(loaded).toEqual({ consoleErrors: [], requests: [] });
      expect(await tooWide()).toEqual([]);
      await page.screenshot({ path: join(OUTPUT, `${name}-${width}-${scheme}.png`), fullPage: true });
      if (name === 'report' && width === 1280 && scheme === 'light' && process.env.WFW_DOCS_SCREENSHOT) {
        // The README's picture: the example report down to the end of its gaps chart, at a laptop's width.
        await page.setViewport({ width: 960, height: 900 });
        const bottom = await page.$eval('#gaps svg', (svg) => svg.getBoundingClientRect().bottom);
        await page.screenshot({
          path: join(ROOT, 'docs', 'report.png'),
          clip: { x: 0, y: 0, width: 960, height: Math.ceil(bottom) + 16 },
          captureBeyondViewport: true,
        });
      }
    },
  );

  test('the single report shows the two ledger bars and the gaps, each chart named, described and with its table', async () => {
    await load(files.report, 1280, 'light');
    const found = await drawnCharts(['ledgers', 'gaps']);
    expect(found[0]?.svgText).toContain('What you ask of your reps');
    expect(found[0]?.svgText).toContain('What you give them');
    expect(found[1]?.svgText).toContain(reportJson.gaps[0]?.asked.label);
    expect(found[1]?.tableRows).toBe(reportJson.gaps.length);
    const bars = await page.$$eval('#ledgers rect.bar', (rects) =>
      rects.map((r) => r.getBoundingClientRect().width),
    );
    expect(bars).toHaveLength(2);
    expect((bars[0] ?? 0) > (bars[1] ?? 0)).toBe(true);
    expect(await page.$eval('.big', (e) => e.textContent)).toContain(String(reportJson.scores.balance));
  });

  test.each(['A4', 'Letter'] as const)('the single report prints on one %s page', async (format) => {
    await load(files.report, 1280, 'light');
    expect(await pdfPages(format, 'report')).toBe(1);
  });

  test('the team report shows the dumbbells and the diverging bars, each with its table, and prints on a few pages', async () => {
    await load(files.team, 1280, 'light');
    const found = await figures();
    const perception = found.find((f) => f.id === 'perception');
    expect(perception?.tableRows).toBe(teamJson.perceptionGaps.length);
    expect(perception?.svgText).toContain(teamJson.perceptionGaps[0]?.label);
    expect(await page.$$eval('#perception rect.mark-a', (marks) => marks.length)).toBe(
      teamJson.perceptionGaps.length,
    );
    const diverging = found.filter((f) => f.id.startsWith('answers-'));
    expect(diverging.length).toBeGreaterThanOrEqual(2);
    for (const figure of [...diverging, ...found]) {
      expect(figure.description).not.toBe('');
      expect(figure.tableRows).toBeGreaterThan(0);
    }
    // Each diverging bar's segments meet at the centre line.
    const centred = await page.$$eval('#answers-2 .div-row', (rows) =>
      rows.map((row) => {
        const centre = row.querySelector('line.centre')?.getBoundingClientRect().left ?? 0;
        const segments = [...row.querySelectorAll('rect.seg')].map((s) => s.getBoundingClientRect());
        return segments.some(
          (s) =>
            Math.abs(s.left - centre) < 1 ||
            Math.abs(s.right - centre) < 1 ||
            (s.left < centre && s.right > centre),
        );
      }),
    );
    expect(centred.length).toBeGreaterThan(0);
    expect(centred.every(Boolean)).toBe(true);
    const pages = await pdfPages('A4', 'team');
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(6);
  });

  test('the org page on paper: every team is printed, folded on screen or not', async () => {
    await load(files.org, 1280, 'light');
    const shown = () =>
      page.$$eval('details.group .group-body', (all) => all.map((body) => body.checkVisibility()));
    const onScreen = await shown();
    expect(onScreen.length).toBe(orgJson.groups.length);
    expect(onScreen.every((visible) => !visible)).toBe(true);
    await page.emulateMediaType('print');
    try {
      expect(await shown()).toEqual(onScreen.map(() => true));
    } finally {
      await page.emulateMediaType(undefined);
    }
  });

  test.each([1280, 375])(
    'the org page at %p px: every team opened fits the width, and a shown team draws its perception gaps',
    async (width) => {
      const loaded = await load(files.org, width, 'light');
      const closed = await page.$$eval('details.group', (all) =>
        all.map((d) => d.getBoundingClientRect().height),
      );
      expect(closed).toHaveLength(orgJson.groups.length);
      // Folded, a team is one line of summary (two on a phone): 40 teams stay a page or two.
      for (const height of closed) expect(height).toBeLessThan(width < 500 ? 90 : 50);
      await page.$$eval('details.group', (all) => {
        for (const d of all) d.setAttribute('open', '');
      });
      expect(loaded).toEqual({ consoleErrors: [], requests: [] });
      expect(await tooWide('.groups')).toEqual([]);
      const found = await figures();
      const shown = orgJson.groups.filter(
        (g) => g.scores.rep.withheld === null && g.perceptionGaps.length > 0,
      );
      const drawn = found.filter((f) => /^team-\d+-perception$/.test(f.id));
      expect(drawn).toHaveLength(shown.length);
      for (const figure of drawn) {
        expect(figure.svgSize[0]).toBeGreaterThan(width < 500 ? 300 : 400);
        expect(figure.description).not.toBe('');
      }
      // No figure is cut off at either side of its chart.
      const cut = await page.$$eval('.groups figure.chart svg text.value', (texts) =>
        texts.flatMap((t) => {
          const box = t.getBoundingClientRect();
          const svg = t.closest('svg')?.getBoundingClientRect();
          return svg && (box.left < svg.left - 0.5 || box.right > svg.right + 0.5) ? [t.textContent] : [];
        }),
      );
      expect(cut).toEqual([]);
      await page.screenshot({ path: join(OUTPUT, `org-open-${width}.png`), fullPage: true });
    },
  );

  test('text from a file shows as text: no image is made of it', async () => {
    await load(files.hostile, 1280, 'light');
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    expect(await page.evaluate(() => document.body.textContent)).toContain(INJECTION);
  });

  test('the charts of other reports (rounds, teams side by side) draw with their labels', async () => {
    await load(files.gallery, 375, 'light');
    const found = await figures();
    expect(found.map((f) => f.id)).toEqual(['rounds', 'moves', 'org-heatmap']);
    expect(found[0]?.svgText).toContain('balanced');
    expect(found[2]?.svgText).toContain('+2.2');
    expect(await page.$$eval('svg.spark', (s) => s.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Balance over rounds: 2026-03-01 43.0, 2026-06-01 59.0, 2026-09-01 –, 2026-12-01 92.0',
    ]);
  });

  test("the compare page draws both rounds' ledgers, their balance and what moved, each chart with its table", async () => {
    await load(files.compare, 375, 'light');
    const found = await drawnCharts(['ledgers', 'rounds', 'moves']);
    expect(found[0]?.svgText).toContain('Before · 2026-11-27');
    expect(found[0]?.svgText).toContain('After · 2027-02-27');
    expect(found[1]?.svgText).toContain('balanced');
    expect(found[2]?.svgText).toContain(compareJson.items[0]?.label);
    expect(found[2]?.tableRows).toBe(compareJson.items.length);
    // Coaching went up: the later round's circle is drawn right of the earlier round's square.
    const [square, circle] = await page.$$eval('#moves rect.mark-a, #moves circle.mark-b', (marks) =>
      marks.map((m) => m.getBoundingClientRect().left),
    );
    expect(circle ?? 0).toBeGreaterThan((square ?? 0) + 50);
    expect(await page.$$eval('ul.commitments > li', (items) => items.length)).toBe(
      compareJson.commitments.length,
    );
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    expect(await page.evaluate(() => document.body.textContent)).toContain(INJECTION);
  });

  test.each(['A4', 'Letter'] as const)('two rounds compared print on one %s page', async (format) => {
    await load(files.compare, 1280, 'light');
    expect(await pdfPages(format, 'compare')).toBe(1);
  });

  test('the history page draws the balance over the kept rounds for each role, with its table', async () => {
    await load(files.history, 1280, 'light');
    const found = await drawnCharts(['rounds-manager', 'rounds-rep']);
    const balances = historyJson.rounds.filter((r) => r.role === 'manager').map((r) => r.scores.balance);
    expect(found[0]?.tableRows).toBe(balances.length);
    expect(found[1]?.tableRows).toBe(historyJson.rounds.length - balances.length);
    for (const balance of balances) expect(found[0]?.svgText).toContain(formatNumber(balance));
    // The balance rose round after round, so each point stands higher than the one before.
    const tops = await page.$$eval('#rounds-manager circle.point', (points) =>
      points.map((p) => p.getBoundingClientRect().top),
    );
    expect(tops).toHaveLength(balances.length);
    for (let i = 1; i < tops.length; i++) expect(tops[i] ?? 0).toBeLessThan(tops[i - 1] ?? 0);
  });

  test('the Content-Security-Policy stops what a page would load, were anything to slip in', async () => {
    const tampered = join(work, 'tampered.html');
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      tampered,
      readFileSync(files.report, 'utf8').replace(
        '<body>',
        '<body><img src="https://example.com/pixel.png"><link rel="stylesheet" href="http://example.com/x.css"><script>document.title = "ran"</script>',
      ),
    );
    const loaded = await load(tampered, 1280, 'light');
    expect(loaded.requests).toEqual([]);
    expect(loaded.consoleErrors.length).toBeGreaterThanOrEqual(3);
    expect(loaded.consoleErrors.every((e) => e.includes('Content Security Policy'))).toBe(true);
    expect(await page.title()).not.toBe('ran');
  });
});
