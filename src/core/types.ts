/** The validated, defaults-filled question bank the rest of the program works from. */
export type Side = 'asked' | 'owed';
export type QuestionType = 'scale' | 'choice' | 'text';
export type Leaning = 'asks-exceed-gives' | 'balanced' | 'gives-exceed-asks';
/** What a choice on the self-view question claims about the balance. */
export type View = 'out-of-balance' | 'balanced' | 'unsure';

export interface Scale {
  id: string;
  min: number;
  max: number;
  labels: Record<string, string>;
}

export type Role = 'manager' | 'rep';

export interface Choice {
  value: string;
  label: string;
  score?: number;
  view?: View;
  rep?: { label: string };
}

export type Source = { article: string } | { added: string };

export interface Question {
  id: string;
  section: string;
  type: QuestionType;
  side?: Side;
  prompt: string;
  /** A short noun phrase the report uses in sentences ("coaching the reps who struggle"). */
  label: string;
  help?: string;
  weight: number;
  scale?: Scale;
  choices?: Choice[];
  source?: Source;
  supportedBy: string[];
  /** For owed items: what to talk over in a team retro when reps see it differently. */
  discuss?: string;
  /** The rep-facing wording; a question without it is not asked of reps. */
  rep?: { prompt: string; label?: string; help?: string };
  /** Owed items only: a concrete commitment the manager can pick after the report. */
  suggestion?: string;
}

export interface Section {
  id: string;
  title: string;
  intro?: string;
  rep?: { title?: string; intro?: string };
}

export interface Bank {
  id: string;
  version: number;
  title: string;
  intro?: string;
  scales: Record<string, Scale>;
  sections: Section[];
  questions: Question[];
  scoring: { tolerance: number; minAnsweredWeight: number };
  verdicts: Record<Leaning, string>;
  rep?: { intro?: string; verdicts?: Record<Leaning, string> };
  /** The wording of the follow-up and commitment prompts; a bank without it borrows the built-in one's. */
  rounds?: RoundsWording;
}

/** How a commitment went, as the next round says: in an answers file's `followUp`. */
export const FOLLOW_UP_STATUSES = ['kept', 'partly', 'not-kept'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface RoundsWording {
  followUp: {
    intro: string;
    prompt: string;
    note: string;
    choices: Record<FollowUpStatus, string>;
    rep: { intro: string; prompt: string };
  };
  commit: { intro: string; prompt: string; ownWords: string; done: string; text: string; due: string };
}

export type PathSegment = string | number;

/** A problem found in a data file, located by its path inside the document, not by line. */
/**
 * What would set a problem right beyond the input itself, for the caller to say in its own terms (an option, a
 * command): core messages name neither.
 */
export type Remedy = 'the-other-bank' | 'the-question-ids';

export interface Problem {
  path: PathSegment[];
  message: string;
  remedy?: Remedy;
  /** Point at the key itself (an unknown key) rather than at its value. */
  atKey?: boolean;
  severity: 'error' | 'warning';
}

export type AnswerValue = number | string;

export interface AnswersMeta {
  bank?: string;
  bankVersion?: number;
  role?: Role;
  respondent?: string;
  /** The team the respondent belongs to, for `team --by team`. */
  team?: string;
  date?: string;
}

/** What a manager commits to for the next round; `item` is the owed item it serves. */
export interface Commitment {
  text: string;
  item?: string;
  /** A calendar date, YYYY-MM-DD. */
  due?: string;
}

/** How a commitment of the last round went: the manager's own account, or a rep's view of it. */
export interface FollowUp {
  text: string;
  item?: string;
  status: FollowUpStatus;
  note?: string;
}

export interface Answers {
  meta: AnswersMeta;
  /** Question id → answer; an unanswered question is absent, never zero. */
  values: Map<string, AnswerValue>;
  /**
   * The question ids the file lists, answered or not. A file made by `template` or saved by a run lists every
   * question of the bank version it was made for, which is how rounds of two versions find the questions both have.
   */
  listed?: ReadonlySet<string>;
  commitments?: Commitment[];
  followUp?: FollowUp[];
}
