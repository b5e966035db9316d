/** Issue 13, navigation as data: back, change from the review, resume, and the words the review shows. */
import { describe, expect, test } from '@jest/globals';
import type { AnswerValue } from '../../src/core/types.js';
import { askingOrder } from '../../src/prompt/questionnaire.js';
import {
  answerWords,
  atReview,
  type Move,
  move,
  resumePosition,
  startWalk,
  type Walk,
} from '../../src/prompt/walk.js';
import { builtinBank } from '../support/helpers.js';

const questions = askingOrder(builtinBank());
const ids = questions.map((q) => q.id);
const answer = (value: AnswerValue | undefined): Move => ({ type: 'answer', value });
const BACK: Move = { type: 'back' };

function walkThrough(moves: Move[], from: Walk = startWalk(questions)): Walk {
  return moves.reduce(move, from);
}

describe('moves', () => {
  test.each<[string, Move[], number, Record<string, AnswerValue>, boolean]>([
    ['nothing yet', [], 0, {}, false],
    ['two answers', [answer(4), answer(3)], 2, { [ids[0] as string]: 4, [ids[1] as string]: 3 }, false],
    ['back at the first question stays there', [BACK], 0, {}, false],
    [
      'back keeps the answer given',
      [answer(4), answer(3), BACK],
      1,
      { [ids[0] as string]: 4, [ids[1] as string]: 3 },
      false,
    ],
    [
      'back, then a new answer replaces it',
      [answer(4), answer(3), BACK, answer(1)],
      2,
      { [ids[0] as string]: 4, [ids[1] as string]: 1 },
      false,
    ],
    ['a skip clears an earlier answer', [answer(4), BACK, answer(undefined)], 1, {}, false],
  ])('%s', (_what, moves, position, values, review) => {
    const walk = walkThrough(moves);
    expect(walk.position).toBe(position);
    expect(Object.fromEntries(walk.values)).toEqual(values);
    expect(atReview(walk)).toBe(review);
  });

  test('every answer leads to the review; back from it is the last question', () => {
    const done = walkThrough(questions.map(() => answer(undefined)));
    expect(atReview(done)).toBe(true);
    expect(walkThrough([BACK], done).position).toBe(questions.length - 1);
  });

  test('a change from the review returns to the review once answered, every other answer as it was', () => {
    const all = walkThrough(questions.map((q) => answer(q.type === 'scale' ? 2 : undefined)));
    const opened = move(all, { type: 'change', index: 3 });
    expect(opened.position).toBe(3);
    const changed = move(opened, answer(5));
    expect(atReview(changed)).toBe(true);
    expect(changed.values.get(ids[3] as string)).toBe(5);
    expect([...changed.values].filter(([id]) => id !== ids[3])).toEqual(
      [...all.values].filter(([id]) => id !== ids[3]),
    );
  });

  test('back from a question opened from the review: the one before, and its answer returns to the review', () => {
    const all = walkThrough(questions.map(() => answer(undefined)));
    const back = move(move(all, { type: 'change', index: 3 }), BACK);
    expect(back.position).toBe(2);
    const answered = move(back, answer(1));
    expect(atReview(answered)).toBe(true);
    expect(answered.values.get(ids[2] as string)).toBe(1);
  });

  test.each([-1, questions.length])('a change to no question (%i) changes nothing', (index) => {
    const all = walkThrough(questions.map(() => answer(undefined)));
    expect(move(all, { type: 'change', index })).toBe(all);
  });

  test('a change only from the review', () => {
    const early = startWalk(questions);
    expect(move(early, { type: 'change', index: 5 })).toBe(early);
  });
});

describe('resume', () => {
  test.each<[string, Record<string, AnswerValue>, number]>([
    ['nothing answered: the first question', {}, 0],
    [
      'the first three: the fourth',
      { [ids[0] as string]: 1, [ids[1] as string]: 2, [ids[2] as string]: 3 },
      3,
    ],
    [
      'a gap (a skip) before the last answer: after the last',
      { [ids[0] as string]: 1, [ids[4] as string]: 2 },
      5,
    ],
    ['all: the review', Object.fromEntries(ids.map((id) => [id, 'x'])), questions.length],
  ])('%s', (_what, values, position) => {
    const at = resumePosition(questions, new Map(Object.entries(values)));
    expect(at).toBe(position);
    expect(startWalk(questions, new Map(Object.entries(values)), at).position).toBe(position);
  });

  test('a position past the end is the review', () => {
    expect(startWalk(questions, new Map(), 999).position).toBe(questions.length);
  });
});

describe('answers in words', () => {
  const byId = (id: string) => {
    const q = questions.find((x) => x.id === id);
    if (!q) throw new Error(id);
    return q;
  };
  test.each<[string, AnswerValue | undefined, string]>([
    ['give-time', 4, '4 Usually'],
    ['reach-financial-goals', 1, '1 Not at all'],
    ['ask-before-deciding', 'performance-plan', 'Start a performance plan'],
    ['what-we-owe', 'Our time.', 'Our time.'],
    ['give-time', undefined, 'skipped'],
  ])('%s = %j → %s', (id, value, words) => {
    expect(answerWords(byId(id), value)).toBe(words);
  });
});
