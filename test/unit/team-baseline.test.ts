/** `team NOW --baseline BEFORE`: the change per view and per item, tested, and anonymity kept, through main(). */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../support/memory-io.js';

const SCORED: Record<string, number | string> = {
  'reach-financial-goals': 4,
  'follow-sales-process': 4,
  'held-accountable': 4,
  'pipeline-current': 4,
  'accurate-forecast': 3,
  'activity-levels': 3,
  'give-time': 2,
  'help-must-win-deals': 3,
  'remove-obstacles': 2,
  'coach-strugglers': 1,
  'time-for-most-in-need': 2,
  'protect-time-from-admin': 2,
  'everything-in-our-power': 3,
  'ask-before-deciding': 'review-their-numbers',
};

function answersFile(role: 'manager' | 'rep', changes: Record<string, number | string> = {}): string {
  const values = { ...SCORED, ...changes };
  const lines = Object.entries(values).map(([id, v]) => `  ${id}: ${v}`);
  return `bank: who-failed-whom\nbankVersion: 2\nrole: ${role}\nanswers:\n${lines.join('\n')}\n`;
}

/** A round: one manager and `reps` reps, each rep's answers changed as `rep(i)` says. */
function round(
  folder: string,
  reps: number,
  rep: (i: number) => Record<string, number | string> = () => ({}),
) {
  const files: Record<string, string> = { [`${folder}/manager.yaml`]: answersFile('manager') };
  for (let i = 0; i < reps; i++) files[`${folder}/rep-${i}.yaml`] = answersFile('rep', rep(i));
  return files;
}

async function team(argv: string[], files: Record<string, string>) {
  const io = memoryIo({ files });
  const code = await main(['team', ...argv], io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText, io };
}

const itemChange = (
  report: { items: { id: string; byRole: Record<string, { change?: unknown }> }[] },
  id: string,
  role: string,
) => report.items.find((i) => i.id === id)?.byRole[role]?.change;

describe('team --baseline', () => {
  test('five reps who all moved from 1 to 5 on an item: better; the others unchanged', async () => {
    const files = { ...round('before', 5), ...round('now', 5, () => ({ 'coach-strugglers': 5 })) };
    const { code, stdout, stderr } = await team(['now', '--baseline', 'before', '--format', 'json'], files);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(itemChange(report, 'coach-strugglers', 'rep')).toEqual({
      delta: 4,
      verdict: 'better',
      p: 0.0079,
      n: { before: 5, after: 5 },
    });
    // The manager answered the same both times: no change, and one answer is never enough to call one.
    expect(itemChange(report, 'coach-strugglers', 'manager')).toEqual({
      delta: 0,
      verdict: 'within-noise',
      p: 1,
      n: { before: 1, after: 1 },
    });
    expect(itemChange(report, 'give-time', 'rep')).toMatchObject({ delta: 0, verdict: 'within-noise' });
    expect(report.baseline).toMatchObject({
      source: 'before',
      kind: 'answers',
      bank: { id: 'who-failed-whom', version: 2 },
      respondents: { manager: 1, rep: 5 },
      alpha: 0.05,
      otherVersion: null,
    });
    // Every rep's balance moved the same way: the reps' view is better too, by what the report's balances say.
    const repView = report.scores.rep;
    expect(repView.change).toMatchObject({ verdict: 'better', n: { before: 5, after: 5 } });
    expect(repView.change.delta).toBeGreaterThan(0);
  });

  test('one rep of five moving one point: within noise', async () => {
    const files = {
      ...round('before', 5),
      ...round('now', 5, (i): Record<string, number> => (i === 0 ? { 'coach-strugglers': 2 } : {})),
    };
    const report = JSON.parse(
      (await team(['now', '--baseline', 'before', '--format', 'json'], files)).stdout,
    );
    expect(itemChange(report, 'coach-strugglers', 'rep')).toEqual({
      delta: 0.2,
      verdict: 'within-noise',
      p: 1,
      n: { before: 5, after: 5 },
    });
  });

  test('a single rep moving one point (with --min-group 1): within noise', async () => {
    const files = { ...round('before', 1), ...round('now', 1, () => ({ 'coach-strugglers': 2 })) };
    const args = ['now', '--baseline', 'before', '--format', 'json', '--min-group', '1'];
    const report = JSON.parse((await team(args, files)).stdout);
    expect(itemChange(report, 'coach-strugglers', 'rep')).toMatchObject({
      delta: 1,
      verdict: 'within-noise',
    });
  });

  test('five reps moving from 5 to 1: worse', async () => {
    const files = {
      ...round('before', 5, () => ({ 'give-time': 5 })),
      ...round('now', 5, () => ({ 'give-time': 1 })),
    };
    const report = JSON.parse(
      (await team(['now', '--baseline', 'before', '--format', 'json'], files)).stdout,
    );
    expect(itemChange(report, 'give-time', 'rep')).toMatchObject({ delta: -4, verdict: 'worse' });
  });

  test('anonymity: no change for the reps where either round has fewer than the minimum', async () => {
    const files = { ...round('before', 2), ...round('now', 5, () => ({ 'coach-strugglers': 5 })) };
    const { stdout } = await team(['now', '--baseline', 'before', '--format', 'json'], files);
    const report = JSON.parse(stdout);
    const withheld = { withheld: 'fewer than 3 reps answered in one of the rounds' };
    expect(itemChange(report, 'coach-strugglers', 'rep')).toEqual(withheld);
    expect(report.scores.rep.change).toEqual(withheld);
    // Nothing in the JSON gives the two reps' baseline figures away.
    expect(stdout).not.toMatch(/"delta": 4/);
    const text = (await team(['now', '--baseline', 'before'], files)).stdout;
    expect(text).toContain('reps     withheld: fewer than 3 reps answered in one of the rounds');
  });

  test('a team JSON report as the baseline gives the same changes as its folder', async () => {
    const files = {
      ...round('before', 5, (i) => ({ 'give-time': 1 + i })),
      ...round('now', 5, () => ({ 'coach-strugglers': 5, 'give-time': 5 })),
    };
    const first = await team(['before', '--format', 'json'], files);
    expect(first.code).toBe(0);
    const withJson = { ...files, 'before.json': first.stdout };
    const fromFolder = JSON.parse(
      (await team(['now', '--baseline', 'before', '--format', 'json'], files)).stdout,
    );
    const fromReport = JSON.parse(
      (await team(['now', '--baseline', 'before.json', '--format', 'json'], withJson)).stdout,
    );
    expect(fromReport.baseline.kind).toBe('report');
    expect(fromReport.items).toEqual(fromFolder.items);
    expect(fromReport.scores).toEqual(fromFolder.scores);
    expect(fromReport.scores.rep.change.verdict).toBe('better');
  });

  test('text and Markdown: a section on the change since last round, saying which test', async () => {
    const files = { ...round('before', 5), ...round('now', 5, () => ({ 'coach-strugglers': 5 })) };
    const text = (await team(['now', '--baseline', 'before'], files)).stdout;
    expect(text).toContain('Since last round (before: 1 manager, 5 reps)');
    expect(text.replace(/\s+/g, ' ')).toContain(
      "A change counts only when a two-sided Mann–Whitney test on the two rounds' answers passes at α = 0.05",
    );
    const section = text.slice(text.indexOf('Since last round'), text.indexOf('Perception gap'));
    expect(section).toMatch(
      /coaching the reps who struggle\n.*\n\s+reps\s+\+4\.00 {2}better \(p = 0\.0079, n = 5 → 5\)/,
    );
    const markdown = (await team(['now', '--baseline', 'before', '--format', 'markdown'], files)).stdout;
    expect(markdown).toContain('| coaching the reps who struggle | rep | +4.00 | better | 0.0079 | 5 → 5 |');
  });

  test('without --baseline the report has no change anywhere', async () => {
    const { stdout } = await team(['now', '--format', 'json'], round('now', 5));
    expect(stdout).not.toContain('"change"');
    expect(stdout).not.toContain('"baseline"');
  });

  test('a baseline of another bank: exit 2', async () => {
    const files = {
      ...round('now', 5),
      'before.json': JSON.stringify({
        ...JSON.parse((await team(['now', '--format', 'json'], round('now', 5))).stdout),
        bank: { id: 'other', version: 1, title: 'Other' },
      }),
    };
    const { code, stderr } = await team(['now', '--baseline', 'before.json'], files);
    expect(code).toBe(2);
    expect(stderr).toContain('before.json: the baseline is a round of bank "other", not "who-failed-whom"');
  });

  test('a damaged baseline report: exit 2, located', async () => {
    const report = JSON.parse((await team(['now', '--format', 'json'], round('now', 5))).stdout);
    report.items[0].byRole.rep.n = 'five';
    const text = JSON.stringify(report, null, 2);
    const { code, stderr } = await team(['now', '--baseline', 'before.json'], {
      ...round('now', 5),
      'before.json': text,
    });
    expect(code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('"five"')) + 1;
    expect(stderr).toMatch(new RegExp(`^before\\.json:${line}:\\d+: `, 'm'));
  });
});
