/**
 * The question bank as the CLI itself lists it (`questions --format json`), and answers made from that list, so
 * tests follow the bank instead of copying it.
 */
import { stringify } from 'yaml';
import { runMain } from './in-process.js';

export interface ListedChoice {
  value: string;
  label: string;
  score: number | null;
}

export interface ListedQuestion {
  id: string;
  section: string;
  type: 'scale' | 'choice' | 'text';
  side: 'asked' | 'owed' | null;
  prompt: string;
  weight: number;
  scale?: { min: number; max: number; labels: Record<string, string> };
  choices?: ListedChoice[];
  supportedBy?: string[];
}

export interface QuestionList {
  bank: { id: string; version: number; title: string };
  questions: ListedQuestion[];
}

/** `who-failed-whom questions --format json` (run in-process), parsed; fails loudly when the command does. */
export async function listQuestions(): Promise<QuestionList> {
  const result = await runMain(['questions', '--format', 'json']);
  if (result.code !== 0) {
    throw new Error(`questions --format json exited ${result.code}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as QuestionList;
}

export type Level = 'top' | 'bottom' | 'middle';
export type AnswerValue = number | string;

/** The value of a rated question at a level of its scale (by choice score, for choice questions). */
export function valueAt(q: ListedQuestion, level: Level): AnswerValue {
  if (q.type === 'scale') {
    if (!q.scale) throw new Error(`${q.id}: a scale question without a scale`);
    const { min, max } = q.scale;
    return level === 'top' ? max : level === 'bottom' ? min : Math.round((min + max) / 2);
  }
  if (q.type === 'choice') {
    const scored = (q.choices ?? []).filter((c) => c.score !== null) as (ListedChoice & { score: number })[];
    const choices = scored.length > 0 ? scored : (q.choices ?? []).map((c) => ({ ...c, score: 0 }));
    if (choices.length === 0) throw new Error(`${q.id}: a choice question without choices`);
    const scores = choices.map((c) => c.score);
    const target =
      level === 'top'
        ? Math.max(...scores)
        : level === 'bottom'
          ? Math.min(...scores)
          : (Math.max(...scores) + Math.min(...scores)) / 2;
    const best = choices.reduce((a, b) => (Math.abs(b.score - target) < Math.abs(a.score - target) ? b : a));
    return best.value;
  }
  return `A written answer to ${q.id}.`;
}

/**
 * Answers for every question: rated ones by `levels[side]` (undefined leaves that side unanswered), the rest
 * (reflections) with their first choice or some text, unless `reflections` is false.
 */
export function makeAnswers(
  list: QuestionList,
  levels: { asked?: Level; owed?: Level },
  reflections = true,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of list.questions) {
    if (q.side) {
      const level = levels[q.side];
      if (level) answers[q.id] = valueAt(q, level);
    } else if (reflections) {
      answers[q.id] = q.type === 'choice' ? (q.choices?.[0]?.value ?? '') : valueAt(q, 'middle');
    }
  }
  return answers;
}

/** An answers document as YAML, the way a person would write one. */
export function answersYaml(list: QuestionList, answers: Record<string, AnswerValue>): string {
  return stringify({
    bank: list.bank.id,
    bankVersion: list.bank.version,
    role: 'manager',
    respondent: 'E2E',
    date: '2026-01-02',
    answers,
  });
}
