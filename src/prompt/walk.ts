import type { AnswerValue, Question } from '../core/types.js';

// Where a person is in the questionnaire and what they have answered: pure state and moves, no terminal and no
// styling, so every path (back, change from the review, resume) is tested as data.

export interface Walk {
  /** The questions in the order asked. */
  readonly questions: readonly Question[];
  /** The question being asked: 0 … questions.length - 1; questions.length is the review. */
  readonly position: number;
  readonly values: ReadonlyMap<string, AnswerValue>;
  /** A question opened from the review goes back to the review once answered. */
  readonly fromReview: boolean;
}

export type Move =
  /** An answer to the current question; undefined skips it (and clears an earlier answer). */
  | { type: 'answer'; value: AnswerValue | undefined }
  /** ← or Backspace: the question before (from the review: the last one). */
  | { type: 'back' }
  /** From the review: change the answer to question `index`. */
  | { type: 'change'; index: number };

export function startWalk(
  questions: readonly Question[],
  values: ReadonlyMap<string, AnswerValue> = new Map(),
  position = 0,
): Walk {
  const at = Math.max(0, Math.min(position, questions.length));
  return { questions, position: at, values: new Map(values), fromReview: false };
}

export const atReview = (walk: Walk) => walk.position >= walk.questions.length;

export const current = (walk: Walk): Question | undefined => walk.questions[walk.position];

export function move(walk: Walk, step: Move): Walk {
  switch (step.type) {
    case 'answer': {
      const question = current(walk);
      if (!question) return walk;
      const values = new Map(walk.values);
      if (step.value === undefined) values.delete(question.id);
      else values.set(question.id, step.value);
      const position = walk.fromReview ? walk.questions.length : walk.position + 1;
      return { ...walk, values, position, fromReview: false };
    }
    case 'back':
      // Back from a question opened from the review stays a change made from there: once answered, the review again,
      // not every question after it.
      return { ...walk, position: Math.max(0, walk.position - 1) };
    case 'change':
      if (!atReview(walk) || step.index < 0 || step.index >= walk.questions.length) return walk;
      return { ...walk, position: step.index, fromReview: true };
  }
}

/** Where to pick up a walk that was left: the first question after the last one answered, or the review. */
export function resumePosition(
  questions: readonly Question[],
  values: ReadonlyMap<string, AnswerValue>,
): number {
  let last = -1;
  questions.forEach((q, i) => {
    if (values.has(q.id)) last = i;
  });
  return last + 1;
}

/** An answer in words: a scale point with its label, a choice's label, or the text itself. */
export function answerWords(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return 'skipped';
  if (question.type === 'scale') {
    const label = question.scale?.labels[String(value)];
    return label ? `${value} ${label}` : String(value);
  }
  if (question.type === 'choice')
    return question.choices?.find((c) => c.value === value)?.label ?? String(value);
  return String(value);
}
