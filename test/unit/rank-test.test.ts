/** The exact Mann–Whitney test behind `team --baseline`: known values, and agreement with brute force. */
import { describe, expect, test } from '@jest/globals';
import { mannWhitney, type Sample } from '../../src/core/rank-test.js';
import { changeBetween } from '../../src/core/team-baseline.js';
import { random } from './helpers.js';

const sample = (...values: number[]): Sample => {
  const out: Sample = new Map();
  for (const x of values) out.set(x, (out.get(x) ?? 0) + 1);
  return out;
};
const round4 = (n: number) => Math.round(n * 10000) / 10000;

describe('mannWhitney, exact', () => {
  test.each([
    [
      'five reps all 1 → all 5: 2 of the C(10,5) = 252 splits are as extreme',
      [1, 1, 1, 1, 1],
      [5, 5, 5, 5, 5],
      2 / 252,
    ],
    ['no ties, 3 against 3, fully apart: 2 / C(6,3)', [1, 2, 3], [4, 5, 6], 2 / 20],
    ['no ties, 4 against 4, fully apart: 2 / C(8,4)', [1, 2, 3, 4], [5, 6, 7, 8], 2 / 70],
    ['one rep of five moving one point', [3, 3, 3, 3, 3], [3, 3, 3, 3, 4], 1],
    ['one answer on each side, however far apart', [1], [5], 1],
    ['the same answers twice', [2, 3, 4], [2, 3, 4], 1],
    ['every answer the same', [3, 3], [3, 3, 3], 1],
  ])('%s', (_what, a, b, p) => {
    expect(round4(mannWhitney(sample(...a), sample(...b)).p)).toBe(round4(p));
    // Two-sided: either order gives the same p.
    expect(round4(mannWhitney(sample(...b), sample(...a)).p)).toBe(round4(p));
  });

  /** Every way to split the pooled answers into groups of the two sizes, counted one by one. */
  function bruteForce(a: number[], b: number[]): number {
    const pooled = [...a, ...b].sort((x, y) => x - y);
    const rank = new Map<number, number>();
    for (const x of new Set(pooled)) {
      const first = pooled.indexOf(x);
      const last = pooled.lastIndexOf(x);
      rank.set(x, (first + last) / 2 + 1);
    }
    const all = [...a, ...b];
    const sumOf = (xs: number[]) => xs.reduce((s, x) => s + (rank.get(x) ?? 0), 0);
    const expected = (a.length * (all.length + 1)) / 2;
    const observed = Math.abs(sumOf(a) - expected);
    let extreme = 0;
    let total = 0;
    const pick = (start: number, chosen: number[]) => {
      if (chosen.length === a.length) {
        total += 1;
        if (Math.abs(sumOf(chosen.map((i) => all[i] ?? 0)) - expected) >= observed - 1e-9) extreme += 1;
        return;
      }
      for (let i = start; i < all.length; i++) pick(i + 1, [...chosen, i]);
    };
    pick(0, []);
    return extreme / total;
  }

  test('agrees with brute force on 200 random pairs of small samples, ties and all', () => {
    const next = random(12);
    for (let run = 0; run < 200; run++) {
      const size = () => 1 + Math.floor(next() * 6);
      const point = () => 1 + Math.floor(next() * (run % 2 === 0 ? 5 : 12));
      const a = Array.from({ length: size() }, point);
      const b = Array.from({ length: size() }, point);
      const expected = round4(bruteForce(a, b));
      // Both exact ways: sharing A's answers among the tie groups, and the table of rank sums.
      for (const method of ['enumerate', 'table'] as const) {
        const { p } = mannWhitney(sample(...a), sample(...b), { method });
        expect([a, b, method, round4(p)]).toEqual([a, b, method, expected]);
      }
    }
  });
});

describe('mannWhitney, large samples', () => {
  const shape = (n: number, values: number[]) =>
    sample(...Array.from({ length: n }, (_, i) => values[i % values.length] ?? 0));

  test('a 5-point item stays exact at 50 answers a round, and takes little time', () => {
    const start = performance.now();
    const result = mannWhitney(shape(50, [1, 2, 2, 3, 4]), shape(50, [2, 3, 4, 4, 5]));
    expect(result.exact).toBe(true);
    expect(result.p).toBeLessThan(0.05);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('the normal approximation is close to the exact p where samples are not tiny', () => {
    for (const [a, b] of [
      [shape(20, [2, 3, 3, 4]), shape(20, [3, 3, 4, 4, 5])],
      [shape(15, [1, 2, 3]), shape(18, [2, 3, 4])],
      [shape(12, [1, 2, 3, 4, 5, 6, 7, 8]), shape(12, [3, 4, 5, 6, 7, 8, 9, 10])],
    ] as const) {
      const exact = mannWhitney(a, b);
      const approx = mannWhitney(a, b, { budget: 0 });
      expect([exact.exact, approx.exact]).toEqual([true, false]);
      expect(Math.abs(approx.p - exact.p)).toBeLessThan(0.02);
    }
  });

  test('many distinct values in large samples: approximated', () => {
    const a = sample(...Array.from({ length: 60 }, (_, i) => i * 2));
    const b = sample(...Array.from({ length: 60 }, (_, i) => i * 2 + 1));
    expect(mannWhitney(a, b).exact).toBe(false);
  });

  test('far apart: p near 0; alike: p 1', () => {
    expect(mannWhitney(sample(...Array(200).fill(1)), sample(...Array(200).fill(5))).p).toBeLessThan(1e-10);
    expect(mannWhitney(sample(...Array(150).fill(3)), sample(...Array(150).fill(3))).p).toBe(1);
  });
});

describe('changeBetween', () => {
  const one = (n: number) => Math.round(n * 100) / 100;
  test.each([
    ['five reps 1 → 5: better', [1, 1, 1, 1, 1], [5, 5, 5, 5, 5], { delta: 4, verdict: 'better', p: 0.0079 }],
    ['five reps 5 → 1: worse', [5, 5, 5, 5, 5], [1, 1, 1, 1, 1], { delta: -4, verdict: 'worse', p: 0.0079 }],
    [
      'one rep of five moving one point: within noise',
      [3, 3, 3, 3, 3],
      [3, 3, 3, 3, 4],
      { delta: 0.2, verdict: 'within-noise', p: 1 },
    ],
    ['a single rep moving one point: within noise', [3], [4], { delta: 1, verdict: 'within-noise', p: 1 }],
  ])('%s', (_what, before, after, expected) => {
    expect(changeBetween(sample(...before), sample(...after), one)).toEqual({
      ...expected,
      n: { before: before.length, after: after.length },
    });
  });
});
