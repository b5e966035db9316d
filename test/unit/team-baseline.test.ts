/** `team NOW --baseline BEFORE`: the change per view and per item, tested, and anonymity kept, through main(). */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { BalanceTally } from '../../src/core/team-baseline.js';
import { answersOf, builtinBank } from '../support/helpers.js';
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

describe('team --baseline with --by: each team against the same team last round', () => {
  /** One team of a round: a manager and `reps` reps, in its own folder and with its team line. */
  function teamOf(
    folder: string,
    name: string,
    reps: number,
    rep: (i: number) => Record<string, number | string> = () => ({}),
  ): Record<string, string> {
    const withTeam = (text: string) => text.replace('answers:', `team: ${name}\nanswers:`);
    const files = round(`${folder}/${name.toLowerCase()}`, reps, rep);
    return Object.fromEntries(Object.entries(files).map(([path, text]) => [path, withTeam(text)]));
  }
  // East: six reps who all moved on coaching. West: five, unchanged (withheld beside North, the next smallest).
  // North: two reps, withheld. South: new this round.
  const files = {
    ...teamOf('before', 'East', 6),
    ...teamOf('before', 'West', 5),
    ...teamOf('before', 'North', 2),
    ...teamOf('now', 'East', 6, () => ({ 'coach-strugglers': 5 })),
    ...teamOf('now', 'West', 5),
    ...teamOf('now', 'North', 2, () => ({ 'coach-strugglers': 5 })),
    ...teamOf('now', 'South', 3),
  };
  interface Group {
    team: string;
    baseline: { respondents: { manager: number; rep: number } } | null;
    balances: Record<string, Record<string, number> | null>;
    scores: Record<string, { change?: unknown }>;
    items: { id: string; byRole: Record<string, { change?: unknown; n: number }> }[];
  }
  const groupsOf = (stdout: string) =>
    Object.fromEntries((JSON.parse(stdout).groups as Group[]).map((g) => [g.team, g]));
  const run = async (...argv: string[]) => {
    const result = await team(argv, files);
    expect(result.code).toBe(0);
    return result;
  };

  test('a team whose reps moved is better; a withheld team gets no change; a new team none at all', async () => {
    const { stdout, stderr } = await run('now', '--by', 'team', '--baseline', 'before', '--format', 'json');
    expect(stderr).toBe('');
    const groups = groupsOf(stdout);
    expect(itemChange(groups.East as Group, 'coach-strugglers', 'rep')).toEqual({
      delta: 4,
      verdict: 'better',
      p: 0.0022,
      n: { before: 6, after: 6 },
    });
    expect(groups.East?.baseline).toEqual({ respondents: { manager: 1, rep: 6 } });
    expect(groups.East?.scores.rep?.change).toMatchObject({ verdict: 'better', n: { before: 6, after: 6 } });
    // North's two reps moved as East's did: nothing of it is shown, and the reason is.
    const tooFew = { withheld: 'fewer than 3 reps answered in one of the rounds' };
    expect(itemChange(groups.North as Group, 'coach-strugglers', 'rep')).toEqual(tooFew);
    expect(groups.North?.scores.rep?.change).toEqual(tooFew);
    // West's reps are withheld in both rounds so that North's cannot be recovered: so is their change.
    expect(itemChange(groups.West as Group, 'coach-strugglers', 'rep')).toEqual({
      withheld: expect.stringMatching(/subtracting this team's from the org's would reveal them/),
    });
    expect(groups.South?.baseline).toBeNull();
    expect(JSON.stringify(groups.South)).not.toContain('"change"');
    // The org is compared as before.
    expect(JSON.parse(stdout).baseline).toMatchObject({ by: 'team', respondents: { manager: 3, rep: 13 } });
  });

  test("each team's own balances are in the JSON where its view is shown, never a withheld team's", async () => {
    const { stdout } = await run('now', '--by', 'team', '--format', 'json');
    const report = JSON.parse(stdout);
    const all = report.groups as (Group & {
      respondents: { rep: number };
      scores: Record<string, { withheld: string | null }>;
    })[];
    const hidden = all.filter((g) => g.scores.rep?.withheld !== null);
    // North (2 reps) and the next smallest team with it.
    expect(hidden.map((g) => g.team)).toEqual(['North', 'South']);
    let shownReps = 0;
    for (const group of all) {
      const reps = Object.values(group.balances.rep ?? {}).reduce((a, b) => a + b, 0);
      if (hidden.includes(group)) expect(group.balances.rep).toBeNull();
      else expect(reps).toBe(group.respondents.rep);
      shownReps += reps;
    }
    // The org's histogram less the shown teams' holds the hidden teams' reps together, never North's alone.
    const orgReps = Object.values(report.balances.rep as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(orgReps - shownReps).toBe(hidden.reduce((sum, g) => sum + g.respondents.rep, 0));
    expect(orgReps - shownReps).toBeGreaterThan(2);
  });

  test.each<[string, [string, number][], string[], boolean]>([
    [
      'one small team: the next smallest is withheld with it',
      [
        ['A', 5],
        ['B', 5],
        ['C', 2],
      ],
      ['A', 'C'],
      true,
    ],
    [
      "two teams, one small: the org's are withheld instead",
      [
        ['A', 5],
        ['C', 2],
      ],
      ['C'],
      false,
    ],
    [
      'no small team: all shown',
      [
        ['A', 5],
        ['B', 3],
      ],
      [],
      true,
    ],
  ])("respondents' balances across teams (%s)", (_name, sizes, hidden, orgShown) => {
    const tally = new BalanceTally(builtinBank());
    for (const [team, reps] of sizes) {
      tally.add(answersOf(SCORED, { role: 'manager' }), team);
      for (let i = 0; i < reps; i++)
        tally.add(answersOf({ ...SCORED, 'give-time': 1 + i }, { role: 'rep' }), team);
    }
    const shown = {
      respondents: 5,
      asked: 50,
      given: 50,
      balance: 100,
      leaning: 'balanced',
      withheld: null,
    } as const;
    const scores = { manager: shown, rep: shown };
    const org = tally.result(scores, 3);
    expect(org.rep !== null).toBe(orgShown);
    expect(org.manager).not.toBeNull();
    for (const [team, reps] of sizes) {
      const own = tally.groupResult(team, scores, 3);
      if (hidden.includes(team)) expect(own.rep).toBeNull();
      else expect(Object.values(own.rep ?? {}).reduce((a, b) => a + b, 0)).toBe(reps);
      expect(Object.values(own.manager ?? {}).reduce((a, b) => a + b, 0)).toBe(1);
    }
    // A view the report withholds has no balances either.
    expect(
      tally.groupResult('A', { manager: shown, rep: { respondents: 5, withheld: 'x' } }, 3).rep,
    ).toBeNull();
  });

  test("last round's JSON report, made with --by team, gives every team the same changes as its folders", async () => {
    const first = await run('before', '--by', 'team', '--format', 'json');
    const withJson = { ...files, 'before.json': first.stdout };
    const fromReport = await team(
      ['now', '--by', 'team', '--baseline', 'before.json', '--format', 'json'],
      withJson,
    );
    const fromFolder = await run('now', '--by', 'team', '--baseline', 'before', '--format', 'json');
    expect(fromReport.stderr).toBe('');
    expect(groupsOf(fromReport.stdout)).toEqual(groupsOf(fromFolder.stdout));
  });

  test('a baseline report made without --by: only the org is compared, and stderr says so', async () => {
    const first = await run('before', '--format', 'json');
    const { stdout, stderr, code } = await team(
      ['now', '--by', 'team', '--baseline', 'before.json', '--format', 'json'],
      { ...files, 'before.json': first.stdout },
    );
    expect(code).toBe(0);
    expect(stderr).toContain(
      'before.json: the baseline report was made without --by, so only the org is compared with it, not each team.',
    );
    const report = JSON.parse(stdout);
    expect(report.scores.rep.change).toBeDefined();
    for (const group of report.groups as Group[]) expect(JSON.stringify(group)).not.toContain('"change"');
  });

  test('--by folder: each folder against the same folder last round', async () => {
    const { stdout } = await run('now', '--by', 'folder', '--baseline', 'before', '--format', 'json');
    const groups = groupsOf(stdout);
    expect(Object.keys(groups)).toEqual(['east', 'north', 'south', 'west']);
    expect(itemChange(groups.east as Group, 'coach-strugglers', 'rep')).toMatchObject({ verdict: 'better' });
    expect(groups.south?.baseline).toBeNull();
  });

  test('--by folder: files right in the two rounds’ folders are one group, whatever the folders are called', async () => {
    const flat = {
      ...round('2026-Q4', 5),
      ...round('2027-Q1', 5, () => ({ 'coach-strugglers': 5 })),
    };
    const { stdout, code } = await team(
      ['2027-Q1', '--by', 'folder', '--baseline', '2026-Q4', '--format', 'json'],
      flat,
    );
    expect(code).toBe(0);
    const groups = groupsOf(stdout);
    expect(groups['2027-Q1']?.baseline).toEqual({ respondents: { manager: 1, rep: 5 } });
    expect(itemChange(groups['2027-Q1'] as Group, 'coach-strugglers', 'rep')).toMatchObject({
      verdict: 'better',
    });
  });

  test.each<[string, RegExp[]]>([
    [
      'text',
      [
        /Team East[\s\S]*Since last round \(then 1 manager, 6 reps\)\n[\s\S]*coaching the reps who struggle, reps: \+4\.00 better \(p = 0\.0022, n = 6 → 6\)[\s\S]*Team North/,
        /Team South[\s\S]*Since last round: no team of this name in the baseline round\./,
      ],
    ],
    [
      'markdown',
      [
        /### Team East[\s\S]*#### Since last round \(then 1 manager, 6 reps\)[\s\S]*\| coaching the reps who struggle \(reps\) \| \+4\.00 \| better \| 0\.0022 \| 6 → 6 \|[\s\S]*### Team North/,
        /### Team North[\s\S]*\| \*\*the reps' balance\*\* \| – \| withheld: fewer than 3 reps answered in one of the rounds \|/,
      ],
    ],
    [
      'html',
      [
        /<h2 id="baseline-heading">Since last round<\/h2>/,
        /<span class="group-name">East<\/span>[\s\S]*<h4>Since last round <span class="muted">\(then 1 manager, 6 reps\)<\/span><\/h4>[\s\S]*<th scope="row">coaching the reps who struggle \(reps\)<\/th><td class="num">\+4\.00<\/td><td>better \(p = 0\.0022; n = 6 → 6\)<\/td>[\s\S]*<span class="group-name">North<\/span>/,
        /<span class="group-name">South<\/span>[\s\S]*No team of this name in the baseline round\./,
      ],
    ],
  ])("%s: each team's change since last round in its own section", async (format, patterns) => {
    const { stdout } = await run('now', '--by', 'team', '--baseline', 'before', '--format', format);
    for (const pattern of patterns) expect(stdout).toMatch(pattern);
  });
});
