/**
 * The team picture, pure: TeamTally (counts per item and role, anonymity by minGroup, the two views, the
 * perception gap, reflections, names) and describe() (mean, median, population standard deviation of a
 * histogram). Expected figures are computed here from the raw answers, never by calling the code under test.
 */
import { describe, expect, test } from '@jest/globals';
import { bankForRole } from '../../src/core/role.js';
import { score } from '../../src/core/score.js';
import { describe as describeStats } from '../../src/core/stats.js';
import { DEFAULT_MIN_COMMENTS, type RoleStats, type TeamModel, TeamTally } from '../../src/core/team.js';
import type { AnswerValue, Bank, Question, Role } from '../../src/core/types.js';
import { answersOf, builtinBank, random } from '../support/helpers.js';

const bank = builtinBank();
const rated = bank.questions.filter((q) => q.side !== undefined);
const owed = rated.filter((q) => q.side === 'owed');
const textIds = bank.questions.filter((q) => q.type === 'text').map((q) => q.id);

function question(id: string): Question {
  const q = bank.questions.find((candidate) => candidate.id === id);
  if (!q) throw new Error(`no question ${id} in the built-in bank`);
  return q;
}

/** The scale points an answer stands for: the value itself, or the choice's score. */
function pointsOf(q: Question, value: AnswerValue): number {
  if (typeof value === 'number') return value;
  const choice = q.choices?.find((c) => c.value === value);
  if (choice?.score === undefined) throw new Error(`${q.id}: ${value} has no score`);
  return choice.score;
}

/** A choice of `q` whose score is `points`. */
function choiceAt(q: Question, points: number): string {
  const choice = q.choices?.find((c) => c.score === points);
  if (!choice) throw new Error(`${q.id}: no choice scores ${points}`);
  return choice.value;
}

/** An answer of `q` at `points` on its scale: the number for a scale question, the choice for a choice. */
const at = (q: Question, points: number): AnswerValue => (q.type === 'choice' ? choiceAt(q, points) : points);

interface Person {
  role: Role;
  values: Record<string, AnswerValue>;
  name?: string;
}

interface Options {
  minGroup?: number;
  minComments?: number;
  showNames?: boolean;
}

function tallyOf(people: Person[], options: Options = {}, on = bank) {
  const tally = new TeamTally(on, {
    minGroup: options.minGroup ?? 3,
    minComments: options.minComments ?? DEFAULT_MIN_COMMENTS,
    showNames: options.showNames ?? false,
  });
  for (const person of people) {
    tally.add(
      answersOf(person.values, { role: person.role, ...(person.name ? { respondent: person.name } : {}) }),
    );
  }
  return tally;
}

const modelOf = (people: Person[], options: Options = {}) => tallyOf(people, options).result();

function statsOf(model: TeamModel, id: string, role: Role): RoleStats {
  const item = model.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in the model`);
  return item.byRole[role];
}

/** Every point of a scale question, lowest first. */
function scalePoints(q: Question): number[] {
  if (!q.scale) throw new Error(`${q.id} has no scale`);
  const { min, max } = q.scale;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** A distribution (point or choice value → count) as the [points, count] histogram describe() takes. */
function histogramOf(q: Question, distribution: Record<string, number>): [number, number][] {
  return Object.entries(distribution).flatMap(([key, count]): [number, number][] => {
    if (q.type === 'scale') return [[Number(key), count]];
    const points = q.choices?.find((c) => c.value === key)?.score;
    return points === undefined ? [] : [[points, count]];
  });
}

/**
 * Every rated item answered with the same points (a choice by the choice scoring them; a choice question with
 * no choice at those points is left unanswered).
 */
const everyRated = (points: number): Record<string, AnswerValue> =>
  Object.fromEntries(
    rated.flatMap((q) =>
      q.type === 'choice' && !q.choices?.some((c) => c.score === points) ? [] : [[q.id, at(q, points)]],
    ),
  );

/** People of one role, each answering one item with the given values. */
const oneItem = (role: Role, id: string, values: AnswerValue[]): Person[] =>
  values.map((value) => ({ role, values: { [id]: value } }));

/** Mean, median and population standard deviation, by the textbook, over the expanded list of values. */
function naive(values: number[]): { mean: number; median: number; spread: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const median =
    n % 2 === 1
      ? (sorted[(n - 1) / 2] as number)
      : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  const spread = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return { mean, median, spread };
}

const histogram = (values: number[]): [number, number][] => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts];
};

// ---- describe() ---------------------------------------------------------------------------------------

describe('describe(): mean, median and spread of a histogram', () => {
  test.each<
    [string, [number, number][], { mean: number | null; median: number | null; spread: number | null }]
  >([
    ['empty', [], { mean: null, median: null, spread: null }],
    [
      'only zero counts',
      [
        [1, 0],
        [5, 0],
      ],
      { mean: null, median: null, spread: null },
    ],
    ['one answer', [[4, 1]], { mean: 4, median: 4, spread: 0 }],
    ['all the same', [[3, 7]], { mean: 3, median: 3, spread: 0 }],
    [
      'odd n: median is the middle value',
      [
        [1, 1],
        [2, 1],
        [5, 1],
      ],
      { mean: 2.67, median: 2, spread: 1.7 },
    ],
    [
      'odd n, input not sorted',
      [
        [5, 1],
        [1, 1],
        [3, 1],
      ],
      { mean: 3, median: 3, spread: 1.63 },
    ],
    [
      'even n: median is the mean of the two middle values',
      [
        [1, 1],
        [2, 1],
        [4, 1],
        [5, 1],
      ],
      { mean: 3, median: 3, spread: 1.58 },
    ],
    [
      'even n: the two middle values straddle a gap',
      [
        [2, 2],
        [5, 2],
      ],
      { mean: 3.5, median: 3.5, spread: 1.5 },
    ],
    [
      'even n: both middle values on one point',
      [
        [3, 3],
        [4, 1],
      ],
      { mean: 3.25, median: 3, spread: 0.43 },
    ],
    [
      'even n: zero-count points in between do not count',
      [
        [1, 2],
        [2, 0],
        [3, 0],
        [5, 2],
      ],
      { mean: 3, median: 3, spread: 2 },
    ],
    [
      'counts weigh: three 1s and one 5',
      [
        [1, 3],
        [5, 1],
      ],
      { mean: 2, median: 1, spread: 1.73 },
    ],
    // Population (÷ n), not sample (÷ n − 1, which would give 1.41).
    [
      'population standard deviation',
      [
        [1, 1],
        [3, 1],
      ],
      { mean: 2, median: 2, spread: 1 },
    ],
  ])('%s', (_name, points, expected) => {
    expect(describeStats(points)).toEqual(expected);
  });

  test('agrees with the textbook formulas on 300 random histograms', () => {
    const next = random(3);
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(next() * 40);
      const values = Array.from({ length: n }, () => 1 + Math.floor(next() * 7));
      const got = describeStats(histogram(values));
      const want = naive(values);
      expect(got.median).toBe(want.median);
      expect(got.mean).toBeCloseTo(want.mean, 2);
      expect(got.spread).toBeCloseTo(want.spread, 2);
    }
  });
});

// ---- Distributions ------------------------------------------------------------------------------------

describe('distribution', () => {
  const people: Person[] = [
    { role: 'manager', values: { 'give-time': 2, 'ask-before-deciding': 'talk-it-through' } },
    ...oneItem('rep', 'give-time', [1, 1, 4]),
  ];
  const model = modelOf(people);

  test('every non-text question is an item; text questions are not', () => {
    expect(model.items.map((i) => i.id)).toEqual(
      bank.questions.filter((q) => q.type !== 'text').map((q) => q.id),
    );
    for (const id of textIds) expect(model.items.some((i) => i.id === id)).toBe(false);
  });

  test('keys cover every scale point and every choice value, in order, with zeros, for both roles', () => {
    for (const item of model.items) {
      const q = question(item.id);
      const keys = q.type === 'scale' ? scalePoints(q).map(String) : (q.choices ?? []).map((c) => c.value);
      expect(keys.length).toBeGreaterThan(1);
      for (const role of ['manager', 'rep'] as const) {
        const stats = item.byRole[role];
        expect(Object.keys(stats.distribution ?? {})).toEqual(keys);
        expect(Object.values(stats.distribution ?? {}).reduce((s, c) => s + c, 0)).toBe(stats.n);
      }
    }
  });

  test('counts land on their points', () => {
    expect(statsOf(model, 'give-time', 'rep').distribution).toEqual({ 1: 2, 2: 0, 3: 0, 4: 1, 5: 0 });
    expect(statsOf(model, 'give-time', 'manager').distribution).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 });
    expect(statsOf(model, 'ask-before-deciding', 'manager').distribution).toEqual({
      'look-at-myself': 0,
      'talk-it-through': 1,
      'review-their-numbers': 0,
      'performance-plan': 0,
    });
  });

  test('an item nobody answered has n 0, every point at zero and no figures', () => {
    const stats = statsOf(model, 'coach-strugglers', 'manager');
    expect(stats).toMatchObject({ n: 0, mean: null, median: null, spread: null, agreement: null });
    expect(stats.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });

  test('a choice item is described on its choices’ scores; an unscored choice only by its distribution', () => {
    const choice = question('ask-before-deciding');
    const values = ['look-at-myself', 'talk-it-through', 'performance-plan'];
    const stats = statsOf(modelOf(oneItem('rep', choice.id, values)), choice.id, 'rep');
    const want = naive(values.map((v) => pointsOf(choice, v)));
    expect(stats.median).toBe(want.median);
    expect(stats.mean).toBeCloseTo(want.mean, 2);
    expect(stats.spread).toBeCloseTo(want.spread, 2);

    const view = statsOf(
      modelOf(oneItem('rep', 'out-of-balance-view', ['yes', 'yes', 'no'])),
      'out-of-balance-view',
      'rep',
    );
    expect(view).toMatchObject({
      n: 3,
      mean: null,
      median: null,
      spread: null,
      agreement: null,
      withheld: null,
    });
    expect(view.distribution).toEqual({ yes: 2, no: 1, 'not-sure': 0 });
  });
});

// ---- Agreement, favourable, indicative ------------------------------------------------------------

describe('per item: rwg agreement, percent favourable and the indicative mark', () => {
  const id = 'give-time';

  test.each<[string, number[], { rwg: number; band: string } | null, number, boolean]>([
    ['a split team (the issue: 1, 1, 5, 5, 3)', [1, 1, 5, 5, 3], { rwg: 0, band: 'none' }, 40, false],
    ['everyone at 4', [4, 4, 4, 4, 4], { rwg: 1, band: 'very strong' }, 100, false],
    ['three close answers: indicative', [3, 4, 4], { rwg: 0.83, band: 'strong' }, 67, true],
    ['one answer: no agreement to speak of', [2], null, 0, false],
  ])('%s', (_name, values, agreement, favourable, indicative) => {
    for (const role of ['manager', 'rep'] as const) {
      const stats = statsOf(modelOf(oneItem(role, id, values), { minGroup: 1 }), id, role);
      expect(stats.agreement).toEqual(agreement);
      expect(stats.favourable).toBe(favourable);
      expect(stats.indicative).toBe(indicative);
    }
  });

  test('a choice item is measured on its choices’ scores; an unscored choice has neither measure', () => {
    const q = question('ask-before-deciding');
    const split = modelOf(
      oneItem('rep', q.id, [choiceAt(q, 5), choiceAt(q, 1), choiceAt(q, 5), choiceAt(q, 1)]),
    );
    // Scores 5, 1, 5, 1: s² = 16/3 against σ²_EU = 2 → 0; favourable (4 or 5): half.
    expect(statsOf(split, q.id, 'rep')).toMatchObject({
      agreement: { rwg: 0, band: 'none' },
      favourable: 50,
    });
    const view = statsOf(
      modelOf(oneItem('rep', 'out-of-balance-view', ['yes', 'no', 'no'])),
      'out-of-balance-view',
      'rep',
    );
    expect(view).toMatchObject({ agreement: null, favourable: null });
  });

  test('withheld figures carry no measure', () => {
    const stats = statsOf(modelOf(oneItem('rep', id, [1, 5])), id, 'rep');
    expect(stats).toMatchObject({ withheld: expect.any(String), agreement: null, favourable: null });
  });
});

// ---- Anonymity ----------------------------------------------------------------------------------------

describe('anonymity by minGroup', () => {
  const id = 'coach-strugglers';

  test.each([
    [3, 1],
    [3, 2],
    [5, 4],
    [2, 1],
  ])('minGroup %i: %i rep(s) on an item → n reported, figures withheld, reason given', (minGroup, reps) => {
    const stats = statsOf(
      modelOf(
        oneItem(
          'rep',
          id,
          Array.from({ length: reps }, () => 2),
        ),
        { minGroup },
      ),
      id,
      'rep',
    );
    expect(stats).toEqual({
      n: reps,
      mean: null,
      median: null,
      spread: null,
      distribution: null,
      favourable: null,
      agreement: null,
      indicative: false,
      withheld: expect.stringContaining(`fewer than ${minGroup} reps`),
    });
  });

  test.each([
    [3, 3],
    [3, 4],
    [5, 5],
    [2, 2],
    [1, 1],
  ])('minGroup %i: %i reps on an item → figures shown', (minGroup, reps) => {
    const values = Array.from({ length: reps }, (_, i) => 1 + (i % 5));
    const stats = statsOf(modelOf(oneItem('rep', id, values), { minGroup }), id, 'rep');
    expect(stats.withheld).toBeNull();
    expect(stats.n).toBe(reps);
    expect(stats.mean).toBeCloseTo(naive(values).mean, 2);
    expect(stats.distribution).not.toBeNull();
  });

  test('an item is withheld on its own count, not on the number of reps in the team', () => {
    const people: Person[] = [
      ...Array.from({ length: 4 }, () => ({ role: 'rep' as const, values: { 'give-time': 3 } })),
      ...oneItem('rep', id, [1, 2]),
    ];
    const model = modelOf(people);
    expect(model.respondents.rep).toBe(6);
    expect(statsOf(model, 'give-time', 'rep').withheld).toBeNull();
    expect(statsOf(model, id, 'rep')).toMatchObject({ n: 2, mean: null, withheld: expect.any(String) });
  });

  test("the reps' view is withheld below minGroup reps, with the reason, and shown at minGroup", () => {
    const reps = (count: number): Person[] =>
      Array.from({ length: count }, () => ({ role: 'rep', values: everyRated(3) }));
    const two = modelOf(reps(2));
    expect(two.scores.rep).toEqual({
      respondents: 2,
      withheld: expect.stringContaining('fewer than 3 reps'),
    });
    const three = modelOf(reps(3));
    expect(three.scores.rep).toMatchObject({
      respondents: 3,
      asked: 50,
      given: 50,
      balance: 100,
      withheld: null,
    });
    const four = modelOf(reps(4), { minGroup: 5 });
    expect(four.scores.rep).toEqual({
      respondents: 4,
      withheld: expect.stringContaining('fewer than 5 reps'),
    });
    expect(modelOf(reps(2), { minGroup: 2 }).scores.rep.withheld).toBeNull();
  });

  test('a role nobody answered is withheld with its own reason', () => {
    const model = modelOf([{ role: 'manager', values: everyRated(3) }]);
    expect(model.scores.rep).toEqual({ respondents: 0, withheld: expect.stringMatching(/no rep/) });
  });

  test('managers are never withheld, whatever minGroup says', () => {
    const model = modelOf([{ role: 'manager', values: everyRated(4) }], { minGroup: 10 });
    expect(model.scores.manager).toMatchObject({ respondents: 1, asked: 75, given: 75, withheld: null });
    for (const q of rated) {
      expect(statsOf(model, q.id, 'manager')).toMatchObject({
        n: 1,
        mean: 4,
        median: 4,
        spread: 0,
        withheld: null,
      });
    }
    const reflections = modelOf([{ role: 'manager', values: { 'what-we-owe': 'Time.' } }], { minGroup: 10 });
    expect(reflections.reflections).toEqual([
      {
        id: 'what-we-owe',
        role: 'manager',
        prompt: question('what-we-owe').prompt,
        answers: ['Time.'],
        withheld: null,
      },
    ]);
  });
});

// ---- The two views ------------------------------------------------------------------------------------

/** The view by the README's formula, over the exact item means (weighted, normalized, × 100, rounded). */
function expectedView(people: Person[], role: Role) {
  const mine = people.filter((p) => p.role === role);
  const ledger = (side: 'asked' | 'owed') => {
    let weight = 0;
    let sum = 0;
    for (const q of rated.filter((candidate) => candidate.side === side)) {
      const points = mine.flatMap((p) =>
        p.values[q.id] === undefined ? [] : [pointsOf(q, p.values[q.id] as AnswerValue)],
      );
      if (points.length === 0 || !q.scale) continue;
      const mean = points.reduce((s, v) => s + v, 0) / points.length;
      weight += q.weight;
      sum += q.weight * ((mean - q.scale.min) / (q.scale.max - q.scale.min));
    }
    return Math.round((sum / weight) * 1000) / 10;
  };
  const asked = ledger('asked');
  const given = ledger('owed');
  return { asked, given, balance: Math.round((100 - Math.abs(asked - given)) * 10) / 10 };
}

/** Deterministic people answering every rated item, on the item's scale. */
function generated(role: Role, count: number, seed: number): Person[] {
  const next = random(seed);
  return Array.from({ length: count }, () => ({
    role,
    values: Object.fromEntries(
      rated.map((q) => {
        const points = q.type === 'choice' ? [5, 4, 2, 1] : [1, 2, 3, 4, 5];
        return [q.id, at(q, points[Math.floor(next() * points.length)] as number)];
      }),
    ),
  }));
}

describe('team balance per role, from the item means', () => {
  test('weights count: the double-weight items pull their ledger', () => {
    const values = everyRated(1);
    values['reach-financial-goals'] = 5; // weight 2 of the asked ledger's 7
    values['give-time'] = 5; // weight 2 of the owed ledger's 9
    const model = modelOf(Array.from({ length: 3 }, () => ({ role: 'rep' as const, values })));
    // Unweighted these would be 16.7 and 12.5.
    expect(model.scores.rep).toMatchObject({ asked: 28.6, given: 22.2, balance: 93.6, leaning: 'balanced' });
  });

  test.each([
    [4, 11],
    [4, 12],
    [5, 13],
    [10, 15],
    [20, 14],
  ])('%i reps (seed %i): asked, given and balance by the formula', (count, seed) => {
    const people = generated('rep', count, seed);
    const model = modelOf(people);
    expect(model.scores.rep).toMatchObject({
      respondents: count,
      ...expectedView(people, 'rep'),
      withheld: null,
    });
  });

  test("one manager's view is that manager's own score", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const [manager] = generated('manager', 1, seed);
      if (!manager) throw new Error('no manager generated');
      const own = score(bankForRole(bank, 'manager'), answersOf(manager.values, { role: 'manager' }));
      const view = modelOf([manager]).scores.manager;
      expect(view).toMatchObject({
        asked: own.asked.score,
        given: own.given.score,
        balance: own.balance,
        leaning: own.leaning,
      });
    }
  });

  test("the reps' view leaves out items withheld for too few reps", () => {
    // Three reps answer everything at 3 except coaching; two others rate only coaching, at 1: withheld (n 2).
    const { 'coach-strugglers': _coaching, ...allButCoaching } = everyRated(3);
    const people: Person[] = [
      ...Array.from({ length: 3 }, () => ({ role: 'rep' as const, values: allButCoaching })),
      ...oneItem('rep', 'coach-strugglers', [1, 1]),
    ];
    const model = modelOf(people);
    expect(statsOf(model, 'coach-strugglers', 'rep').withheld).not.toBeNull();
    // Counting the withheld item would give 44.4.
    expect(model.scores.rep).toMatchObject({ respondents: 5, asked: 50, given: 50, balance: 100 });
  });

  test('a view with too little answered is withheld, not scored from one item', () => {
    const model = modelOf(
      Array.from({ length: 3 }, () => ({ role: 'rep' as const, values: { 'give-time': 3 } })),
    );
    expect(model.scores.rep).toEqual({ respondents: 3, withheld: expect.any(String) });
  });

  test('the view uses the exact item means, not the means rounded for display', () => {
    const people: Person[] = [1, 2, 2].map((points) => ({ role: 'rep', values: everyRated(points) }));
    expect(expectedView(people, 'rep')).toEqual({ asked: 16.7, given: 16.7, balance: 100 });
    expect(modelOf(people).scores.rep).toMatchObject({ asked: 16.7, given: 16.7, balance: 100 });
  });

  test("the reps' view counts only the questions reps are asked", () => {
    const managerOnly = new Set(['give-time', 'help-must-win-deals', 'remove-obstacles', 'coach-strugglers']);
    const custom: Bank = {
      ...bank,
      questions: bank.questions.map((q) => {
        if (!managerOnly.has(q.id)) return q;
        const { rep: _rep, ...rest } = q;
        return rest;
      }),
    };
    const repView = bankForRole(custom, 'rep');
    const repIds = new Set(repView.questions.map((q) => q.id));
    const values = Object.fromEntries(Object.entries(everyRated(3)).filter(([id]) => repIds.has(id)));
    const own = score(repView, answersOf(values, { role: 'rep' }));
    expect(own.balance).toBe(100); // one rep alone is scored on the questions they were asked
    const tally = tallyOf(
      Array.from({ length: 3 }, () => ({ role: 'rep' as const, values })),
      {},
      custom,
    );
    expect(tally.result().scores.rep).toMatchObject({ asked: 50, given: 50, balance: 100, withheld: null });
  });
});

// ---- Perception gap -----------------------------------------------------------------------------------

describe('perception gap', () => {
  const manager: Person = {
    role: 'manager',
    values: {
      'give-time': 2,
      'help-must-win-deals': 4,
      'remove-obstacles': 2,
      'coach-strugglers': 1,
      'time-for-most-in-need': 2,
      'protect-time-from-admin': 3,
      // everything-in-our-power: unanswered by the manager
      'ask-before-deciding': 'review-their-numbers', // 2
      'reach-financial-goals': 5, // an asked item: never a perception gap
    },
  };
  const reps: Record<string, AnswerValue[]> = {
    'give-time': [1, 1, 2],
    'help-must-win-deals': [5, 5, 5],
    'remove-obstacles': [2, 2, 2],
    'coach-strugglers': [4, 4, 4],
    'time-for-most-in-need': [1, 3], // two reps only: withheld
    'protect-time-from-admin': [1, 1, 1],
    'everything-in-our-power': [1, 2, 3],
    'ask-before-deciding': ['look-at-myself', 'talk-it-through', 'talk-it-through'],
    'reach-financial-goals': [1, 1, 1],
  };
  const repPeople: Person[] = [0, 1, 2].map((i) => ({
    role: 'rep',
    values: Object.fromEntries(
      Object.entries(reps).flatMap(([id, values]) => (values[i] === undefined ? [] : [[id, values[i]]])),
    ),
  }));
  const people = [manager, ...repPeople];
  const meanOf = (id: string, values: AnswerValue[]) =>
    naive(values.map((v) => pointsOf(question(id), v))).mean;

  test('manager mean − rep mean per owed item, largest |gap| first, only where both sides have figures', () => {
    const { perceptionGaps } = modelOf(people);
    // coach −3, ask-before −2.33, protect +2, help −1, give-time +0.67, remove 0
    expect(perceptionGaps.map((g) => g.id)).toEqual([
      'coach-strugglers',
      'ask-before-deciding',
      'protect-time-from-admin',
      'help-must-win-deals',
      'give-time',
      'remove-obstacles',
    ]);
    for (const gap of perceptionGaps) {
      const q = question(gap.id);
      const managerMean = pointsOf(q, manager.values[gap.id] as AnswerValue);
      const repMean = meanOf(gap.id, reps[gap.id] as AnswerValue[]);
      expect(gap.manager).toBeCloseTo(managerMean, 2);
      expect(gap.rep).toBeCloseTo(repMean, 2);
      expect(gap.gap).toBeCloseTo(managerMean - repMean, 2);
      expect(gap.label).toBe(q.label);
      expect(gap.scale).toEqual({ min: 1, max: 5 });
    }
  });

  test('withheld reps, a missing manager answer and asked items leave no gap; --min-group 2 adds one', () => {
    const ids = (model: TeamModel) => model.perceptionGaps.map((g) => g.id);
    expect(ids(modelOf(people))).not.toContain('time-for-most-in-need');
    expect(ids(modelOf(people))).not.toContain('everything-in-our-power');
    expect(ids(modelOf(people)).every((id) => question(id).side === 'owed')).toBe(true);
    expect(ids(modelOf(people, { minGroup: 2 }))).toContain('time-for-most-in-need');
    expect(modelOf(people, { minGroup: 2 }).perceptionGaps).toHaveLength(7);
  });

  test('every owed item has a gap when everyone answered everything', () => {
    const team = [...generated('manager', 1, 21), ...generated('rep', 5, 22)];
    const gaps = modelOf(team).perceptionGaps;
    expect(gaps.map((g) => g.id).sort()).toEqual(owed.map((q) => q.id).sort());
    const sizes = gaps.map((g) => Math.abs(g.gap));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  test('none without a manager, none without enough reps', () => {
    expect(modelOf(repPeople).perceptionGaps).toEqual([]);
    expect(modelOf([manager, ...repPeople.slice(0, 2)]).perceptionGaps).toEqual([]);
  });
});

// ---- Reflections --------------------------------------------------------------------------------------

describe('reflections', () => {
  const repTexts: Record<string, string[]> = {
    'what-we-owe': ['Time, mostly.', 'a coach', 'Help on the big deals.', 'Ünblock legal', 'Zero admin'],
    'commitments-equal': ['Yes.', 'A bit.'], // two reps only: withheld
  };
  const reps: Person[] = Array.from({ length: 5 }, (_, i) => ({
    role: 'rep',
    values: Object.fromEntries(
      Object.entries(repTexts).flatMap(([id, texts]) => (texts[i] === undefined ? [] : [[id, texts[i]]])),
    ),
  }));
  const manager: Person = {
    role: 'manager',
    values: { 'what-we-owe': 'Our time.', 'commitments-equal': 'Probably.' },
  };

  const shuffled = <T>(items: T[], seed: number): T[] => {
    const next = random(seed);
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };

  test('sorted; the same whatever order the answers came in', () => {
    const first = modelOf([manager, ...reps]).reflections;
    const owe = first.find((r) => r.id === 'what-we-owe' && r.role === 'rep');
    expect(owe?.answers).toEqual([...(repTexts['what-we-owe'] ?? [])].sort());
    expect(owe?.prompt).toBe(question('what-we-owe').rep?.prompt);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(modelOf(shuffled([manager, ...reps], seed)).reflections).toEqual(first);
    }
    // The order is not the order of arrival.
    expect(owe?.answers).not.toEqual(repTexts['what-we-owe']);
  });

  test("reps' reflections on a question are withheld below the comments minimum, with no trace of the text", () => {
    const model = modelOf([manager, ...reps]);
    const balance = model.reflections.find((r) => r.id === 'commitments-equal' && r.role === 'rep');
    expect(balance).toEqual({
      id: 'commitments-equal',
      role: 'rep',
      prompt: question('commitments-equal').rep?.prompt,
      answers: [],
      withheld: expect.stringContaining('fewer than 5 reps wrote one'),
    });
    const json = JSON.stringify(model);
    for (const text of repTexts['commitments-equal'] ?? []) expect(json).not.toContain(text);
    // The comments minimum is never below the group minimum.
    const underGroup = modelOf([manager, ...reps], { minComments: 2 }).reflections.find(
      (r) => r.id === 'commitments-equal' && r.role === 'rep',
    );
    expect(underGroup?.withheld).toContain('fewer than 3 reps wrote one');
    const shown = modelOf([manager, ...reps], { minGroup: 2, minComments: 2 }).reflections.find(
      (r) => r.id === 'commitments-equal' && r.role === 'rep',
    );
    expect(shown).toMatchObject({ answers: ['A bit.', 'Yes.'], withheld: null });
  });

  test("managers' reflections are shown even for one manager", () => {
    const model = modelOf([manager, ...reps]);
    expect(model.reflections.filter((r) => r.role === 'manager')).toEqual([
      {
        id: 'what-we-owe',
        role: 'manager',
        prompt: question('what-we-owe').prompt,
        answers: ['Our time.'],
        withheld: null,
      },
      {
        id: 'commitments-equal',
        role: 'manager',
        prompt: question('commitments-equal').prompt,
        answers: ['Probably.'],
        withheld: null,
      },
    ]);
  });
});

// ---- Names --------------------------------------------------------------------------------------------

describe('names', () => {
  const people: Person[] = [
    { role: 'rep', name: 'Zora Repwell', values: everyRated(2) },
    { role: 'manager', name: 'Mona Managerly', values: everyRated(4) },
    { role: 'rep', name: 'Abel Repson', values: everyRated(5) },
    { role: 'rep', name: 'Kit Middleton', values: { ...everyRated(3), 'what-we-owe': 'Time.' } },
  ];

  test('absent without showNames: people is null and no name appears anywhere', () => {
    const model = modelOf(people);
    expect(model.people).toBeNull();
    const json = JSON.stringify(model);
    for (const person of people) expect(json).not.toContain(person.name);
  });

  test('with showNames: one row each, sorted by role then name, with their own scores', () => {
    const model = modelOf(people, { showNames: true });
    expect(model.people?.map((p) => [p.role, p.name])).toEqual([
      ['manager', 'Mona Managerly'],
      ['rep', 'Abel Repson'],
      ['rep', 'Kit Middleton'],
      ['rep', 'Zora Repwell'],
    ]);
    for (const row of model.people ?? []) {
      const person = people.find((p) => p.name === row.name) as Person;
      const own = score(bankForRole(bank, person.role), answersOf(person.values, { role: person.role }));
      expect(row).toEqual({
        name: person.name,
        role: person.role,
        team: null,
        asked: own.asked.score,
        given: own.given.score,
        balance: own.balance,
      });
    }
    // Sorting the rows does not depend on the order people were added.
    expect(modelOf([...people].reverse(), { showNames: true }).people).toEqual(model.people);
  });

  test('a respondent without a name is listed as such, not dropped', () => {
    const model = modelOf([{ role: 'rep', values: everyRated(3) }], { showNames: true });
    expect(model.people).toHaveLength(1);
    expect(model.people?.[0]?.name).toMatch(/no name/);
  });
});

// ---- Memory-independence sanity -----------------------------------------------------------------------

describe('10,000 respondents', () => {
  test('adding answers 10,000 times gives the stats the distribution implies', () => {
    const base = [...generated('manager', 2, 31), ...generated('rep', 8, 32)];
    const small = modelOf(base);
    const tally = new TeamTally(bank, { minGroup: 3, minComments: 5, showNames: false });
    for (let round = 0; round < 1000; round++) {
      for (const person of base) tally.add(answersOf(person.values, { role: person.role }));
    }
    const big = tally.result();
    expect(big.respondents).toEqual({ manager: 2000, rep: 8000 });
    for (const item of big.items) {
      for (const role of ['manager', 'rep'] as const) {
        const stats = item.byRole[role];
        const before = statsOf(small, item.id, role);
        expect(stats.n).toBe(before.n * 1000);
        expect(stats.distribution).toEqual(
          Object.fromEntries(Object.entries(before.distribution ?? {}).map(([k, c]) => [k, c * 1000])),
        );
        // The figures are those of the distribution, and the same as for the small team.
        const points = histogramOf(question(item.id), stats.distribution ?? {});
        expect({ mean: stats.mean, median: stats.median, spread: stats.spread }).toEqual(
          describeStats(points),
        );
        expect({
          mean: stats.mean,
          median: stats.median,
          spread: stats.spread,
          favourable: stats.favourable,
        }).toEqual({
          mean: before.mean,
          median: before.median,
          spread: before.spread,
          favourable: before.favourable,
        });
      }
    }
    expect(big.scores).toEqual({
      manager: { ...small.scores.manager, respondents: 2000 },
      rep: { ...small.scores.rep, respondents: 8000 },
    });
    expect(big.perceptionGaps).toEqual(small.perceptionGaps);
  });
});
