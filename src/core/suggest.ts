import { quote } from './quote.js';

/**
 * Edit distance between a and b, a swap of two neighbours counting as one edit (optimal string alignment), or
 * `limit + 1` as soon as it is sure to exceed `limit`. Only the cells within `limit` of the diagonal can stay within
 * it, so only those are computed, and a row whose every cell is beyond it ends the search: most candidates are far
 * from a typo and stop after a few characters.
 */
function distanceWithin(a: string, b: string, limit: number): number {
  const beyond = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return beyond;
  // Three rows of the table, reused in turn (a swap looks two rows back). Each row is written from one cell before
  // its band to one after it, the only cells the next two rows read, so a cell outside the band reads as `beyond`.
  let twoBack: number[] = new Array(b.length + 2).fill(beyond);
  let previous: number[] = new Array(b.length + 2).fill(beyond);
  let current: number[] = new Array(b.length + 2).fill(beyond);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const char = a.charCodeAt(i - 1);
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    let left = from === 1 ? i : beyond;
    current[from - 1] = left;
    let rowMin = left;
    for (let j = from; j <= to; j++) {
      const diagonal = (previous[j - 1] as number) + (char === b.charCodeAt(j - 1) ? 0 : 1);
      const up = (previous[j] as number) + 1;
      let cell = left + 1;
      if (up < cell) cell = up;
      if (diagonal < cell) cell = diagonal;
      if (j > 1 && i > 1 && char === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        const swap = (twoBack[j - 2] as number) + 1;
        if (swap < cell) cell = swap;
      }
      if (cell > beyond) cell = beyond;
      current[j] = cell;
      left = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin > limit) return beyond;
    current[to + 1] = beyond;
    const done = twoBack;
    twoBack = previous;
    previous = current;
    current = done;
  }
  return Math.min(previous[b.length] as number, beyond);
}

/** Distance is quadratic in length; nothing this long is a typo of an id or a key. */
const MAX_SUGGESTIBLE_LENGTH = 200;

/**
 * How many unknown names in one file get a suggestion and a line of their own. Past that it is the wrong
 * file, not a typo; and each suggestion is compared with every candidate, so the cap bounds the work too.
 */
export const MAX_UNKNOWN_LISTED = 20;

/** The candidate nearest to `input`, or undefined when none is close enough to be a likely typo. */
export function nearest(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > MAX_SUGGESTIBLE_LENGTH) return undefined;
  const needle = input.toLowerCase();
  // Anything further than this is not a typo; and once a candidate is found, only a nearer one matters.
  let limit = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  for (const candidate of candidates) {
    const d = distanceWithin(needle, candidate.toLowerCase(), limit);
    // The name itself is no suggestion, however it is spelt in the file. Past one edit, a typo keeps its first letter
    // (spelling-error studies find it is rarely the wrong one): `yaml` is no typo of `html`, `date` may be of `due`.
    if (d <= limit && (d <= 1 || sameFirstLetter(needle, candidate)) && candidate !== input) {
      best = candidate;
      if (d === 0) break;
      limit = d - 1;
    }
  }
  return best;
}

function sameFirstLetter(lowered: string, candidate: string): boolean {
  return lowered.length > 0 && lowered[0] === candidate[0]?.toLowerCase();
}

/** " Did you mean "x"?", or nothing; names are quoted so that one never looks like the other. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = nearest(input, candidates);
  return match === undefined ? '' : ` Did you mean ${quote(match)}?`;
}

/**
 * didYouMean for the unknown names of one file: the first MAX_UNKNOWN_LISTED get a suggestion, the rest none
 * (their lines are not shown anyway).
 */
export function suggester(): (input: string, candidates: Iterable<string>) => string {
  let left = MAX_UNKNOWN_LISTED;
  return (input, candidates) => (left-- > 0 ? didYouMean(input, candidates) : '');
}

/** "… and 5,080 more", for the lines past a cap. */
export function andMore(count: number, what: string): string {
  return `… and ${count.toLocaleString('en-US')} more ${what}`;
}
