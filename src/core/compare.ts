import { bankForRole } from './role.js';
import { type LedgerScore, round1, score } from './score.js';
import type { Answers, AnswerValue, Bank, FollowUpStatus, Leaning, Question, Role, Side } from './types.js';

export interface RoundScores {
  asked: number;
  given: number;
  balance: number;
}

/** One side of a comparison: where it came from and what it scored. */
export interface CompareSide {
  source: string;
  date: string | null;
  role: Role;
  bankVersion: number | null;
  scores: RoundScores;
  leaning: Leaning;
}

/** An item answered in both rounds that moved, in points of its scale (a choice counts as its score). */
export interface ItemMove {
  id: string;
  label: string;
  before: number;
  after: number;
  /** after − before, in scale points. */
  change: number;
  /** The points as the respondent saw them ("Never", "Usually"). */
  beforeWords: string;
  afterWords: string;
}

export interface CommitmentOutcome {
  text: string;
  item: string | null;
  label: string | null;
  due: string | null;
  /** What AFTER's follow-up says of it, when it says anything. */
  status?: FollowUpStatus;
  note?: string;
  /** How the item it served moved; change 0 when it did not. */
  itemChange?: Omit<ItemMove, 'id' | 'label'>;
}

export interface CompareReport {
  schemaVersion: 1;
  kind: 'compare';
  bank: { id: string; version: number; title: string };
  /** Set when the rounds were made for different versions of the bank: only the questions both list count. */
  commonItemsOnly: { versions: [number, number]; items: number; leftOut: string[] } | null;
  before: CompareSide;
  after: CompareSide;
  change: RoundScores;
  /** Every item that moved, largest move first. */
  items: ItemMove[];
  /** BEFORE's commitments, set against what moved in AFTER. */
  commitments: CommitmentOutcome[];
}

export interface Round {
  answers: Answers;
  source: string;
}

/** The scale point an answer stands for: itself on a scale, the choice's score for a choice. */
function pointOf(q: Question, answer: AnswerValue): number | undefined {
  if (q.type === 'scale' && typeof answer === 'number') return answer;
  return q.choices?.find((c) => c.value === answer)?.score;
}

/** A point in the words the respondent picked it by. */
function wordsOf(q: Question, answer: AnswerValue, point: number): string {
  if (q.type === 'choice') return q.choices?.find((c) => c.value === answer)?.label ?? String(answer);
  return q.scale?.labels[String(point)] ?? String(point);
}

/** Keeps only the answers to the given questions. */
function restrict(answers: Answers, ids: Set<string>): Answers {
  return { ...answers, values: new Map([...answers.values].filter(([id]) => ids.has(id))) };
}

/**
 * Two rounds of one bank side by side. Rounds made for different versions of the bank are compared on the
 * questions both files list. Returns the ledger that cannot be scored instead, when one cannot (too little
 * answered), for the caller to refuse.
 */
export function compareRounds(
  bank: Bank,
  before: Round,
  after: Round,
): CompareReport | { unscorable: { source: string; side: Side; ledger: LedgerScore; view: Bank } } {
  const role = before.answers.meta.role ?? 'manager';
  const view = bankForRole(bank, role);
  // A file that names no version is taken as made for the bank at hand, as scoring it takes it.
  const versions: [number, number] = [
    before.answers.meta.bankVersion ?? bank.version,
    after.answers.meta.bankVersion ?? bank.version,
  ];
  let commonItemsOnly: CompareReport['commonItemsOnly'] = null;
  let sides = [before, after];
  if (versions[0] !== versions[1]) {
    const listed = (round: Round) => round.answers.listed ?? new Set(round.answers.values.keys());
    const common = new Set([...listed(before)].filter((id) => listed(after).has(id)));
    const leftOut = view.questions.map((q) => q.id).filter((id) => !common.has(id));
    commonItemsOnly = { versions, items: view.questions.length - leftOut.length, leftOut };
    sides = sides.map((round) => ({ ...round, answers: restrict(round.answers, common) }));
  }

  const summaries: CompareSide[] = [];
  for (const round of sides) {
    const result = score(view, round.answers);
    for (const [side, ledger] of [
      ['asked', result.asked],
      ['owed', result.given],
    ] as const) {
      if (ledger.score === null) return { unscorable: { source: round.source, side, ledger, view } };
    }
    const { asked, given, balance, leaning } = result;
    if (asked.score === null || given.score === null || balance === null || leaning === null) {
      throw new Error('a scored round has a balance');
    }
    summaries.push({
      source: round.source,
      date: round.answers.meta.date ?? null,
      role: round.answers.meta.role ?? 'manager',
      bankVersion: round.answers.meta.bankVersion ?? null,
      scores: { asked: asked.score, given: given.score, balance },
      leaning,
    });
  }
  const [b, a] = summaries as [CompareSide, CompareSide];
  const [beforeAnswers, afterAnswers] = sides.map((round) => round.answers) as [Answers, Answers];

  const moves = new Map<string, ItemMove>();
  for (const q of view.questions) {
    if (!q.side) continue;
    const from = beforeAnswers.values.get(q.id);
    const to = afterAnswers.values.get(q.id);
    if (from === undefined || to === undefined) continue;
    const p = pointOf(q, from);
    const n = pointOf(q, to);
    if (p === undefined || n === undefined) continue;
    moves.set(q.id, {
      id: q.id,
      label: q.label,
      before: p,
      after: n,
      change: round1(n - p),
      beforeWords: wordsOf(q, from, p),
      afterWords: wordsOf(q, to, n),
    });
  }
  // Stable: among equal moves, the bank's order.
  const items = [...moves.values()]
    .filter((m) => m.change !== 0)
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change));

  return {
    schemaVersion: 1,
    kind: 'compare',
    bank: { id: bank.id, version: bank.version, title: bank.title },
    commonItemsOnly,
    before: b,
    after: a,
    change: {
      asked: round1(a.scores.asked - b.scores.asked),
      given: round1(a.scores.given - b.scores.given),
      balance: round1(a.scores.balance - b.scores.balance),
    },
    items,
    commitments: outcomes(view, before.answers, after.answers, moves),
  };
}

function outcomes(
  view: Bank,
  before: Answers,
  after: Answers,
  moves: Map<string, ItemMove>,
): CommitmentOutcome[] {
  const followUp = after.followUp ?? [];
  return (before.commitments ?? []).map((c) => {
    // The words may have been touched up between rounds; the item then tells which one it was, if only one.
    const byText = followUp.find((f) => f.text === c.text);
    const byItem = c.item === undefined ? [] : followUp.filter((f) => f.item === c.item);
    const said = byText ?? (byItem.length === 1 ? byItem[0] : undefined);
    const outcome: CommitmentOutcome = {
      text: c.text,
      item: c.item ?? null,
      label: c.item === undefined ? null : (view.questions.find((q) => q.id === c.item)?.label ?? null),
      due: c.due ?? null,
    };
    if (said) {
      outcome.status = said.status;
      if (said.note !== undefined) outcome.note = said.note;
    }
    const move = c.item === undefined ? undefined : moves.get(c.item);
    if (move) {
      const { id: _id, label: _label, ...change } = move;
      outcome.itemChange = change;
    }
    return outcome;
  });
}

/** The commitment that served an item, for showing it beside the item's move. */
export function commitmentFor(report: CompareReport, item: string): CommitmentOutcome | undefined {
  return report.commitments.find((c) => c.item === item);
}
