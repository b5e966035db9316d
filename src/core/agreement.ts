/**
 * Within-group agreement, rwg (James, Demaree & Wolf 1984): how far the answers' variance falls short of the
 * variance that answers spread evenly over the scale would have. Bands from LeBreton & Senter (2008).
 */

export type AgreementBand = 'none' | 'weak' | 'moderate' | 'strong' | 'very strong';

export interface Agreement {
  /** 0 (no more agreement than answers spread evenly) to 1 (everyone gave the same answer). */
  rwg: number;
  band: AgreementBand;
}

/** LeBreton & Senter (2008), table 3: each band's lower bound. */
const BANDS: [number, AgreementBand][] = [
  [0.9, 'very strong'],
  [0.7, 'strong'],
  [0.5, 'moderate'],
  [0.3, 'weak'],
];

export function agreementBand(rwg: number): AgreementBand {
  return BANDS.find(([from]) => rwg >= from)?.[1] ?? 'none';
}

/**
 * rwg = 1 − s² / σ²_EU, with s² the sample variance of the answers and σ²_EU = (A² − 1) / 12 the variance of a
 * uniform answer over A scale points, truncated to 0–1. Null for fewer than two answers: one answer agrees with
 * nobody. `points` is a histogram of [scale point, count].
 */
export function agreementOf(points: [number, number][], scalePoints: number): Agreement | null {
  const n = points.reduce((sum, [, count]) => sum + count, 0);
  if (n < 2 || scalePoints < 2) return null;
  const mean = points.reduce((sum, [p, count]) => sum + p * count, 0) / n;
  const sampleVariance = points.reduce((sum, [p, count]) => sum + count * (p - mean) ** 2, 0) / (n - 1);
  const uniformVariance = (scalePoints ** 2 - 1) / 12;
  const rwg = Math.min(1, Math.max(0, 1 - sampleVariance / uniformVariance));
  const rounded = Math.round(rwg * 100) / 100;
  return { rwg: rounded, band: agreementBand(rwg) };
}
