/**
 * The small-group measures, one line per case: rwg and its bands, percent favourable, self–other agreement,
 * the indicative mark. Expected values are worked by hand from the formulas in the README.
 */
import { describe, expect, test } from '@jest/globals';
import { type AgreementBand, agreementBand, agreementOf } from '../../src/core/agreement.js';
import { favourablePoints, favourableShare } from '../../src/core/favourable.js';
import { itemFigures, optionPoints } from '../../src/core/item-figures.js';
import { overallSelfOther, type SelfOther, selfOther } from '../../src/core/self-other.js';
import { describe as describeStats, isIndicative } from '../../src/core/stats.js';
import { suppress } from '../../src/core/suppression.js';
import { random } from './helpers.js';

/** A list of answers as the [point, count] histogram the measures take. */
const histogram = (answers: number[]): [number, number][] => {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts];
};

describe('rwg = 1 − s²/σ²_EU, truncated to 0–1 (five points: σ²_EU = 2)', () => {
  test.each<[number[], number, number | null, AgreementBand | null]>([
    [[1, 1, 5, 5, 3], 5, 0, 'none'], // s² = 16/4 = 4 → 1 − 2 = −1 → 0
    [[4, 4, 4, 4, 4], 5, 1, 'very strong'],
    [[3, 4, 4, 4, 5], 5, 0.75, 'strong'], // s² = 2/4 = 0.5
    [[3, 3, 4, 5, 5], 5, 0.5, 'moderate'], // s² = 4/4 = 1
    [[2, 3, 4, 5], 5, 0.17, 'none'], // s² = 5/3 = 1.667
    [[1, 2], 5, 0.75, 'strong'], // s² = 0.5
    [[1, 4], 4, 0, 'none'], // four points: σ²_EU = 1.25; s² = 4.5 → 0
    [[1, 2, 2], 4, 0.73, 'strong'], // s² = 1/3 → 1 − 0.267
    [[4], 5, null, null], // one answer agrees with nobody
    [[], 5, null, null],
  ])('%j on %i points → rwg %s, band %s', (answers, points, rwg, band) => {
    const got = agreementOf(histogram(answers), points);
    expect(got === null ? null : got.rwg).toBe(rwg);
    expect(got === null ? null : got.band).toBe(band);
  });
});

describe('bands (LeBreton & Senter 2008)', () => {
  test.each<[number, AgreementBand]>([
    [0, 'none'],
    [0.29, 'none'],
    [0.3, 'weak'],
    [0.49, 'weak'],
    [0.5, 'moderate'],
    [0.69, 'moderate'],
    [0.7, 'strong'],
    [0.89, 'strong'],
    [0.9, 'very strong'],
    [1, 'very strong'],
  ])('rwg %d → %s', (rwg, band) => expect(agreementBand(rwg)).toBe(band));
});

describe('percent favourable: top two of five points, top 40% of other scales', () => {
  test.each<[number, number, number]>([
    [1, 5, 2],
    [1, 4, 2],
    [1, 3, 1],
    [1, 7, 3],
    [0, 10, 4],
    [1, 2, 1],
  ])('scale %i–%i → the top %i point(s)', (min, max, count) =>
    expect(favourablePoints(min, max)).toBe(count),
  );

  test.each<[number[], number, number, number | null]>([
    [[1, 1, 5, 5, 3], 1, 5, 40],
    [[4, 4, 4, 4, 4], 1, 5, 100],
    [[1, 2, 3], 1, 5, 0],
    [[2, 4, 4], 1, 4, 67], // four points: 3 and 4 are favourable
    [[5, 6, 7, 2], 1, 7, 75], // seven points: 5, 6, 7
    [[], 1, 5, null],
  ])('%j on %i–%i → %s%', (answers, min, max, share) =>
    expect(favourableShare(histogram(answers), min, max)).toBe(share),
  );
});

describe('self–other agreement: half a scale point either way', () => {
  test.each<[number, number, SelfOther]>([
    [4, 2.3, 'over-estimates'],
    [4, 3.5, 'in-agreement'], // exactly at the threshold agrees
    [4, 3.49, 'over-estimates'],
    [3, 3.5, 'in-agreement'],
    [3, 3.51, 'under-estimates'],
    [1, 4, 'under-estimates'],
  ])('manager %d, reps %d → %s', (manager, reps, verdict) => expect(selfOther(manager, reps)).toBe(verdict));

  test.each<[number[], { gap: number; verdict: SelfOther; items: number } | null]>([
    [[1.7, 0.2, -0.3], { gap: 0.53, verdict: 'over-estimates', items: 3 }],
    [[1, -1], { gap: 0, verdict: 'in-agreement', items: 2 }],
    [[-0.6], { gap: -0.6, verdict: 'under-estimates', items: 1 }],
    [[], null],
  ])('overall over item gaps %j → %j', (gaps, want) => expect(overallSelfOther(gaps)).toEqual(want));
});

describe('indicative: a group of two to four', () => {
  test.each<[number, boolean]>([
    [0, false],
    [1, false],
    [2, true],
    [3, true],
    [4, true],
    [5, false],
    [50, false],
  ])('n %i → %s', (n, indicative) => expect(isIndicative(n)).toBe(indicative));
});

describe('suppress(): primary below the minimum, then enough more that subtraction recovers no one group', () => {
  test.each<[string, number[], number, number[], number[], 'too-few' | 'subtraction' | null]>([
    ['all groups large enough', [5, 5, 4], 3, [], [], null],
    ['one small group: the next smallest goes too', [5, 6, 2], 3, [2], [0], null],
    ['ties: the first of the smallest', [5, 5, 2], 3, [2], [0], null],
    ['two small groups that add up to the minimum', [5, 1, 2], 3, [1, 2], [], null],
    ['two small groups below the minimum together, three more', [5, 1, 1, 6, 4], 3, [1, 2], [4], null],
    [
      'two small groups below the minimum together, one more: the org goes',
      [5, 1, 1],
      3,
      [1, 2],
      [],
      'subtraction',
    ],
    ['one small group beside one other: the org goes, the other stays', [5, 2], 3, [1], [], 'subtraction'],
    ['nobody else to withhold: the org figure goes', [0, 2, 0], 3, [1], [], 'too-few'],
    ['two small groups that reach the minimum together, and nothing else', [2, 1], 3, [0, 1], [], null],
    ['a small group, an empty one and one other: the org goes', [2, 0, 4], 3, [0], [], 'subtraction'],
    ['the only group, small', [2], 3, [0], [], 'too-few'],
    ['the only group, large enough', [7], 3, [], [], null],
    ['the org too small', [1, 1], 3, [0, 1], [], 'too-few'],
    ['no answers at all', [0, 0], 3, [], [], null],
  ])('%s: %j, min %i', (_name, counts, min, primary, secondary, org) => {
    const got = suppress(counts, min);
    expect([...got.primary].sort()).toEqual(primary);
    expect([...got.secondary].sort()).toEqual(secondary);
    expect(got.org).toBe(org);
  });

  test('a group that answered nothing is never withheld in the place of another', () => {
    expect(suppress([1, 1, 0], 3).org).toBe('too-few');
    expect(suppress([0, 2, 0, 9, 9], 3)).toMatchObject({ secondary: new Set([3]), org: null });
  });
});

describe('itemFigures(): the same figures as the reference functions, in one pass', () => {
  test('on 500 random items: scales of 2 to 10 points, and choices with unsorted, repeated or missing scores', () => {
    const next = random(7);
    for (let i = 0; i < 500; i++) {
      const min = Math.floor(next() * 3);
      const max = min + 1 + Math.floor(next() * 9);
      const choice = next() < 0.4;
      const options = choice ? 2 + Math.floor(next() * 5) : max - min + 1;
      const points = Array.from({ length: options }, (_, o) =>
        choice ? (next() < 0.15 ? undefined : min + Math.floor(next() * (max - min + 1))) : min + o,
      );
      const counts = points.map(() => (next() < 0.3 ? 0 : Math.floor(next() * 12)));
      const histogram = points.flatMap((p, o): [number, number][] =>
        p === undefined ? [] : [[p, counts[o] ?? 0]],
      );
      const got = itemFigures(optionPoints(points, min, max), counts);
      const want = describeStats(histogram);
      expect({ mean: got.mean, median: got.median, spread: got.spread }).toEqual(want);
      expect(got.favourable).toBe(favourableShare(histogram, min, max));
      expect(got.agreement).toEqual(agreementOf(histogram, max - min + 1));
      const n = histogram.reduce((sum, [, c]) => sum + c, 0);
      const raw = n === 0 ? null : histogram.reduce((sum, [p, c]) => sum + p * c, 0) / n;
      if (raw === null) expect(got.exactMean).toBeNull();
      else expect(got.exactMean).toBeCloseTo(raw, 10);
    }
  });

  test('no counts, or only unscored answers: no figures', () => {
    expect(itemFigures(optionPoints([1, 2, 3], 1, 3), undefined).mean).toBeNull();
    expect(itemFigures(optionPoints([undefined, undefined], 1, 5), [3, 4])).toMatchObject({
      mean: null,
      agreement: null,
      favourable: null,
    });
  });
});
