/**
 * The Mann–Whitney (Wilcoxon rank-sum) test for two independent samples of ordinal answers, two-sided: does one
 * round's answers sit higher than the other's by more than chance would put them? Answers on a 1–5 scale are
 * mostly ties, so the test is exact and conditional on the ties: the p-value counts, over every way of
 * splitting the pooled answers into groups of the two sizes, the splits whose rank sum is at least as far from
 * its expectation as the one observed (mid-ranks for ties). When that would take too long (EXACT_BUDGET), it
 * uses the normal approximation with the tie correction, which is close for samples that large.
 */

/** A sample as a histogram: value → how many gave it. */
export type Sample = Map<number, number>;

export interface RankTest {
  /** Two-sided p-value. */
  p: number;
  exact: boolean;
}

/**
 * The exact distribution is computed when it takes at most this many steps (by the cheaper of two ways); past
 * it, the normal approximation. A 5-point item stays exact to about 90 answers a round; a view's balances
 * (mostly distinct values), to about 18 respondents a round.
 */
export const EXACT_BUDGET = 2_000_000;

/** A tie group: how many gave the value, how many of them are in A, and their mid-rank, doubled. */
interface Group {
  size: number;
  inA: number;
  rank2: number;
}

const sizeOf = (sample: Sample) => [...sample.values()].reduce((sum, n) => sum + n, 0);

/** ln C(n, k), for the exact distribution's weights without overflow. */
function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log((n - k + i) / i);
  return sum;
}

/** Standard normal upper tail, by the Abramowitz–Stegun 7.1.26 erfc approximation (error < 1.5e-7). */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** `budget` and `method` are for tests: how much exact work is allowed, and which exact way to take. */
export interface RankTestOptions {
  budget?: number;
  method?: 'enumerate' | 'table';
}

export function mannWhitney(first: Sample, second: Sample, options: RankTestOptions = {}): RankTest {
  const budget = options.budget ?? EXACT_BUDGET;
  // Two-sided, so the samples may be taken either way round: the smaller one keeps the table small.
  const [a, b] = sizeOf(first) <= sizeOf(second) ? [first, second] : [second, first];
  const n1 = sizeOf(a);
  const n2 = sizeOf(b);
  const total = n1 + n2;
  if (n1 === 0 || n2 === 0) return { p: 1, exact: true };
  // Tie groups in order, with doubled mid-ranks so every rank is a whole number.
  const values = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  const groups: Group[] = [];
  let below = 0;
  for (const value of values) {
    const inA = a.get(value) ?? 0;
    const size = inA + (b.get(value) ?? 0);
    if (size === 0) continue;
    groups.push({ size, inA, rank2: 2 * below + size + 1 });
    below += size;
  }
  const observed = groups.reduce((sum, g) => sum + g.inA * g.rank2, 0);
  const expected = n1 * (total + 1);
  const distance = Math.abs(observed - expected);
  if (groups.length === 1) return { p: 1, exact: true };

  if (Math.min(enumerationCost(groups, n1), tableCost(groups, n1, total)) > budget) {
    // Normal approximation of the doubled rank sum, its variance corrected for ties, with continuity.
    const ties = groups.reduce((sum, g) => sum + (g.size ** 3 - g.size), 0);
    const variance = ((4 * n1 * n2) / 12) * (total + 1 - ties / (total * (total - 1)));
    const z = Math.max(0, distance - 1) / Math.sqrt(variance);
    return { p: Math.min(1, 2 * normalUpperTail(z)), exact: false };
  }

  const all = Math.exp(logChoose(total, n1));
  const isExtreme = (sum: number) => Math.abs(sum - expected) >= distance - 1e-9;
  const method =
    options.method ?? (enumerationCost(groups, n1) <= tableCost(groups, n1, total) ? 'enumerate' : 'table');
  const extreme =
    method === 'enumerate' ? enumerated(groups, n1, isExtreme) : tabulated(groups, n1, total, isExtreme);
  return { p: Math.min(1, extreme / all), exact: true };
}

/** How many splits the enumeration visits: one per way of sharing A's answers among the tie groups. */
function enumerationCost(groups: Group[], n1: number): number {
  let cost = 1;
  for (const g of groups.slice(0, -1)) {
    cost *= Math.min(g.size, n1) + 1;
    if (cost > Number.MAX_SAFE_INTEGER) break;
  }
  return cost;
}

/** How many steps the table of rank sums takes: answers in A × sums × answers. */
function tableCost(groups: Group[], n1: number, total: number): number {
  return (n1 + 1) * (2 * total * n1 + 1) * (total + groups.length);
}

/**
 * Few tie groups (answers on a scale of a few points): every way of sharing A's answers among the groups, each
 * weighted by how many splits it stands for (the product of binomials), its rank sum set by the shares.
 */
function enumerated(groups: Group[], n1: number, isExtreme: (sum: number) => boolean): number {
  const after = groups.map((_, i) => groups.slice(i + 1).reduce((sum, g) => sum + g.size, 0));
  const ways = groups.map((g) =>
    Array.from({ length: g.size + 1 }, (_, x) => Math.exp(logChoose(g.size, x))),
  );
  let extreme = 0;
  const walk = (i: number, left: number, sum: number, weight: number) => {
    const g = groups[i];
    if (!g) {
      if (left === 0 && isExtreme(sum)) extreme += weight;
      return;
    }
    const rest = after[i] ?? 0;
    for (let x = Math.max(0, left - rest); x <= Math.min(g.size, left); x++) {
      walk(i + 1, left - x, sum + x * g.rank2, weight * (ways[i]?.[x] ?? 0));
    }
  };
  walk(0, n1, 0, 1);
  return extreme;
}

/** Many tie groups (answers of many distinct values): a table of how many splits reach each rank sum. */
function tabulated(groups: Group[], n1: number, total: number, isExtreme: (sum: number) => boolean): number {
  // weights[k][s]: how many splits of the groups so far put k answers in A with doubled rank sum s.
  const maxSum = 2 * total * n1 + 1;
  let weights = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
  const start = weights[0];
  if (start) start[0] = 1;
  let seen = 0;
  let reach = 0;
  for (const g of groups) {
    const ways = Array.from({ length: g.size + 1 }, (_, x) => Math.exp(logChoose(g.size, x)));
    const next = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
    for (let k = 0; k <= Math.min(n1, seen); k++) {
      const row = weights[k] ?? new Float64Array(0);
      for (let sum = 0; sum <= reach; sum++) {
        const w = row[sum] ?? 0;
        if (w === 0) continue;
        for (let x = 0; x <= g.size && k + x <= n1; x++) {
          const target = next[k + x];
          const at = sum + x * g.rank2;
          if (target) target[at] = (target[at] ?? 0) + w * (ways[x] ?? 0);
        }
      }
    }
    weights = next;
    seen += g.size;
    reach = Math.min(maxSum, reach + Math.min(g.size, n1) * g.rank2);
  }
  const final = weights[n1] ?? new Float64Array(0);
  let extreme = 0;
  for (let sum = 0; sum < final.length; sum++)
    if ((final[sum] ?? 0) > 0 && isExtreme(sum)) extreme += final[sum] ?? 0;
  return extreme;
}
