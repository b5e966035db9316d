/** What a team round says of a view or an item against the baseline round (team --baseline). */
export type ChangeVerdict = 'better' | 'worse' | 'within-noise';

export type TeamChange =
  | {
      /** After − before: scale points for an item (its mean), points of 100 for a view (its balance). */
      delta: number;
      verdict: ChangeVerdict;
      /** The two-sided p-value of the rank test. */
      p: number;
      /** Respondents behind each side. */
      n: { before: number; after: number };
    }
  | { withheld: string };

/** Each respondent's own balance, by role, as a histogram (balance → how many): what a view's change is tested on. */
export type BalanceDistributions = Record<'manager' | 'rep', Record<string, number> | null>;

/** Where the baseline round came from and how the comparison was made. */
export interface BaselineInfo {
  /** The folder, file or report it came from, and which it was. */
  source: string;
  kind: 'answers' | 'report';
  bank: { id: string; version: number };
  respondents: Record<'manager' | 'rep', number>;
  test: string;
  alpha: number;
  /** The baseline's version of the bank, when it is another: items are then compared where both have answers. */
  otherVersion: number | null;
  /** How the baseline was grouped (team --by): its groups are compared with the same-named groups now. */
  by: 'team' | 'folder' | null;
}
