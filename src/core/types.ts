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
}

export type PathSegment = string | number;

/** A problem found in a data file, located by its path inside the document, not by line. */
export interface Problem {
  path: PathSegment[];
  message: string;
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

export interface Answers {
  meta: AnswersMeta;
  /** Question id → answer; an unanswered question is absent, never zero. */
  values: Map<string, AnswerValue>;
}
