/**
 * A whole sales org through `team`, in-process (main() on an in-memory Io): groups by team and by folder,
 * anonymity within and across groups (nothing recoverable by subtraction), the comments minimum, agreement.
 * Every expected figure is computed here from the answers the test writes.
 */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { escapeHtml } from '../../src/render/html/markup.js';
import { builtinBank, random } from '../support/helpers.js';
import { activeContent, unbalancedTags } from '../support/html-checks.js';
import { memoryIo } from '../support/memory-io.js';

const bank = builtinBank();
const rated = bank.questions.filter((q) => q.side !== undefined && q.rep !== undefined);

type Values = Record<string, number | string>;
interface Person {
  role: 'manager' | 'rep';
  team?: string;
  values: Values;
}

/** An answers file as `template` would write it, with the team line when given. */
function answersFile(person: Person): string {
  const lines = ['bank: who-failed-whom', `role: ${person.role}`];
  if (person.team !== undefined) lines.push(`team: ${person.team}`);
  lines.push('answers:');
  for (const [id, value] of Object.entries(person.values)) {
    lines.push(`  ${id}: ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every rated item at a deterministic random point (a choice by the choice nearest it). */
function randomValues(next: () => number): Values {
  return Object.fromEntries(
    rated.map((q) => {
      const point = 1 + Math.floor(next() * 5);
      if (q.type !== 'choice') return [q.id, point];
      const scored = (q.choices ?? []).filter((c) => c.score !== undefined);
      const choice = scored[Math.floor(next() * scored.length)];
      return [q.id, choice?.value ?? ''];
    }),
  );
}

interface Report {
  respondents: { manager: number; rep: number };
  scores: Record<string, { withheld: string | null; balance?: number }>;
  items: { id: string; byRole: Record<string, Stats> }[];
  reflections: { id: string; role: string; answers: string[]; withheld: string | null }[];
  groups: (Omit<Report, 'groups'> & { team: string; withheld: { part: string; id: string | null }[] })[];
  perceptionGaps: { id: string; gap: number; rep: number }[];
  balances?: Record<string, Record<string, number> | null>;
}
interface Stats {
  n: number;
  mean: number | null;
  distribution: Record<string, number> | null;
  agreement: { rwg: number; band: string } | null;
  favourable: number | null;
  withheld: string | null;
}

async function run(files: Record<string, string>, ...argv: string[]) {
  const io = memoryIo({ files });
  const code = await main(['team', ...argv, '--format', 'json'], io);
  if (code !== 0) throw new Error(`exit ${code}: ${io.stderrText}`);
  return JSON.parse(io.stdoutText) as Report;
}

function folderOf(people: Person[], folder: (p: Person, i: number) => string): Record<string, string> {
  return Object.fromEntries(people.map((p, i) => [`${folder(p, i)}/p${i}.yaml`, answersFile(p)]));
}

// ---- Three teams: A (1 manager, 5 reps), B (1 manager, 5 reps), C (1 manager, 2 reps) ---------------------

const next = random(14);
const teamSizes: [string, number][] = [
  ['A', 5],
  ['B', 5],
  ['C', 2],
];
const org: Person[] = teamSizes.flatMap(([team, reps]) => [
  { role: 'manager' as const, team, values: randomValues(next) },
  ...Array.from({ length: reps }, (_, i) => ({
    role: 'rep' as const,
    team,
    values: { ...randomValues(next), 'what-we-owe': `${team} rep ${i}: more time` },
  })),
]);
const cReps = org.filter((p) => p.team === 'C' && p.role === 'rep');

/** C's reps' true histogram of an item, keyed as the report keys distributions. */
function trueDistribution(id: string, people: Person[]): Record<string, number> {
  const q = bank.questions.find((candidate) => candidate.id === id);
  const keys = q?.type === 'choice' ? (q.choices ?? []).map((c) => c.value) : ['1', '2', '3', '4', '5'];
  const out = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const p of people) {
    const key = String(p.values[id]);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const minus = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));

/** Every subset of a list. */
function subsets<T>(items: T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const s of [...all]) all.push([...s, item]);
  return all;
}

describe('--by team: three teams in one folder', () => {
  const files = folderOf(org, () => 'retro');

  test('one group per team, with its respondents per role; the org counts everyone', async () => {
    const report = await run(files, 'retro', '--by', 'team');
    expect(report.groups.map((g) => [g.team, g.respondents])).toEqual([
      ['A', { manager: 1, rep: 5 }],
      ['B', { manager: 1, rep: 5 }],
      ['C', { manager: 1, rep: 2 }],
    ]);
    expect(report.respondents).toEqual({ manager: 3, rep: 12 });
  });

  test("C's reps' figures are withheld: every item, their view and their comments", async () => {
    const report = await run(files, 'retro', '--by', 'team');
    const c = report.groups.find((g) => g.team === 'C');
    expect(c?.scores.rep?.withheld).toMatch(/fewer than 3 reps/);
    for (const item of c?.items.filter((i) => i.byRole.rep && i.byRole.rep.n > 0) ?? []) {
      expect(item.byRole.rep).toMatchObject({ mean: null, distribution: null, withheld: expect.any(String) });
    }
    expect(c?.reflections.find((r) => r.role === 'rep')).toMatchObject({
      answers: [],
      withheld: expect.any(String),
    });
    expect(c?.perceptionGaps).toEqual([]);
  });

  test("no figure in the JSON recovers C's reps' answers, by any subtraction", async () => {
    const report = await run(files, 'retro', '--by', 'team');
    const shownGroups = (id: string) =>
      report.groups.flatMap((g) => {
        const stats = g.items.find((i) => i.id === id)?.byRole.rep;
        return stats?.distribution ? [{ team: g.team, stats }] : [];
      });
    let attempts = 0;
    for (const q of rated) {
      const truth = trueDistribution(q.id, cReps);
      const orgStats = report.items.find((i) => i.id === q.id)?.byRole.rep as Stats;
      expect(shownGroups(q.id).map((g) => g.team)).not.toContain('C');
      // The org's histogram minus any set of shown teams' histograms.
      for (const subset of subsets(shownGroups(q.id))) {
        if (!orgStats.distribution) continue;
        attempts += 1;
        const rest = subset.reduce((acc, g) => minus(acc, g.stats.distribution ?? {}), orgStats.distribution);
        expect(rest).not.toEqual(truth);
        // The same through the means, (N·mean − Σ n·mean) / n_C, needs the residual to hold C's reps alone.
        const left = orgStats.n - subset.reduce((acc, g) => acc + g.stats.n, 0);
        if (orgStats.mean !== null) expect(left).not.toBe(cReps.length);
      }
    }
    expect(attempts).toBeGreaterThan(0);
    // The respondents' own balances (what a later round's change is tested on): what the org's histogram less
    // the shown teams' leaves is never C's reps alone.
    const size = (h: Record<string, number> | null | undefined) =>
      Object.values(h ?? {}).reduce((a, b) => a + b, 0);
    const shownBalances = report.groups.filter((g) => g.balances?.rep);
    expect(report.groups.find((g) => g.team === 'C')?.balances?.rep).toBeNull();
    for (const subset of subsets(shownBalances)) {
      if (!report.balances?.rep) continue;
      const left = size(report.balances.rep) - subset.reduce((acc, g) => acc + size(g.balances?.rep), 0);
      expect(left).not.toBe(cReps.length);
    }
    // The comments: the org's minus any shown team's never leaves exactly C's.
    const cTexts = cReps.map((p) => String(p.values['what-we-owe'])).sort();
    const orgTexts =
      report.reflections.find((r) => r.id === 'what-we-owe' && r.role === 'rep')?.answers ?? [];
    const shownTexts = report.groups.flatMap((g) => {
      const r = g.reflections.find((x) => x.id === 'what-we-owe' && x.role === 'rep');
      return r && r.withheld === null ? [r.answers] : [];
    });
    for (const subset of subsets(shownTexts)) {
      const taken = new Set(subset.flat());
      expect(orgTexts.filter((t) => !taken.has(t)).sort()).not.toEqual(cTexts);
    }
  });

  test('the attack works: with --min-group 2 nothing is withheld, and the org minus A and B is C', async () => {
    const report = await run(files, 'retro', '--by', 'team', '--min-group', '2');
    for (const q of rated) {
      const dist = (stats?: Stats) => stats?.distribution ?? {};
      const of = (team: string) =>
        report.groups.find((g) => g.team === team)?.items.find((i) => i.id === q.id);
      const orgDist = dist(report.items.find((i) => i.id === q.id)?.byRole.rep);
      const rest = minus(minus(orgDist, dist(of('A')?.byRole.rep)), dist(of('B')?.byRole.rep));
      expect(rest).toEqual(trueDistribution(q.id, cReps));
    }
  });

  test('what is withheld to protect C says why, in the group and its view', async () => {
    const report = await run(files, 'retro', '--by', 'team');
    const protecting = report.groups.filter((g) =>
      g.items.some((i) => /subtract/.test(i.byRole.rep?.withheld ?? '')),
    );
    const orgWithheld = report.items.filter((i) =>
      /subtract|give theirs back/.test(i.byRole.rep?.withheld ?? ''),
    );
    // Either a second team or the org figure is withheld on every item C's reps answered.
    for (const q of rated) {
      const second = protecting.some((g) => g.items.find((i) => i.id === q.id)?.byRole.rep?.withheld);
      const atOrg = orgWithheld.some((i) => i.id === q.id);
      expect(second || atOrg).toBe(true);
    }
  });

  test('without --by there are no groups, and the org figures are as before', async () => {
    const report = await run(files, 'retro');
    expect(report.groups).toBeNull();
    const give = report.items.find((i) => i.id === 'give-time')?.byRole.rep;
    expect(give?.distribution).toEqual(
      trueDistribution(
        'give-time',
        org.filter((p) => p.role === 'rep'),
      ),
    );
  });

  test('a respondent with no team: is grouped as (no team)', async () => {
    const report = await run(
      { ...files, 'retro/x.yaml': answersFile({ role: 'manager', values: randomValues(next) }) },
      'retro',
      '--by',
      'team',
    );
    expect(report.groups.map((g) => g.team)).toContain('(no team)');
  });
});

describe('nothing withheld reaches any format (the page and its charts included)', () => {
  /** The org with one rep's answers (figures and comment) traded between a rep of `from` and one of `to`. */
  function traded(from: string, to: string): Record<string, string> {
    const people = org.map((p) => ({ ...p }));
    const a = people.findIndex((p) => p.team === from && p.role === 'rep');
    const b = people.findIndex((p) => p.team === to && p.role === 'rep');
    const [pa, pb] = [people[a] as Person, people[b] as Person];
    [people[a], people[b]] = [
      { ...pa, values: pb.values },
      { ...pb, values: pa.values },
    ];
    return folderOf(people, () => 'retro');
  }
  async function outputs(files: Record<string, string>) {
    const out: Record<string, string> = {};
    for (const format of ['json', 'text', 'markdown', 'html']) {
      const io = memoryIo({ files });
      expect(await main(['team', 'retro', '--by', 'team', '--format', format], io)).toBe(0);
      out[format] = io.stdoutText;
    }
    return out;
  }

  test("trading answers between the two teams whose reps are withheld changes no byte of any format; a shown team's does", async () => {
    const report = await run(
      folderOf(org, () => 'retro'),
      'retro',
      '--by',
      'team',
    );
    const hidden = report.groups.filter((g) => g.scores.rep?.withheld !== null).map((g) => g.team);
    const shown = report.groups.filter((g) => g.scores.rep?.withheld === null).map((g) => g.team);
    expect(hidden).toHaveLength(2);
    expect(hidden).toContain('C');
    const original = await outputs(folderOf(org, () => 'retro'));
    // The org's figures are the same sum, and each hidden team shows only its counts.
    expect(await outputs(traded(hidden[0] as string, hidden[1] as string))).toEqual(original);
    // The check can fail: a trade that moves answers into a team that is shown changes what it shows.
    const moved = await outputs(traded(shown[0] as string, 'C'));
    for (const format of Object.keys(original)) expect(moved[format]).not.toBe(original[format]);
  });
});

describe('HTML: each team folded under its one-line summary', () => {
  const files = folderOf(org, () => 'retro');

  test('a section per team, in order; a shown team draws its perception gaps, a withheld one says why and draws none', async () => {
    const io = memoryIo({ files });
    expect(await main(['team', 'retro', '--by', 'team', '--format', 'html'], io)).toBe(0);
    const page = io.stdoutText;
    expect(activeContent(page)).toEqual([]);
    expect(unbalancedTags(page)).toEqual([]);
    const report = await run(files, 'retro', '--by', 'team');
    const sections = [...page.matchAll(/<details class="group" id="team-(\d+)">([\s\S]*?)<\/details>/g)];
    expect(sections.map((m) => m[2]?.match(/<span class="group-name">([^<]*)<\/span>/)?.[1])).toEqual(
      report.groups.map((g) => g.team),
    );
    report.groups.forEach((group, i) => {
      const section = sections[i]?.[2] ?? '';
      const owedRated = group.items.filter(
        (item) => bank.questions.find((q) => q.id === item.id)?.side === 'owed' && item.byRole.manager?.n,
      );
      // Every owed item the manager rated is a row of the perception table, the reps' mean or "withheld".
      const table = section.slice(section.lastIndexOf('<table class="data">'));
      expect(table.match(/<tr><th scope="row">/g)).toHaveLength(owedRated.length);
      if (group.scores.rep?.withheld === null) {
        expect(section).toContain(`id="team-${i + 1}-perception"`);
        expect(section.match(/<circle class="mark-b"/g)).toHaveLength(group.perceptionGaps.length);
        expect(section).toContain('What the reps see most differently');
      } else {
        expect(section).not.toContain('<figure');
        expect(section).toContain(
          `Reps</strong> (${group.respondents.rep} answers): withheld, ${escapeHtml(group.scores.rep?.withheld ?? '')}.`,
        );
        expect(section).toMatch(/Withheld, and why[\s\S]*reps&#39; figures on every item they answered/);
        expect(table).not.toMatch(/<td class="num">\d\.\d<\/td><td class="num">\d\.\d<\/td>/);
      }
    });
  });
});

describe('--by folder', () => {
  test('one group per folder under the path given; files right in it take its name', async () => {
    const people: Person[] = [
      { role: 'manager', values: randomValues(next) },
      ...Array.from({ length: 3 }, () => ({ role: 'rep' as const, values: randomValues(next) })),
    ];
    const files = {
      ...folderOf(people, () => 'org/east'),
      ...Object.fromEntries(people.map((p, i) => [`org/west/berlin/q${i}.yaml`, answersFile(p)])),
      'org/vp.yaml': answersFile({ role: 'manager', values: randomValues(next) }),
    };
    const report = await run(files, 'org', '--by', 'folder');
    expect(report.groups.map((g) => [g.team, g.respondents])).toEqual([
      ['east', { manager: 1, rep: 3 }],
      ['org', { manager: 1, rep: 0 }],
      ['west/berlin', { manager: 1, rep: 3 }],
    ]);
  });
});

describe('comments minimum', () => {
  const team: Person[] = [
    { role: 'manager', team: 'D', values: { 'what-we-owe': 'Time.' } },
    ...['One', 'Two', 'Three', 'Four'].map((word) => ({
      role: 'rep' as const,
      team: 'D',
      values: { 'give-time': 3, 'what-we-owe': `${word} hour a week` },
    })),
  ];
  const files = folderOf(team, () => 'd');
  const repComments = (r: Report) => r.reflections.find((x) => x.role === 'rep' && x.id === 'what-we-owe');

  test.each<[string, string[], string[] | null]>([
    ['withheld from a team of 4 reps by default (5)', [], null],
    [
      'shown with --min-comments 3',
      ['--min-comments', '3'],
      ['Four hour a week', 'One hour a week', 'Three hour a week', 'Two hour a week'],
    ],
    ['withheld again with --min-comments 3 --min-group 5', ['--min-comments', '3', '--min-group', '5'], null],
  ])('%s', async (_name, extra, shown) => {
    for (const by of [[], ['--by', 'team']]) {
      const report = await run(files, 'd', ...by, ...extra);
      const comments =
        by.length > 0 ? repComments(report.groups[0] as unknown as Report) : repComments(report);
      if (shown) expect(comments).toMatchObject({ answers: shown, withheld: null });
      else
        expect(comments).toMatchObject({
          answers: [],
          withheld: expect.stringMatching(/fewer than \d reps wrote one/),
        });
    }
  });
});

describe('comments minimum, in every format', () => {
  // Team D's four reps wrote comments; team E, five reps, is there so the org's comments are shown apart from D's.
  const people: Person[] = [
    ...['One', 'Two', 'Three', 'Four'].map((word) => ({
      role: 'rep' as const,
      team: 'D',
      values: { 'give-time': 3, 'what-we-owe': `${word} hour a week` },
    })),
    ...Array.from({ length: 5 }, (_, i) => ({
      role: 'rep' as const,
      team: 'E',
      values: { 'give-time': 3, 'what-we-owe': `Team E note ${i}` },
    })),
  ];
  const files = folderOf(people, () => 'org');
  const dWords = ['One hour a week', 'Two hour a week', 'Three hour a week', 'Four hour a week'];

  test.each(['text', 'markdown', 'html'])(
    "%s: team D's four reps' comments withheld by default, in its section with --min-comments 3",
    async (format) => {
      const render = async (...extra: string[]) => {
        const io = memoryIo({ files });
        expect(await main(['team', 'org', '--by', 'team', '--format', format, ...extra], io)).toBe(0);
        return io.stdoutText;
      };
      const hidden = await render();
      for (const words of dWords) expect(hidden).not.toContain(words);
      expect(hidden).toMatch(/fewer than 5 reps wrote one/);
      const shown = await render('--min-comments', '3');
      const section = shown.slice(
        shown.search(/Team D|group-name">D</),
        shown.search(/Team E|group-name">E</),
      );
      for (const words of dWords) expect(section).toContain(words);
    },
  );
});

describe('agreement through the team report', () => {
  test.each<[number[], { rwg: number; band: string }]>([
    [[1, 1, 5, 5, 3], { rwg: 0, band: 'none' }],
    [[4, 4, 4, 4, 4], { rwg: 1, band: 'very strong' }],
  ])('five reps answering %j on giving time → %j', async (points, agreement) => {
    const people: Person[] = points.map((p) => ({ role: 'rep', values: { 'give-time': p } }));
    const report = await run(
      folderOf(people, () => 'team'),
      'team',
    );
    expect(report.items.find((i) => i.id === 'give-time')?.byRole.rep?.agreement).toEqual(agreement);
  });
});

describe('the report’s first screen, in text and Markdown', () => {
  // One manager, five reps; the reps rate coaching far below the manager, time a little below.
  const manager: Person = {
    role: 'manager',
    team: 'A',
    values: { 'coach-strugglers': 4, 'give-time': 4, 'ask-before-deciding': 'talk-it-through' },
  };
  const reps: Person[] = [1, 1, 2, 2, 1].map((p, i) => ({
    role: 'rep',
    team: 'A',
    values: {
      'coach-strugglers': p,
      'give-time': i < 3 ? 3 : 4,
      'ask-before-deciding': i < 3 ? 'review-their-numbers' : 'talk-it-through',
    },
  }));
  const files = folderOf([manager, ...reps], () => 'a');
  const coaching = bank.questions.find((q) => q.id === 'coach-strugglers');

  async function render(format: string, ...extra: string[]) {
    const io = memoryIo({ files });
    expect(await main(['team', 'a', '--format', format, ...extra], io)).toBe(0);
    return io.stdoutText;
  }

  test.each(['text', 'markdown'])(
    '%s opens with both balances, then the widest gap in words and what to discuss',
    async (format) => {
      const out = await render(format);
      const head = out.slice(0, out.indexOf('Per item'));
      expect(head).toMatch(/1 manager, 5 reps/);
      expect(head).toMatch(/you[^\n]*44|Balance|View/);
      // coaching: manager 4 (Usually), reps' mean 1.4 → Never.
      expect(head).toMatch(/coaching the reps who struggle\**:?\s+you: usually; your\s+reps: never/);
      expect(head).toContain((coaching?.discuss ?? 'no discuss').slice(0, 40));
      // The choice item speaks in labels: most reps chose "review their numbers".
      expect(head).toMatch(/your\s+reps: review\s+their\s+activity/);
      expect(head.indexOf('coaching')).toBeLessThan(head.indexOf('giving them your time'));
    },
  );

  test.each(['text', 'markdown'])(
    '%s: no "manager(s)", no one-person statistic, choice labels not ids',
    async (format) => {
      const out = await render(format);
      expect(out).not.toMatch(/\(s\)/);
      expect(out).not.toMatch(/n=1 · |n=1 mean|mean 4\.0 · [^\n]*you/);
      expect(out).not.toMatch(/talk-it-through|review-their-numbers/);
      expect(out).toMatch(/you: Talk it through with them|\| Talk it through with them/);
    },
  );

  test('Markdown folds the per-item detail after the first screen', async () => {
    const out = await render('markdown');
    expect(out.indexOf('<details>')).toBeGreaterThan(out.indexOf('What your reps see most differently'));
    expect(out).toMatch(/<details>\n<summary>Per item<\/summary>/);
  });

  test('three reps are marked indicative', async () => {
    const io = memoryIo({ files: folderOf([manager, ...reps.slice(0, 3)], () => 'a') });
    await main(['team', 'a'], io);
    expect(io.stdoutText).toMatch(/your reps: n=3 ·[^\n]*\n?[^\n]*indicative/);
  });
});

describe('the org summary: ranked table and heatmap', () => {
  const people: Person[] = ['East', 'West'].flatMap((team, t) => [
    { role: 'manager' as const, team, values: { 'give-time': 5, 'coach-strugglers': 5 } },
    ...Array.from({ length: 3 }, () => ({
      role: 'rep' as const,
      team,
      values: { 'give-time': 2 + t, 'coach-strugglers': 1 + t },
    })),
  ]);
  const files = folderOf(people, () => 'org');

  test('JSON: one row per team, least balanced first, and a teams × owed items grid of gaps', async () => {
    const report = (await run(files, 'org', '--by', 'team')) as unknown as {
      summary: {
        ranking: { team: string; widestGap: { id: string; gap: number } }[];
        heatmap: { items: { id: string }[]; rows: { team: string; gaps: (number | null)[] }[] };
      };
    };
    expect(report.summary.ranking.map((r) => [r.team, r.widestGap])).toEqual([
      ['East', { id: 'coach-strugglers', label: expect.any(String), gap: 4 }],
      ['West', { id: 'coach-strugglers', label: expect.any(String), gap: 3 }],
    ]);
    const column = (id: string) => report.summary.heatmap.items.findIndex((i) => i.id === id);
    const east = report.summary.heatmap.rows.find((r) => r.team === 'East')?.gaps ?? [];
    expect(east[column('give-time')]).toBe(3);
    expect(east[column('coach-strugglers')]).toBe(4);
    expect(east[column('remove-obstacles')]).toBeNull();
  });

  test.each<[string, RegExp]>([
    ['text', /East\s+[\d.–]+\s+[\d.–]+\s+\+4\.0 coaching[\s\S]*East\s+\+3\.0\s+[^\n]*\+4\.0/],
    [
      'markdown',
      /\| East \| 1 \| 3 \|[^\n]*\+4\.0 coaching[\s\S]*### Perception gap by team[\s\S]*\| East \| \+3\.0 \| – \| – \| \+4\.0 \|/,
    ],
  ])('%s shows both', async (format, pattern) => {
    const io = memoryIo({ files });
    await main(['team', 'org', '--by', 'team', '--format', format], io);
    expect(io.stdoutText).toMatch(pattern);
  });
});

describe('text at 40 and 80 columns', () => {
  const long = 'The enterprise accounts team of the west coast';
  const people: Person[] = [long, 'B', 'C'].flatMap((team, t) => [
    { role: 'manager' as const, team, values: randomValues(next) },
    ...Array.from({ length: [5, 5, 2][t] ?? 0 }, () => ({
      role: 'rep' as const,
      team,
      values: randomValues(next),
    })),
  ]);
  const files = { ...folderOf(people, () => 'now'), ...folderOf(people, () => 'before') };

  test.each([40, 80])(
    'at %p columns no line is wider, and the summary holds every team and item',
    async (width) => {
      const io = memoryIo({ files });
      io.stdout.columns = width;
      expect(await main(['team', 'now', '--by', 'team', '--baseline', 'before'], io)).toBe(0);
      const lines = io.stdoutText.split('\n');
      expect(lines.filter((line) => [...line].length > width)).toEqual([]);
      const ranked = lines.slice(lines.indexOf('Teams, least balanced first'));
      // A long team name is never cut: a line of its own when it does not fit its column.
      expect(ranked.join(' ').replace(/\s+/g, ' ')).toContain(long);
      const grid = ranked.slice(ranked.findIndex((l) => l.startsWith('Perception gap by team')));
      const owed = bank.questions.filter((q) => q.side === 'owed' && q.scale).length;
      // Every owed item is named under the grid by its number, and every team has its row or lines.
      const numbered = grid
        .filter((line) => /^ {2}[ \d]\d [a-z]/.test(line))
        .map((line) => Number(line.slice(2, 4)));
      expect(numbered).toEqual(Array.from({ length: owed }, (_, i) => i + 1));
      for (const team of ['B', 'C'])
        expect(grid.some((line) => new RegExp(`^ {2}${team}( |$)`).test(line))).toBe(true);
      expect(grid.join(' ').replace(/\s+/g, ' ')).toContain(long);
    },
  );
});

describe('--roster: response rates, and who has not answered with --show-names', () => {
  const named = (name: string, team: string, role: 'manager' | 'rep'): string =>
    answersFile({ role, team, values: { 'give-time': 3 } }).replace(
      'answers:',
      `respondent: ${name}\nanswers:`,
    );
  const files = {
    'r/1.yaml': named('Ada', 'East', 'manager'),
    'r/2.yaml': named('Bo', 'East', 'rep'),
    'r/3.yaml': named('cy@example.com', 'East', 'rep'),
    'r/4.yaml': named('Dee', 'West', 'manager'),
    'roster.csv': [
      'Name,Email,Role,Team',
      'Ada,ada@example.com,manager,East',
      'Bo,,rep,East',
      'Cy,CY@example.com,rep,East',
      'Eve,eve@example.com,rep,East',
      'Dee,,manager,West',
      'Fay,,rep,West',
      'Gus,,rep,North',
    ].join('\n'),
  };
  const rates = (r: { responseRate?: unknown; groups: { team: string; responseRate?: unknown }[] }) => ({
    org: r.responseRate,
    groups: Object.fromEntries(r.groups.map((g) => [g.team, g.responseRate])),
  });

  test('per team (a team on the roster that has not answered included) and overall', async () => {
    const report = await run(files, 'r', '--by', 'team', '--roster', 'roster.csv');
    expect(rates(report as never)).toEqual({
      org: { invited: 7, responded: 4, rate: 57 },
      groups: {
        East: { invited: 4, responded: 3, rate: 75 },
        North: { invited: 1, responded: 0, rate: 0 },
        West: { invited: 2, responded: 1, rate: 50 },
      },
    });
    expect((report as unknown as { nonResponders?: unknown }).nonResponders).toBeUndefined();
    expect(JSON.stringify(report)).not.toMatch(/Eve|Fay|Gus/);
  });

  test('with --show-names, the roster people with no answers, matched by name or email', async () => {
    const report = (await run(
      files,
      'r',
      '--by',
      'team',
      '--roster',
      'roster.csv',
      '--show-names',
    )) as unknown as {
      nonResponders: { name: string; role: string; team: string }[];
    };
    expect(report.nonResponders).toEqual([
      { name: 'Eve', role: 'rep', team: 'East' },
      { name: 'Fay', role: 'rep', team: 'West' },
      { name: 'Gus', role: 'rep', team: 'North' },
    ]);
    const io = memoryIo({ files });
    await main(['team', 'r', '--by', 'team', '--roster', 'roster.csv', '--show-names'], io);
    expect(io.stdoutText).toMatch(/Not answered yet[\s\S]*Eve\s+rep\s+East/);
  });

  test('without a roster, nothing about rates', async () => {
    const io = memoryIo({ files });
    await main(['team', 'r', '--by', 'team'], io);
    expect(io.stdoutText).not.toMatch(/[Rr]esponse rate|invited/);
    const report = await run(files, 'r', '--by', 'team');
    expect(JSON.stringify(report)).not.toMatch(/responseRate|invited/);
  });

  test.each<[string, string, RegExp]>([
    ['no role column', 'Name,Team\nAda,East', /roster\.csv:1:1: the header has no role column/],
    [
      'no name or email column',
      'Role,Team\nrep,East',
      /roster\.csv:1:1: the header has no name or email column/,
    ],
    [
      'a bad role',
      'Name,Role,Team\nAda,boss,East',
      /roster\.csv:2:2: role must be manager or rep, not "boss"/,
    ],
    ['a row with no name', 'Name,Role,Team\n,rep,East', /roster\.csv:2:1: no name or email/],
  ])('a roster with %s is exit 2 with file:line:col', async (_name, roster, message) => {
    const io = memoryIo({ files: { ...files, 'roster.csv': roster } });
    expect(await main(['team', 'r', '--by', 'team', '--roster', 'roster.csv'], io)).toBe(2);
    expect(io.stderrText).toMatch(message);
    expect(io.stdoutText).toBe('');
  });
});

describe('JSON of an org', () => {
  test('the same data as JSON.stringify, each group on one line', async () => {
    const people: Person[] = ['East', 'West', 'North'].flatMap((team) => [
      { role: 'manager' as const, team, values: randomValues(next) },
      ...Array.from({ length: 3 }, (_, i) => ({
        role: 'rep' as const,
        team,
        values: { ...randomValues(next), 'what-we-owe': `line one\nline "two" ${i}` },
      })),
    ]);
    const io = memoryIo({ files: folderOf(people, () => 'org') });
    await main(['team', 'org', '--by', 'team', '--format', 'json', '--min-comments', '3'], io);
    const report = JSON.parse(io.stdoutText);
    expect(report.groups).toHaveLength(3);
    expect(io.stdoutText).toBe(
      io.stdoutText.replace(/^ {4}\{.*\}$/gm, (line) => `    ${JSON.stringify(JSON.parse(line))}`),
    );
    const lines = io.stdoutText.split('\n');
    for (const group of report.groups)
      expect(lines).toContain(`    ${JSON.stringify(group)}${group.team === 'West' ? '' : ','}`);
    expect(io.stdoutText.startsWith('{\n  "schemaVersion": 1,\n  "kind": "team",\n')).toBe(true);
  });
});

describe('a form export (CSV) with a Team column and Likert labels', () => {
  const csv = [
    'Timestamp,Role,Team,How consistently does your manager give you their time?',
    '2026-11-02,manager,East,Usually',
    ...['Never', 'rarely', '2', 'Sometimes'].map((answer, i) => `2026-11-0${i + 3},rep,East,${answer}`),
    '2026-11-09,rep,West,Always',
  ].join('\n');

  test('groups by the Team column; a label counts as its point', async () => {
    const report = await run({ 'f.csv': csv }, 'f.csv', '--by', 'team', '--min-group', '1');
    expect(report.groups.map((g) => [g.team, g.respondents])).toEqual([
      ['East', { manager: 1, rep: 4 }],
      ['West', { manager: 0, rep: 1 }],
    ]);
    const east = report.groups[0]?.items.find((i) => i.id === 'give-time')?.byRole;
    expect(east?.manager?.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 });
    expect(east?.rep?.distribution).toEqual({ 1: 1, 2: 2, 3: 1, 4: 0, 5: 0 });
  });

  test('a label that is on no point is an error at its row and column', async () => {
    const io = memoryIo({ files: { 'f.csv': csv.replace('Sometimes', 'Often') } });
    expect(await main(['team', 'f.csv'], io)).toBe(2);
    expect(io.stderrText).toMatch(
      /^f\.csv:6:4: give-time: expected a whole number from 1 to 5, got "Often"/m,
    );
  });
});
