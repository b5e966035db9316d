import { describe, expect, test } from '@jest/globals';
import { leaningOf, score, unscorableLedgers, unscorableMessage } from '../../src/core/score.js';
import type { AnswerValue, Question } from '../../src/core/types.js';
import { answersOf, builtinBank, random } from '../support/helpers.js';

const bank = builtinBank();
const asked = bank.questions.filter((q) => q.side === 'asked');
const owed = bank.questions.filter((q) => q.side === 'owed');
const scored = [...asked, ...owed];

const pointsOf = (q: Question, value: AnswerValue) =>
  typeof value === 'number' ? value : (q.choices?.find((c) => c.value === value)?.score ?? Number.NaN);

/** Every value a scored question accepts, lowest first. */
function valuesOf(q: Question): AnswerValue[] {
  if (q.type === 'choice')
    return [...(q.choices ?? [])].sort((a, b) => (a.score ?? 0) - (b.score ?? 0)).map((c) => c.value);
  const { min = 1, max = 5 } = q.scale ?? {};
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

const lowest = (q: Question) => valuesOf(q)[0] as AnswerValue;
const highest = (q: Question) => valuesOf(q).at(-1) as AnswerValue;
/** The value whose points sit nearest the middle of the scale (ties: the lower one). */
function middle(q: Question): AnswerValue {
  const mid = ((q.scale?.min ?? 1) + (q.scale?.max ?? 5)) / 2;
  const distance = (v: AnswerValue) => Math.abs(pointsOf(q, v) - mid);
  return valuesOf(q).reduce((best, v) => (distance(v) < distance(best) ? v : best));
}

/** Deterministic answer sets: each scored item answered at random, or skipped about a quarter of the time. */
function generate(count: number, seed = 42): Map<string, AnswerValue>[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const values = new Map<string, AnswerValue>();
    for (const q of scored) {
      if (next() < 0.25) continue;
      const all = valuesOf(q);
      values.set(q.id, all[Math.floor(next() * all.length)] as AnswerValue);
    }
    return values;
  });
}
const samples = generate(400);
const scoreOf = (values: Map<string, AnswerValue>) => score(bank, { meta: {}, values });
const fill = (qs: Question[], pick: (q: Question) => AnswerValue) =>
  Object.fromEntries(qs.map((q) => [q.id, pick(q)]));

describe('bounds', () => {
  test('the generator covers unscored ledgers and every leaning', () => {
    const results = samples.map(scoreOf);
    expect(new Set(results.map((r) => r.leaning))).toEqual(
      new Set([null, 'asks-exceed-gives', 'balanced', 'gives-exceed-asks']),
    );
  });

  test(`asked, given and balance stay within 0..100 in all ${samples.length} samples`, () => {
    const outside = samples.flatMap((values, i) => {
      const r = scoreOf(values);
      const inRange = [r.asked.score, r.given.score, r.balance].every(
        (n) => n === null || (n >= 0 && n <= 100),
      );
      const nullIffUnscored = (r.balance === null) === (r.asked.score === null || r.given.score === null);
      return inRange && nullIffUnscored ? [] : [{ sample: i, values: [...values], r }];
    });
    expect(outside).toEqual([]);
  });
});

describe('monotonicity', () => {
  const raises = samples.flatMap((values, i) =>
    scored.flatMap((q) => {
      const all = valuesOf(q);
      const at = all.indexOf(values.get(q.id) as AnswerValue);
      return at >= 0 && at < all.length - 1 ? [{ i, id: q.id, side: q.side, higher: all[at + 1] }] : [];
    }),
  );

  test.each(['asked', 'owed'] as const)('raising any one %s answer never lowers its ledger', (side) => {
    const ledger = side === 'asked' ? 'asked' : 'given';
    const tried = raises.filter((r) => r.side === side);
    const lowered = tried.flatMap(({ i, id, higher }) => {
      const before = samples[i] as Map<string, AnswerValue>;
      const after = new Map(before).set(id, higher as AnswerValue);
      const [b, a] = [scoreOf(before)[ledger].score, scoreOf(after)[ledger].score];
      return (a === null) === (b === null) && (a ?? 0) >= (b ?? 0) ? [] : [{ sample: i, id, higher, b, a }];
    });
    expect(tried.length).toBeGreaterThan(100);
    expect(lowered).toEqual([]);
  });
});

describe('missing is not zero', () => {
  const top = fill(asked, highest);
  const owedMiddle = fill(owed, middle);
  test.each(asked.map((q) => q.id))('leaving %s out keeps asked at 100; answering it 1 lowers it', (id) => {
    const { [id]: _left, ...rest } = top;
    expect(scoreOf(answersOf({ ...rest, ...owedMiddle }).values).asked.score).toBe(100);
    expect(scoreOf(answersOf({ ...top, [id]: 1, ...owedMiddle }).values).asked.score).toBeLessThan(100);
  });

  test('a missing item is listed as missing, an answered one is not', () => {
    const { missing } = scoreOf(answersOf({ ...fill(asked, lowest) }).values);
    expect(missing).toEqual(expect.arrayContaining(owed.map((q) => q.id)));
    expect(missing).not.toEqual(expect.arrayContaining([asked[0]?.id]));
  });
});

describe('weights', () => {
  test('a ledger is the weighted mean of its answered items, on 0..100', () => {
    const [heavy, ...rest] = asked;
    const total = asked.reduce((sum, q) => sum + q.weight, 0);
    expect(heavy?.weight).toBeGreaterThan(1);
    const r = scoreOf(
      answersOf({ ...fill(rest, lowest), [heavy?.id as string]: highest(heavy as Question) }).values,
    );
    expect(r.asked.score).toBe(Math.round(((heavy?.weight ?? 0) / total) * 1000) / 10);
  });
});

describe('leaning', () => {
  test.each([
    ['asked at the top, owed at the bottom', 'asks-exceed-gives', highest, lowest, [100, 0]],
    ['asked at the bottom, owed at the top', 'gives-exceed-asks', lowest, highest, [0, 100]],
    ['everything in the middle', 'balanced', middle, middle, null],
  ] as const)('%s → %s', (_what, leaning, pickAsked, pickOwed, scores) => {
    const r = scoreOf(answersOf({ ...fill(asked, pickAsked), ...fill(owed, pickOwed) }).values);
    expect(r.leaning).toBe(leaning);
    if (scores) expect([r.asked.score, r.given.score, r.balance]).toEqual([...scores, 0]);
    else expect(r.balance).toBeGreaterThanOrEqual(100 - bank.scoring.tolerance);
  });

  test.each([
    [60, 50, 10, 'balanced'],
    [50, 60, 10, 'balanced'],
    [60.1, 50, 10, 'asks-exceed-gives'],
    [50, 60.1, 10, 'gives-exceed-asks'],
    [50, 50, 0, 'balanced'],
    [50.1, 50, 0, 'asks-exceed-gives'],
    [50, 50.1, 0, 'gives-exceed-asks'],
    [100, 0, 100, 'balanced'],
    [0, 100, 99.9, 'gives-exceed-asks'],
  ] as const)('leaningOf(%d, %d, tolerance %d) is %s', (a, g, tolerance, leaning) => {
    expect(leaningOf(a, g, tolerance)).toBe(leaning);
  });
});

describe('too little answered', () => {
  const weight = (qs: Question[]) => qs.reduce((sum, q) => sum + q.weight, 0);
  test.each([1, 2, 3, 4, 5, 6])('answering the first %i asked items: scored only from enough weight', (n) => {
    const answered = asked.slice(0, n);
    const enough = weight(answered) / weight(asked) >= bank.scoring.minAnsweredWeight;
    const r = scoreOf(answersOf({ ...fill(answered, highest), ...fill(owed, highest) }).values);
    expect(r.asked.answeredWeightShare).toBeCloseTo(weight(answered) / weight(asked));
    expect([r.asked.score, r.given.score]).toEqual([enough ? 100 : null, 100]);
    expect(r.balance === null && r.leaning === null).toBe(!enough);
  });

  test('the rule is by weight, not by count: 3 of 6 items carrying 4/7 of the weight are enough', () => {
    const r = scoreOf(answersOf({ ...fill(asked.slice(0, 3), highest), ...fill(owed, highest) }).values);
    expect(r.asked.answered / r.asked.total).toBe(0.5);
    expect(r.asked.answeredWeightShare).toBeCloseTo(4 / 7);
    expect(r.asked.score).toBe(100);
  });

  test('no answers at all: nothing is scored, everything is missing', () => {
    const r = scoreOf(new Map());
    expect([r.asked.score, r.given.score, r.balance, r.leaning, r.selfView]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(r.missing).toEqual(bank.questions.map((q) => q.id));
  });
});

describe('gaps', () => {
  test('in every sample, gaps are positive and largest first', () => {
    const wrong = samples.flatMap((values, i) => {
      const sizes = scoreOf(values).gaps.map((g) => g.size);
      const ok = sizes.every((s, j) => s > 0 && (j === 0 || s <= (sizes[j - 1] ?? 0)));
      return ok ? [] : [{ sample: i, sizes }];
    });
    expect(wrong).toEqual([]);
    expect(samples.filter((values) => scoreOf(values).gaps.length > 1).length).toBeGreaterThan(10);
  });

  test('a concrete case: sizes, order and the lagging supporters', () => {
    const r = scoreOf(
      answersOf({
        ...fill(owed, highest),
        'follow-sales-process': 4, // supported by coach-strugglers (3 → 0.5) and give-time (1 → 0): gap 75 - 25
        'coach-strugglers': 3,
        'reach-financial-goals': 5, // supported by help-must-win-deals, give-time, remove-obstacles, all at 1: gap 100
        'help-must-win-deals': 1,
        'give-time': 1,
        'remove-obstacles': 1,
        'held-accountable': 1, // supporters at the top: no gap
      }).values,
    );
    expect(r.gaps.map((g) => [g.asked.id, g.size, g.lagging.map((l) => l.id)])).toEqual([
      ['reach-financial-goals', 100, ['help-must-win-deals', 'give-time', 'remove-obstacles']],
      ['follow-sales-process', 50, ['give-time', 'coach-strugglers']],
    ]);
  });
});

describe('self view', () => {
  const outOfBalance = { ...fill(asked, highest), ...fill(owed, lowest) };
  const balanced = { ...fill(asked, middle), ...fill(owed, middle) };
  test.each([
    ['yes', 'out of balance', true, 'out-of-balance', outOfBalance],
    ['no', 'out of balance', false, 'balanced', outOfBalance],
    ['no', 'balanced', true, 'balanced', balanced],
    ['yes', 'balanced', false, 'out-of-balance', balanced],
    ['not-sure', 'balanced', null, 'unsure', balanced],
    ['yes', 'not scored', null, 'out-of-balance', { 'give-time': 3 }],
  ] as const)('answering %s when the score is %s → matches %p', (answer, _score, matches, view, values) => {
    const r = scoreOf(answersOf({ ...values, 'out-of-balance-view': answer }).values);
    expect(r.selfView).toEqual({ questionId: 'out-of-balance-view', answer, view, matches });
  });
});

describe('unscorableLedgers: what the core says of a ledger too little answered', () => {
  const all = (side: 'asked' | 'owed', pick: (q: Question) => AnswerValue) =>
    Object.fromEntries((side === 'asked' ? asked : owed).map((q) => [q.id, pick(q)]));

  test('both ledgers answered: none', () => {
    const result = score(bank, answersOf({ ...all('asked', highest), ...all('owed', lowest) }));
    expect(unscorableLedgers(bank, result)).toEqual([]);
  });

  test('the owed ledger left empty: it alone, with every owed item unanswered, in bank order', () => {
    const result = score(bank, answersOf(all('asked', highest)));
    expect(unscorableLedgers(bank, result)).toEqual([
      {
        side: 'owed',
        answered: 0,
        total: owed.length,
        answeredPercent: 0,
        neededPercent: 50,
        unanswered: owed.map((q) => q.id),
      },
    ]);
  });

  test('one asked item of many: asked first, its share of the weight rounded, the rest unanswered', () => {
    const [one, ...rest] = asked as [Question, ...Question[]];
    const result = score(bank, answersOf({ [one.id]: highest(one), ...all('owed', highest) }));
    const weight = (qs: Question[]) => qs.reduce((sum, q) => sum + q.weight, 0);
    const [ledger] = unscorableLedgers(bank, result);
    expect(ledger).toEqual({
      side: 'asked',
      answered: 1,
      total: asked.length,
      answeredPercent: Math.round((one.weight / weight(asked)) * 100),
      neededPercent: 50,
      unanswered: rest.map((q) => q.id),
    });
  });

  test('the message names the ledger and the shares, and no command or option', () => {
    const [ledger] = unscorableLedgers(bank, score(bank, answersOf(all('asked', highest))));
    const message = unscorableMessage(ledger as NonNullable<typeof ledger>);
    expect(message).toBe(
      `too little of the owed ledger is answered to score it: 0 of ${owed.length} items, 0% of its weight (at least 50% is needed)`,
    );
    expect(message).not.toMatch(/--|who-failed-whom/);
  });
});
