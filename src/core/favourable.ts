/**
 * Percent favourable: the share of answers in the top points of the scale. The top two points of a five-point
 * scale, and the top 40% of the points of any other (at least one).
 */
export function favourablePoints(min: number, max: number): number {
  const count = max - min + 1;
  return Math.max(1, Math.round(count * 0.4));
}

/** Whole percent of the answers at or above the first favourable point; null without answers. */
export function favourableShare(points: [number, number][], min: number, max: number): number | null {
  const n = points.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const from = max - favourablePoints(min, max) + 1;
  const top = points.reduce((sum, [p, count]) => sum + (p >= from ? count : 0), 0);
  return Math.round((top / n) * 100);
}
