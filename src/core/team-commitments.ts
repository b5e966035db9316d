import { type Answers, type Bank, FOLLOW_UP_STATUSES, type FollowUpStatus, type Role } from './types.js';

/** How one group said a commitment went: a count per status, and their notes (sorted, without names). */
export interface FollowUpCounts {
  n: number;
  counts: Record<FollowUpStatus, number> | null;
  notes: string[];
  withheld: string | null;
}

/** A commitment of the last round, with the manager's own follow-up beside the reps' view of it. */
export interface TeamCommitment {
  text: string;
  item: string | null;
  label: string | null;
  manager: FollowUpCounts;
  rep: FollowUpCounts;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Collects the follow-up in every answers file, by commitment (its words, as the manager's file and the reps'
 * templates share them). Reps' counts and notes are withheld below the minimum group, as their figures are.
 */
export class FollowUpTally {
  private readonly byText = new Map<
    string,
    { item?: string; said: Record<Role, FollowUpStatus[]>; notes: Record<Role, string[]> }
  >();

  constructor(
    private readonly bank: Bank,
    private readonly minGroup: number,
  ) {}

  add(answers: Answers): void {
    const role = answers.meta.role ?? 'manager';
    for (const f of answers.followUp ?? []) {
      const key = squash(f.text);
      const entry = this.byText.get(key) ?? {
        said: { manager: [], rep: [] },
        notes: { manager: [], rep: [] },
      };
      if (f.item !== undefined) entry.item ??= f.item;
      entry.said[role].push(f.status);
      if (f.note !== undefined) entry.notes[role].push(f.note);
      this.byText.set(key, entry);
    }
  }

  result(): TeamCommitment[] {
    return [...this.byText]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([text, entry]) => ({
        text,
        item: entry.item ?? null,
        label: this.bank.questions.find((q) => q.id === entry.item)?.label ?? null,
        manager: this.counts(entry.said.manager, entry.notes.manager, false),
        rep: this.counts(entry.said.rep, entry.notes.rep, true),
      }));
  }

  private counts(said: FollowUpStatus[], notes: string[], anonymous: boolean): FollowUpCounts {
    const n = said.length;
    if (anonymous && n > 0 && n < this.minGroup) {
      return { n, counts: null, notes: [], withheld: `fewer than ${this.minGroup} reps answered` };
    }
    const counts = Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, said.filter((x) => x === s).length]));
    // Sorted, so the order says nothing about who wrote what.
    return { n, counts: counts as Record<FollowUpStatus, number>, notes: [...notes].sort(), withheld: null };
  }
}
