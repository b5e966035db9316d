/** `compare` and `history` as HTML pages, in-process through main(). */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { oneDecimal, signed } from '../../src/render/html/markup.js';
import { CONTENT_SECURITY_POLICY, HTML_REPORT_MARKER } from '../../src/render/html/page.js';
import { builtinBankText, edit } from '../support/helpers.js';
import { activeContent, unbalancedTags } from '../support/html-checks.js';
import { memoryIo } from '../support/memory-io.js';
import { AFTER, BEFORE, COACHING, DATA_DIR, EXAMPLE, FOLDER, ROUNDS } from '../support/round-fixtures.js';

const INJECTION = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const ATTRIBUTE_BREAKOUT = '" onmouseover="alert(2)';
const PAIR = { 'before.yaml': BEFORE, 'after.yaml': AFTER };

async function run(argv: string[], files: Record<string, string>, env: Record<string, string> = {}) {
  const io = memoryIo({ files, env: { WHO_FAILED_WHOM_DATA_DIR: DATA_DIR, ...env } });
  const code = await main(argv, io);
  return { code, out: io.stdoutText, err: io.stderrText, io };
}

/** The page of a run that must succeed quietly. */
async function page(argv: string[], files: Record<string, string>, env?: Record<string, string>) {
  const { code, out, err } = await run([...argv, '--format', 'html'], files, env);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return out;
}

async function json(argv: string[], files: Record<string, string>) {
  const { code, out } = await run([...argv, '--format', 'json'], files);
  expect(code).toBe(0);
  return JSON.parse(out);
}

/** One chart's markup, from its <figure> to its end. */
function figure(out: string, id: string): string {
  const start = out.indexOf(`<figure class="chart" id="${id}">`);
  if (start < 0) throw new Error(`no figure ${id}`);
  return out.slice(start, out.indexOf('</figure>', start));
}

const figureIds = (out: string) =>
  [...out.matchAll(/<figure class="chart" id="([\w-]+)">/g)].map((m) => m[1]);
const rowLabels = (chart: string) =>
  [...chart.matchAll(/<text class="label" x="0" y="\d+">([^<]+)<\/text>/g)].map((m) => m[1]);

/** Every chart names itself, describes itself in words, and carries its numbers as a table. */
function expectDescribed(chart: string, id: string) {
  expect(chart).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
  expect(chart).toMatch(/<title id="[\w-]+">[^<]+<\/title>\n<desc id="[\w-]+">[^<]+<\/desc>/);
  expect(chart).toMatch(/<table class="data">[\s\S]*<tbody>\n<tr>/);
}

describe('the compare page', () => {
  test('is one page: the marker first, a CSP that lets nothing load, and nothing that loads or runs', async () => {
    const out = await page(['compare', 'before.yaml', 'after.yaml'], PAIR);
    expect(out.startsWith(`<!DOCTYPE html>\n${HTML_REPORT_MARKER}\n`)).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
  });

  test('shows the change in both ledgers, the balance over the two rounds and what moved, each with its table', async () => {
    const out = await page(['compare', 'before.yaml', 'after.yaml'], PAIR);
    const report = await json(['compare', 'before.yaml', 'after.yaml'], PAIR);
    expect(figureIds(out)).toEqual(['ledgers', 'rounds', 'moves']);
    for (const id of ['ledgers', 'rounds', 'moves']) expectDescribed(figure(out, id), id);

    // The change, in the headline and as bars in proportion (a full bar is 86% of the width).
    expect(out).toContain(`<span class="big">${signed(report.change.balance)} <small>balance, now`);
    expect(signed(report.change.balance)).toBe('+8.3');
    const ledgers = figure(out, 'ledgers');
    for (const side of [report.before, report.after]) {
      expect(ledgers).toContain(`width="${Math.round(side.scores.given * 86) / 100}%"`);
    }
    expect(ledgers.match(/<rect class="bar bar-asked"/g)).toHaveLength(2);
    expect(ledgers).toContain(
      `<tr><th scope="row">What you give them</th><td class="num">${oneDecimal(report.before.scores.given)}</td><td class="num">${oneDecimal(report.after.scores.given)}</td><td class="num">${signed(report.change.given)}</td></tr>`,
    );

    // The two rounds on the balance line, named by their dates.
    const rounds = figure(out, 'rounds');
    expect(rounds.match(/<circle class="point"/g)).toHaveLength(2);
    expect(rounds).toContain('>Before · 2026-11-27</text>');
    expect(rounds).toContain('>After · 2027-02-27</text>');

    // What moved: one dumbbell per item, its words and the commitment made for it in the table.
    const moves = figure(out, 'moves');
    expect(moves.match(/<rect class="mark-a"/g)).toHaveLength(report.items.length);
    expect(rowLabels(moves)).toEqual(['coaching the reps who struggle']);
    expect(moves).toContain(
      `<tr><th scope="row">coaching the reps who struggle</th><td>1.0 · Never</td><td>4.0 · Usually</td><td class="num">+3.0</td><td>${COACHING} (you said: kept)</td></tr>`,
    );
  });

  test('lists each commitment with how it went, in words as well as colour', async () => {
    const out = await page(['compare', 'before.yaml', 'after.yaml'], PAIR);
    const section = out.slice(out.indexOf('id="commitments-heading"'));
    expect(section).toContain(`<strong>${COACHING}</strong><span class="badge badge-good">Kept</span>`);
    expect(section).toContain(
      'Coaching the reps who struggle went from Never to Usually (+3); you said: kept. Due 2027-03-01.',
    );
    expect(section).toContain('<p class="muted">Missed two weeks in January</p>');
    expect(section).toContain(
      '<strong>Ask each rep what they need from me</strong><span class="badge badge-none">No follow-up</span>',
    );
  });

  test('moves are drawn largest first, whatever the direction', async () => {
    const after = edit(
      edit(EXAMPLE, '  give-time: 2', '  give-time: 3'),
      '  held-accountable: 5',
      '  held-accountable: 2',
    );
    const files = { 'before.yaml': EXAMPLE, 'after.yaml': after };
    const out = await page(['compare', 'before.yaml', 'after.yaml'], files);
    expect(rowLabels(figure(out, 'moves'))).toEqual([
      'accountability for their commitments',
      'giving them your time',
    ]);
    expect(figure(out, 'moves')).toContain('<td class="num">−3.0</td>');
  });

  test('items on different answer scales get a chart each, never one axis', async () => {
    const bank = edit(
      edit(builtinBankText(), 'firmness:\n    min: 1\n    max: 5', 'firmness:\n    min: 1\n    max: 7'),
      '      5: Without exception\n',
      '      5: Without exception\n      6: Beyond that\n      7: Above all else\n',
    );
    const after = edit(
      edit(EXAMPLE, '  give-time: 2', '  give-time: 3'),
      '  held-accountable: 5',
      '  held-accountable: 2',
    );
    const files = { 'before.yaml': EXAMPLE, 'after.yaml': after, 'bank.yaml': bank };
    const out = await page(['compare', 'before.yaml', 'after.yaml', '--questions', 'bank.yaml'], files);
    expect(figureIds(out)).toEqual(['ledgers', 'rounds', 'moves', 'moves-2']);
    expect(figure(out, 'moves')).toContain('Answers on the scale (1–7)');
    expect(rowLabels(figure(out, 'moves'))).toEqual(['accountability for their commitments']);
    expect(figure(out, 'moves')).toContain('>7</text>');
    expect(figure(out, 'moves-2')).toContain('Answers on the scale (1–5)');
    expect(rowLabels(figure(out, 'moves-2'))).toEqual(['giving them your time']);
  });

  test('nothing moved: says so, and draws no dumbbell', async () => {
    const out = await page(['compare', 'before.yaml', 'after.yaml'], {
      'before.yaml': EXAMPLE,
      'after.yaml': EXAMPLE,
    });
    expect(out).toContain('Nothing moved: every item answered in both rounds has the same answer.');
    expect(figureIds(out)).toEqual(['ledgers', 'rounds']);
    expect(out).not.toContain('id="commitments-heading"');
  });

  test('rounds of two versions of the bank: the page says what was compared', async () => {
    const v2 = builtinBankText()
      .replace('version: 2', 'version: 3')
      .replace(/ {2}- id: activity-levels\n(?: {4}.*\n)+\n/, '');
    const after = edit(edit(AFTER, 'bankVersion: 2', 'bankVersion: 3'), '  activity-levels: 3\n', '');
    const out = await page(['compare', 'before.yaml', 'after.yaml', '--questions', 'v2.yaml'], {
      ...PAIR,
      'after.yaml': after,
      'v2.yaml': v2,
    });
    expect(out).toContain(
      '<p class="notice">The rounds were made for different versions of bank who-failed-whom (before: version 2; after: version 3), so they are compared on the 18 questions both list.</p>',
    );
  });

  test('-o writes the same page; it replaces an earlier one, and the same rounds give the same bytes', async () => {
    const out = await page(['compare', 'before.yaml', 'after.yaml'], PAIR);
    const first = await run(
      ['compare', 'before.yaml', 'after.yaml', '--format', 'html', '-o', 'c.html'],
      PAIR,
    );
    expect({ code: first.code, out: first.out }).toEqual({ code: 0, out: '' });
    expect(first.io.files.get('/mem/c.html')).toBe(out);
    const again = await run(['compare', 'before.yaml', 'after.yaml', '--format', 'html', '-o', 'c.html'], {
      ...PAIR,
      'c.html': out,
    });
    expect(again.code).toBe(0);
    expect(again.io.files.get('/mem/c.html')).toBe(out);
  });

  test('compare last: your last two kept rounds', async () => {
    const out = await page(['compare', 'last'], ROUNDS);
    expect(rowLabels(figure(out, 'moves'))).toEqual([
      'giving them your time',
      'coaching the reps who struggle',
    ]);
    expect(figure(out, 'rounds')).toContain('>After · 2027-05-28</text>');
  });
});

describe('the history page', () => {
  test('is one page, and per role draws the balance over the kept rounds with its table', async () => {
    const out = await page(['history'], ROUNDS);
    const report = await json(['history'], ROUNDS);
    expect(out.startsWith(`<!DOCTYPE html>\n${HTML_REPORT_MARKER}\n`)).toBe(true);
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
    expect(out).toContain(`4 rounds kept in ${FOLDER}`);
    expect(figureIds(out)).toEqual(['rounds-manager', 'rounds-rep']);
    for (const id of ['rounds-manager', 'rounds-rep']) expectDescribed(figure(out, id), id);

    const managers = report.rounds.filter((r: { role: string }) => r.role === 'manager');
    const balances: number[] = managers.map((r: { scores: { balance: number } }) => r.scores.balance);
    const manager = figure(out, 'rounds-manager');
    expect(manager.match(/<circle class="point"/g)).toHaveLength(3);
    expect(manager.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(3);
    expect(manager).toContain(
      `<desc id="rounds-manager-desc">3 rounds with a balance: from ${oneDecimal(balances[0] as number)} (2026-11-27) to ${oneDecimal(balances[2] as number)} (2027-05-28).</desc>`,
    );
    // The commitments made and how the last ones went, as text and markdown list them.
    expect(manager).toContain('<th scope="col">Commitments</th>');
    expect(manager).toContain('<td>1 commitment</td>');
    expect(manager).toContain('<td>1 kept</td>');
    expect(out).toContain(
      `<span class="big">${oneDecimal(balances[2] as number)} <small>of 100 balance on 2027-05-28</small>`,
    );
    expect(out).toContain(
      `${signed((balances[2] as number) - (balances[0] as number))} since the first of 3 rounds`,
    );

    const rep = figure(out, 'rounds-rep');
    expect(rep.match(/<circle class="point"/g)).toHaveLength(1);
    expect(rep).not.toContain('Commitments');
    expect(out).toContain('The only round kept so far.');
  });

  test('--role rep: only the rep’s rounds', async () => {
    const out = await page(['history', '--role', 'rep'], ROUNDS);
    expect(figureIds(out)).toEqual(['rounds-rep']);
    expect(out).toContain('As a rep, rating your manager');
  });

  test('no rounds yet: says so', async () => {
    const out = await page(['history'], {});
    expect(out).toContain('No rounds kept yet.');
    expect(figureIds(out)).toEqual([]);
  });

  test('a round that cannot be read is listed, the others still drawn', async () => {
    const damaged = `${FOLDER}/manager/2027-08-01T09-00-00Z.yaml`;
    const { code, out } = await run(['history', '--format', 'html'], {
      ...ROUNDS,
      [damaged]: 'answers:\n  give-time: [\n',
    });
    expect(code).toBe(0);
    expect(out).toContain('Skipped (1 could not be read)');
    expect(out).toMatch(new RegExp(`<li>${damaged}:\\d+:\\d+: [A-Z]`));
    expect(figure(out, 'rounds-manager').match(/<circle class="point"/g)).toHaveLength(3);
  });
});

describe('text from files is text on the compare and history pages', () => {
  const hostileBank = [
    ['title: Who Failed Whom?', `title: '${INJECTION}'`],
    ['label: coaching the reps who struggle', `label: '${INJECTION} ${ATTRIBUTE_BREAKOUT}'`],
    ['      4: Usually', `      4: '${INJECTION}'`],
  ].reduce((text, [from, to]) => edit(text, from as string, to as string), builtinBankText());
  const hostileBefore = edit(
    edit(BEFORE, `text: ${COACHING}`, `text: '${INJECTION}'`),
    '"2026-11-27"',
    `'${INJECTION}'`,
  );
  const hostileAfter = edit(
    edit(AFTER, `text: ${COACHING}`, `text: '${INJECTION}'`),
    'note: Missed two weeks in January',
    `note: '</li></ul><script>alert(3)</script> ${ATTRIBUTE_BREAKOUT}'`,
  );
  const hostileRounds = Object.fromEntries(
    Object.entries(ROUNDS).map(([path, text]) => [`/d${INJECTION}${path.slice(DATA_DIR.length)}`, text]),
  );

  test.each([
    [
      'a commitment, its follow-up note and a date',
      ['compare', 'before.yaml', 'after.yaml'],
      { 'before.yaml': hostileBefore, 'after.yaml': hostileAfter },
      {},
    ],
    [
      "a custom bank's title, an item's label and a scale word",
      ['compare', 'before.yaml', 'after.yaml', '--questions', 'bank.yaml'],
      { ...PAIR, 'bank.yaml': hostileBank },
      {},
    ],
    ['the data folder’s name', ['history'], hostileRounds, { WHO_FAILED_WHOM_DATA_DIR: `/d${INJECTION}` }],
    [
      "a custom bank's title on history",
      ['history', '--questions', 'bank.yaml'],
      { ...ROUNDS, 'bank.yaml': hostileBank },
      {},
    ],
  ])('%s', async (_what, argv, files, env) => {
    const out = await page(argv, files, env);
    expect(out).toContain(ESCAPED);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(activeContent(out)).toEqual([]);
    expect(unbalancedTags(out)).toEqual([]);
  });
});
