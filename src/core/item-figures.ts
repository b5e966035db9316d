import { type Agreement, agreementBand } from './agreement.js';
import { favourablePoints } from './favourable.js';
import { round2 } from './stats.js';

/** The scale point each option of a question counts as (undefined: an unscored choice), and its scale. */
export interface OptionPoints {
  points: (number | undefined)[];
  /** The options that have a point, lowest point first: for the median. */
  order: number[];
  min: number;
  max: number;
}

export function optionPoints(points: (number | undefined)[], min: number, max: number): OptionPoints {
  const order = points
    .map((point, option) => [point, option] as const)
    .filter((entry): entry is readonly [number, number] => entry[0] !== undefined)
    .sort((a, b) => a[0] - b[0])
    .map(([, option]) => option);
  return { points, order, min, max };
}

export interface ItemFigures {
  mean: number | null;
  /** The mean before rounding: what views and gaps are computed from. */
  exactMean: number | null;
  median: number | null;
  spread: number | null;
  favourable: number | null;
  agreement: Agreement | null;
}

const NONE: ItemFigures = {
  mean: null,
  exactMean: null,
  median: null,
  spread: null,
  favourable: null,
  agreement: null,
};

/**
 * Every figure of one item and role from its counts per option, in one pass and without building a histogram:
 * an org report computes them for every item of thousands of groups. The same figures as describe(),
 * favourableShare() and agreementOf() give (a property test holds them to it).
 */
export function itemFigures(options: OptionPoints, counts: readonly number[] | undefined): ItemFigures {
  if (!counts) return NONE;
  let n = 0;
  let sum = 0;
  let top = 0;
  const from = options.max - favourablePoints(options.min, options.max) + 1;
  for (const option of options.order) {
    const count = counts[option] ?? 0;
    const point = options.points[option] as number;
    n += count;
    sum += count * point;
    if (point >= from) top += count;
  }
  if (n === 0) return NONE;
  const mean = sum / n;
  let squares = 0;
  let seen = 0;
  let low: number | undefined;
  let high: number | undefined;
  // The median: the middle answer, or the mean of the two middle ones.
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.floor(n / 2);
  for (const option of options.order) {
    const count = counts[option] ?? 0;
    if (count === 0) continue;
    const point = options.points[option] as number;
    squares += count * (point - mean) ** 2;
    seen += count;
    if (low === undefined && seen > lowRank) low = point;
    if (high === undefined && seen > highRank) high = point;
  }
  const scalePoints = options.max - options.min + 1;
  let agreement: Agreement | null = null;
  if (n >= 2 && scalePoints >= 2) {
    const rwg = Math.min(1, Math.max(0, 1 - squares / (n - 1) / ((scalePoints ** 2 - 1) / 12)));
    agreement = { rwg: Math.round(rwg * 100) / 100, band: agreementBand(rwg) };
  }
  return {
    mean: round2(mean),
    exactMean: mean,
    median: ((low as number) + (high as number)) / 2,
    spread: round2(Math.sqrt(squares / n)),
    favourable: Math.round((top / n) * 100),
    agreement,
  };
}
