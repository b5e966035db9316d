import type { GroupModel } from './team-model.js';
import type { Bank } from './types.js';

/** One team's line of the ranked table: both views' balance and its widest perception gap. */
export interface RankedTeam {
  team: string;
  respondents: { manager: number; rep: number };
  balance: { manager: number | null; rep: number | null };
  /** The lower of the two balances shown; the table ranks by it, least balanced first. */
  lowest: number | null;
  widestGap: { id: string; label: string; gap: number } | null;
}

/** Teams × owed items: each cell the perception gap (manager − reps, scale points), null when not shown. */
export interface Heatmap {
  items: { id: string; label: string }[];
  rows: { team: string; gaps: (number | null)[] }[];
}

export interface OrgSummary {
  ranking: RankedTeam[];
  heatmap: Heatmap;
}

/** Plain data for every renderer: the ranked table and the heatmap. */
export function orgSummary(groups: GroupModel[], bank: Bank): OrgSummary {
  const summary = new SummaryBuilder(bank);
  for (const group of groups) summary.add(group);
  return summary.result();
}

/** The summary built one group at a time, keeping only what it shows of each. */
export class SummaryBuilder {
  private readonly ranking: RankedTeam[] = [];
  private readonly rows: Heatmap['rows'] = [];
  private readonly items: Heatmap['items'];

  constructor(bank: Bank) {
    this.items = bank.questions
      .filter((q) => q.side === 'owed' && q.scale)
      .map((q) => ({ id: q.id, label: q.label }));
  }

  add(group: GroupModel): void {
    const balanceOf = (role: 'manager' | 'rep') => {
      const view = group.scores[role];
      return view.withheld === null ? view.balance : null;
    };
    const balance = { manager: balanceOf('manager'), rep: balanceOf('rep') };
    const shown = [balance.manager, balance.rep].filter((b): b is number => b !== null);
    const widest = group.perceptionGaps[0];
    this.ranking.push({
      team: group.team,
      respondents: { ...group.respondents },
      balance,
      lowest: shown.length > 0 ? Math.min(...shown) : null,
      widestGap: widest ? { id: widest.id, label: widest.label, gap: widest.gap } : null,
    });
    this.rows.push({
      team: group.team,
      gaps: this.items.map((item) => group.perceptionGaps.find((gap) => gap.id === item.id)?.gap ?? null),
    });
  }

  result(): OrgSummary {
    // Least balanced first; teams with no balance to show last; then by name, so the order is stable.
    const ranking = [...this.ranking].sort(
      (a, b) =>
        (a.lowest ?? Number.POSITIVE_INFINITY) - (b.lowest ?? Number.POSITIVE_INFINITY) ||
        a.team.localeCompare(b.team),
    );
    return { ranking, heatmap: { items: this.items, rows: this.rows } };
  }
}
