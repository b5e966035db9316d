/**
 * Self–other agreement (Atwater & Yammarino 1992; Fleenor, McCauley & Brutus 1996): the manager's own rating
 * against the mean of their reps' ratings of the same item.
 */
export type SelfOther = 'over-estimates' | 'in-agreement' | 'under-estimates';

/** How far, in scale points, the manager's rating may sit from the reps' mean and still agree with it. */
export const SELF_OTHER_THRESHOLD = 0.5;

export function selfOther(manager: number, reps: number, threshold = SELF_OTHER_THRESHOLD): SelfOther {
  const gap = manager - reps;
  if (gap > threshold) return 'over-estimates';
  if (gap < -threshold) return 'under-estimates';
  return 'in-agreement';
}

/**
 * The overall verdict: the mean of the items' gaps (manager − reps, in scale points) over the items where both
 * are shown, against the same threshold. Null when no item has both.
 */
export function overallSelfOther(
  gaps: number[],
  threshold = SELF_OTHER_THRESHOLD,
): { gap: number; verdict: SelfOther; items: number } | null {
  if (gaps.length === 0) return null;
  const gap = gaps.reduce((sum, g) => sum + g, 0) / gaps.length;
  return { gap: Math.round(gap * 100) / 100, verdict: selfOther(gap, 0, threshold), items: gaps.length };
}
