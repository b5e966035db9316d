/**
 * Anonymity across groups, for one figure (the reps' answers to one item, or their comments on one question)
 * shown for each group and for the whole org.
 *
 * A group below the minimum is withheld (primary suppression). That is not enough when the org figure is shown:
 * the org's answers are the sum of its groups', so the org figure minus every shown group gives the withheld
 * group back. So, as statistical offices do with tables that have totals (complementary suppression), more is
 * withheld until what subtraction recovers is at least two groups together with at least the minimum of people:
 * the next smallest group; or, when that would leave no group shown, the org figure instead.
 */
export interface Suppression {
  /** Groups below the minimum. */
  primary: Set<number>;
  /** Groups withheld only so that a primary one cannot be recovered. */
  secondary: Set<number>;
  /** The org figure is withheld: too few in the whole org, or nothing else could protect a withheld group. */
  org: 'too-few' | 'subtraction' | null;
}

/**
 * `counts[g]` is how many people of group g gave this figure (0: the group has nothing to show or hide). Ties
 * between equally small groups go to the first, so the result depends only on the input.
 */
export function suppress(counts: number[], min: number): Suppression {
  const primary = new Set<number>();
  counts.forEach((n, g) => {
    if (n > 0 && n < min) primary.add(g);
  });
  const secondary = new Set<number>();
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total > 0 && total < min) return { primary, secondary, org: 'too-few' };
  if (primary.size === 0) return { primary, secondary, org: null };
  let hidden = primary.size;
  let hiddenPeople = [...primary].reduce((sum, g) => sum + (counts[g] ?? 0), 0);
  // Shown groups with answers, smallest first: the cheapest to withhold.
  const shown = counts
    .map((n, g) => [n, g] as const)
    .filter(([n, g]) => n > 0 && !primary.has(g))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  while (hidden < 2 || hiddenPeople < min) {
    // Withholding the last team shown would leave only the org figure: withhold that instead, keep the teams.
    if (shown.length <= 1) return { primary, secondary: new Set(), org: 'subtraction' };
    const [n, g] = shown.shift() as readonly [number, number];
    secondary.add(g);
    hidden += 1;
    hiddenPeople += n;
  }
  return { primary, secondary, org: null };
}
