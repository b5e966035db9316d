import type { Answers, AnswerValue, Bank, Leaning, Question, Side, View } from './types.js';

export interface ItemScore {
  id: string;
  side: Side;
  label: string;
  weight: number;
  answer: AnswerValue;
  /** The answer on the 0–1 range of its scale. */
  normalized: number;
  /** The scale point and its label, as the respondent saw it ("2 · Rarely"). */
  display: string;
}

export interface LedgerScore {
  /** 0–100, or null when too little of the ledger was answered to score it. */
  score: number | null;
  answered: number;
  total: number;
  answeredWeightShare: number;
  items: ItemScore[];
}

export interface Gap {
  asked: ItemScore;
  /** The answered owed items that support it and sit below it, lowest first. */
  lagging: ItemScore[];
  /** Points (0–100) by which the asked item exceeds the mean of its answered supporters. */
  size: number;
}

export interface Score {
  asked: LedgerScore;
  given: LedgerScore;
  /** null when either ledger could not be scored. */
  balance: number | null;
  leaning: Leaning | null;
  gaps: Gap[];
  missing: string[];
  selfView: { questionId: string; answer: string; view: View; matches: boolean | null } | null;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The answer on the 0–1 range of its question's scale; undefined for an answer with no points (text, an unscored choice). */
function normalizedAnswer(q: Question, answer: AnswerValue): number | undefined {
  if (!q.side || !q.scale) return undefined;
  let points = q.type === 'scale' && typeof answer === 'number' ? answer : undefined;
  // A loop, not find(): a team run scores every respondent, and each callback would be garbage.
  if (points === undefined) {
    for (const c of q.choices ?? []) {
      if (c.value !== answer) continue;
      points = c.score;
      break;
    }
  }
  if (points === undefined) return undefined;
  const { min, max } = q.scale;
  return Math.min(1, Math.max(0, (points - min) / (max - min)));
}

export function scoreItem(q: Question, answer: AnswerValue): ItemScore | undefined {
  const normalized = normalizedAnswer(q, answer);
  if (normalized === undefined || !q.side || !q.scale) return undefined;
  const { max, labels } = q.scale;
  let display: string;
  if (q.type === 'scale' && typeof answer === 'number') {
    const label = labels[String(answer)];
    display = label ? `${answer} · ${label}` : `${answer} of ${max}`;
  } else {
    const choice = q.choices?.find((c) => c.value === answer);
    display = choice?.label ?? String(answer);
  }
  return { id: q.id, side: q.side, label: q.label, weight: q.weight, answer, normalized, display };
}

/** A bank's questions on each side and their total weight, found once per bank: a team run scores every file. */
const ledgersOf = new WeakMap<Bank, Record<Side, { questions: Question[]; totalWeight: number }>>();
function ledgerOf(bank: Bank, side: Side): { questions: Question[]; totalWeight: number } {
  let ledgers = ledgersOf.get(bank);
  if (!ledgers) {
    const of = (s: Side) => {
      const questions = bank.questions.filter((q) => q.side === s);
      return { questions, totalWeight: questions.reduce((sum, q) => sum + q.weight, 0) };
    };
    ledgers = { asked: of('asked'), owed: of('owed') };
    ledgersOf.set(bank, ledgers);
  }
  return ledgers[side];
}

/** `withItems` false: the score without each item's own figures and words, for tallying many respondents. */
/** The items of a ledger scored without them (see scoreLedger): one list, always empty. */
const NO_ITEMS: ItemScore[] = [];

function scoreLedger(bank: Bank, answers: Answers, side: Side, withItems = true): LedgerScore {
  const { questions: ledger, totalWeight } = ledgerOf(bank, side);
  const items: ItemScore[] = withItems ? [] : NO_ITEMS;
  let answered = 0;
  let answeredWeight = 0;
  let weightedSum = 0;
  let plainSum = 0;
  for (const q of ledger) {
    const answer = answers.values.get(q.id);
    const normalized = answer === undefined ? undefined : normalizedAnswer(q, answer);
    if (normalized === undefined) continue;
    answered += 1;
    answeredWeight += q.weight;
    weightedSum += normalized * q.weight;
    plainSum += normalized;
    const item = withItems ? scoreItem(q, answer as AnswerValue) : undefined;
    if (item) items.push(item);
  }
  const answeredWeightShare =
    totalWeight === 0 ? (answered === ledger.length ? 1 : 0) : answeredWeight / totalWeight;
  const enough = answered > 0 && answeredWeightShare >= bank.scoring.minAnsweredWeight;
  let score: number | null = null;
  if (enough) {
    // All-zero weights would divide by zero; fall back to a plain mean so the ledger still says something.
    const mean = answeredWeight > 0 ? weightedSum / answeredWeight : plainSum / answered;
    score = round1(mean * 100);
  }
  return { score, answered, total: ledger.length, answeredWeightShare, items };
}

export function leaningOf(asked: number, given: number, tolerance: number): Leaning {
  // Rounded like the balance the report shows, so "a difference of 10 or less" holds for what the reader sees.
  const difference = round1(asked - given);
  if (difference > tolerance) return 'asks-exceed-gives';
  if (-difference > tolerance) return 'gives-exceed-asks';
  return 'balanced';
}

function findGaps(bank: Bank, asked: LedgerScore, given: LedgerScore): Gap[] {
  const owedById = new Map(given.items.map((item) => [item.id, item]));
  const gaps: Gap[] = [];
  for (const item of asked.items) {
    const q = bank.questions.find((question) => question.id === item.id);
    const supporters = (q?.supportedBy ?? []).flatMap((id) => owedById.get(id) ?? []);
    if (supporters.length === 0) continue;
    const support = supporters.reduce((sum, s) => sum + s.normalized, 0) / supporters.length;
    const size = round1((item.normalized - support) * 100);
    if (size <= 0) continue;
    const lagging = supporters
      .filter((s) => s.normalized < item.normalized)
      .sort((a, b) => a.normalized - b.normalized);
    gaps.push({ asked: item, lagging, size });
  }
  // Stable sort keeps bank order among equal gaps, so reports do not reshuffle between runs.
  return gaps.sort((a, b) => b.size - a.size);
}

function findSelfView(bank: Bank, answers: Answers, leaning: Leaning | null): Score['selfView'] {
  for (const q of bank.questions) {
    const answer = answers.values.get(q.id);
    const choice = q.choices?.find((c) => c.view !== undefined && c.value === answer);
    if (!choice?.view) continue;
    let matches: boolean | null = null;
    if (leaning !== null && choice.view !== 'unsure') {
      matches = (choice.view === 'balanced') === (leaning === 'balanced');
    }
    return { questionId: q.id, answer: choice.value, view: choice.view, matches };
  }
  return null;
}

const balanceOf = (asked: LedgerScore, given: LedgerScore) =>
  asked.score === null || given.score === null ? null : round1(100 - Math.abs(asked.score - given.score));

/** The balance alone, without the gaps and the rest of the report: for tallying many respondents. */
export function balanceOnly(bank: Bank, answers: Answers): number | null {
  return balanceOf(scoreLedger(bank, answers, 'asked', false), scoreLedger(bank, answers, 'owed', false));
}

/** Scores answers against a bank. Pure: same inputs, same score. */
export function score(bank: Bank, answers: Answers): Score {
  const asked = scoreLedger(bank, answers, 'asked');
  const given = scoreLedger(bank, answers, 'owed');
  const balance = balanceOf(asked, given);
  let leaning: Leaning | null = null;
  if (asked.score !== null && given.score !== null) {
    leaning = leaningOf(asked.score, given.score, bank.scoring.tolerance);
  }
  const missing = bank.questions.filter((q) => !answers.values.has(q.id)).map((q) => q.id);
  return {
    asked,
    given,
    balance,
    leaning,
    gaps: findGaps(bank, asked, given),
    missing,
    selfView: findSelfView(bank, answers, leaning),
  };
}

/** A ledger with too little answered to score it, and what was left unanswered there. */
export interface UnscorableLedger {
  side: Side;
  answered: number;
  total: number;
  /** The share of the ledger's weight answered, and the share the bank needs, in whole percent. */
  answeredPercent: number;
  neededPercent: number;
  /** The ledger's questions without a scored answer, in bank order. */
  unanswered: string[];
}

/** The ledgers of a score that could not be scored, asked first; none when the balance stands. */
export function unscorableLedgers(bank: Bank, result: Score): UnscorableLedger[] {
  const ledgers: [Side, LedgerScore][] = [
    ['asked', result.asked],
    ['owed', result.given],
  ];
  return ledgers.flatMap(([side, ledger]) => {
    if (ledger.score !== null) return [];
    const scored = new Set(ledger.items.map((item) => item.id));
    return [
      {
        side,
        answered: ledger.answered,
        total: ledger.total,
        answeredPercent: Math.round(ledger.answeredWeightShare * 100),
        neededPercent: Math.round(bank.scoring.minAnsweredWeight * 100),
        unanswered: bank.questions.filter((q) => q.side === side && !scored.has(q.id)).map((q) => q.id),
      },
    ];
  });
}

/** Why the ledger cannot be scored, in words that name no command or option: the caller says what to do. */
export function unscorableMessage(ledger: UnscorableLedger): string {
  return `too little of the ${ledger.side} ledger is answered to score it: ${ledger.answered} of ${ledger.total} items, ${ledger.answeredPercent}% of its weight (at least ${ledger.neededPercent}% is needed)`;
}
