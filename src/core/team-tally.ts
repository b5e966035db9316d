import { type OptionPoints, optionPoints } from './item-figures.js';
import { bankForRole } from './role.js';
import { score } from './score.js';
import type { Answers, Bank, Question, Role } from './types.js';

export const ROLES: Role[] = ['manager', 'rep'];

/**
 * A copy of a string that holds no reference to the text it was cut from. V8 keeps a substring as a slice of its
 * parent, so a kept reflection would keep its whole answers file alive: 100,000 files' worth in a large org.
 * Joining a character to it makes a flat copy, and the slice of that keeps the copy alone: two small objects per
 * text, but a quarter of the time that through JSON and back takes, for each of an org's answers.
 */
const ownCopy = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));

/** One person's own scores, listed only with --show-names. */
export interface PersonRow {
  name: string;
  role: Role;
  team: string | null;
  asked: number | null;
  given: number | null;
  balance: number | null;
}

/** Where each answer of the bank is counted: a question's slot, and its answer's place among the options. */
export class BankIndex {
  readonly questions: Question[];
  readonly views: Record<Role, Bank>;
  private readonly slots = new Map<string, number>();
  private readonly choiceSlots: (Map<string, number> | undefined)[] = [];
  /** Per question: the scale point of each option; undefined for text and unscored choice questions. */
  readonly optionPoints: (OptionPoints | undefined)[] = [];

  constructor(readonly bank: Bank) {
    this.questions = bank.questions;
    this.views = { manager: bankForRole(bank, 'manager'), rep: bankForRole(bank, 'rep') };
    bank.questions.forEach((q, slot) => {
      this.slots.set(q.id, slot);
      this.choiceSlots[slot] = q.choices ? new Map(q.choices.map((c, i) => [c.value, i])) : undefined;
      if (q.scale && q.type === 'scale') {
        const { min, max } = q.scale;
        this.optionPoints[slot] = optionPoints(
          Array.from({ length: max - min + 1 }, (_, i) => min + i),
          min,
          max,
        );
      } else if (q.scale && q.choices?.some((c) => c.score !== undefined)) {
        this.optionPoints[slot] = optionPoints(
          q.choices.map((c) => c.score),
          q.scale.min,
          q.scale.max,
        );
      }
    });
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** How many options an answer of the question can take: its scale points or its choices. */
  optionCount(q: Question): number {
    if (q.type === 'choice') return q.choices?.length ?? 0;
    return q.scale ? q.scale.max - q.scale.min + 1 : 0;
  }

  /** The option an answer stands for, or -1 (checked answers always have one). */
  optionOf(slot: number, q: Question, value: number | string): number {
    if (q.type === 'choice') return this.choiceSlots[slot]?.get(String(value)) ?? -1;
    return typeof value === 'number' && q.scale ? value - q.scale.min : -1;
  }
}

/**
 * The answers of one group (a team, a folder, or everyone), as counts per question, role and option: memory
 * grows with the bank, not with the number of respondents. Free-text answers are kept as they are.
 */
export class GroupTally {
  readonly respondents: Record<Role, number> = { manager: 0, rep: 0 };
  readonly counts: Record<Role, (number[] | undefined)[]> = { manager: [], rep: [] };
  readonly texts: Record<Role, (string[] | undefined)[]> = { manager: [], rep: [] };
  readonly people: PersonRow[] = [];

  constructor(private readonly index: BankIndex) {}

  add(answers: Answers, team: string | null, showNames: boolean): void {
    const role = answers.meta.role ?? 'manager';
    this.respondents[role] += 1;
    const counts = this.counts[role];
    const texts = this.texts[role];
    // forEach, not for...of: the entries of 100,000 files' answers are garbage the collector is spared.
    answers.values.forEach((value, id) => {
      const slot = this.index.slotOf(id);
      if (slot === undefined) return;
      const q = this.index.questions[slot] as Question;
      if (q.type === 'text') {
        const text = ownCopy(String(value));
        const list = texts[slot];
        if (list) list.push(text);
        else texts[slot] = [text];
        return;
      }
      const option = this.index.optionOf(slot, q, value);
      if (option < 0) return;
      let tally = counts[slot];
      if (!tally) {
        tally = new Array<number>(this.index.optionCount(q)).fill(0);
        counts[slot] = tally;
      }
      tally[option] = (tally[option] ?? 0) + 1;
    });
    if (showNames) {
      const result = score(this.index.views[role], answers);
      this.people.push({
        name: answers.meta.respondent ?? '(no name)',
        role,
        team,
        asked: result.asked.score,
        given: result.given.score,
        balance: result.balance,
      });
    }
  }

  /** Adds another group's counts to this one: the org is the sum of its groups. */
  absorb(other: GroupTally): void {
    for (const role of ROLES) {
      this.respondents[role] += other.respondents[role];
      other.counts[role].forEach((tally, slot) => {
        if (!tally) return;
        const mine = this.counts[role][slot];
        if (mine) {
          for (let i = 0; i < tally.length; i++) mine[i] = (mine[i] ?? 0) + (tally[i] ?? 0);
        } else this.counts[role][slot] = [...tally];
      });
      other.texts[role].forEach((list, slot) => {
        if (!list) return;
        const mine = this.texts[role][slot];
        if (mine) mine.push(...list);
        else this.texts[role][slot] = [...list];
      });
    }
    this.people.push(...other.people);
  }

  /** How many of this role answered the question. */
  answered(role: Role, slot: number): number {
    const tally = this.counts[role][slot];
    if (tally) return tally.reduce((sum, c) => sum + c, 0);
    return this.texts[role][slot]?.length ?? 0;
  }
}
