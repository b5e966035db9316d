/** Figures of a histogram of answers, [scale point, count]: what the team report shows per item. */
export interface Moments {
  mean: number | null;
  median: number | null;
  spread: number | null;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Mean, median and standard deviation of a histogram of [point, count]. */
export function describe(points: [number, number][]): Moments {
  const n = points.reduce((sum, [, count]) => sum + count, 0);
  const exact = exactMoments(points);
  if (n === 0 || exact === null) return { mean: null, median: null, spread: null };
  const { mean, spread } = exact;
  const sorted = [...points].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const at = (rank: number) => {
    let seen = 0;
    for (const [p, count] of sorted) {
      seen += count;
      if (seen > rank) return p;
    }
    return sorted.at(-1)?.[0] ?? 0;
  };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { mean: round2(mean), median, spread: round2(spread) };
}

/** Mean and standard deviation before rounding: what scores and flags are computed from. */
export function exactMoments(points: [number, number][]): { mean: number; spread: number } | null {
  const n = points.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const mean = points.reduce((sum, [p, count]) => sum + p * count, 0) / n;
  const variance = points.reduce((sum, [p, count]) => sum + count * (p - mean) ** 2, 0) / n;
  return { mean, spread: Math.sqrt(variance) };
}

/** Below this many answers a group's figures are only indicative (one answer is a person, not a group). */
export const INDICATIVE_BELOW = 5;

export const isIndicative = (n: number): boolean => n >= 2 && n < INDICATIVE_BELOW;
