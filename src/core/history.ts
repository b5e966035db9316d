import { bankForRole } from './role.js';
import { score } from './score.js';
import type { Answers, Bank, FollowUpStatus, Leaning, Role } from './types.js';

export interface HistoryRound {
  /** The file the round is kept in. */
  file: string;
  date: string | null;
  role: Role;
  bankVersion: number | null;
  scores: { asked: number; given: number; balance: number };
  leaning: Leaning;
  commitments: number;
  /** How many of the previous round's commitments were kept, partly kept, not kept. */
  followUp: Record<FollowUpStatus, number>;
}

export interface HistoryReport {
  schemaVersion: 1;
  kind: 'history';
  bank: { id: string; version: number; title: string };
  folder: string;
  /** Oldest first, managers' rounds then reps'. */
  rounds: HistoryRound[];
  /** Files in the folder that could not be read or scored. */
  skipped: { file: string; reason: string }[];
}

/** One kept round, scored; a round too little answered to score gives the reason instead. */
export function historyRound(bank: Bank, file: string, role: Role, answers: Answers): HistoryRound | string {
  const result = score(bankForRole(bank, role), answers);
  const { asked, given, balance, leaning } = result;
  if (asked.score === null || given.score === null || balance === null || leaning === null) {
    return 'too little answered to score';
  }
  const followUp: Record<FollowUpStatus, number> = { kept: 0, partly: 0, 'not-kept': 0 };
  for (const f of answers.followUp ?? []) followUp[f.status] += 1;
  return {
    file,
    date: answers.meta.date ?? null,
    role,
    bankVersion: answers.meta.bankVersion ?? null,
    scores: { asked: asked.score, given: given.score, balance },
    leaning,
    commitments: answers.commitments?.length ?? 0,
    followUp,
  };
}
