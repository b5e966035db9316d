import { input, select } from '@inquirer/prompts';
import type { Answers, AnswerValue, Bank, FollowUp, Question, Role } from '../core/types.js';
import { InterruptedError, isInterruptSignal } from '../errors.js';
import type { InputStream, PromptOutput } from '../io.js';
import { MAX_TEXT_ANSWER } from '../limits.js';
import { sanitize } from '../render/sanitize.js';
import type { Style } from '../render/style.js';
import { wrap } from '../render/text.js';
import { askFollowUp, type FollowUpRequest } from './rounds.js';
import { typedRuns } from './typed-runs.js';

export interface PromptContext {
  input: InputStream;
  output: PromptOutput;
  signal?: AbortSignal;
  style: Style;
  role: Role;
  /** The last round's commitments, asked about before the first question. */
  followUp?: FollowUpRequest;
}

/** A prompt that Ctrl-C or an abort ended becomes the interruption main() reports; anything else stays as it is. */
export function asInterruption(error: unknown, signal?: AbortSignal): unknown {
  const name = (error as Error | null)?.name;
  if (name === 'ExitPromptError' || name === 'AbortPromptError') {
    // Ctrl-C in the prompt is SIGINT's key; an abort carries the signal that came from outside.
    const reason: unknown = signal?.reason;
    return new InterruptedError(isInterruptSignal(reason) ? reason : 'SIGINT');
  }
  return error;
}

const SKIP = Symbol('skip');
const HELP = Symbol('help');
type Picked = AnswerValue | typeof SKIP | typeof HELP;

/** About 15 seconds a rating and 30 a written reflection, rounded up to whole minutes. */
export function estimateMinutes(bank: Bank): number {
  const seconds = bank.questions.reduce((sum, q) => sum + (q.type === 'text' ? 30 : 15), 0);
  return Math.max(1, Math.ceil(seconds / 60));
}

// Every word of the bank shown here goes through sanitize(): the prompt library draws what it is given as it is.
function choicesFor(q: Question): { name: string; value: Picked; description?: string }[] {
  const choices: { name: string; value: Picked; description?: string }[] = [];
  if (q.type === 'scale' && q.scale) {
    for (let n = q.scale.min; n <= q.scale.max; n++) {
      const label = q.scale.labels[String(n)];
      choices.push({ name: label ? `${n}  ${sanitize(label)}` : String(n), value: n });
    }
  } else {
    for (const choice of q.choices ?? []) choices.push({ name: sanitize(choice.label), value: choice.value });
  }
  if (q.help) choices.push({ name: 'What does this mean?', value: HELP, description: sanitize(q.help) });
  choices.push({ name: 'Skip this one', value: SKIP });
  return choices;
}

async function askText(message: string, ctx: PromptContext): Promise<AnswerValue | undefined> {
  const keys = typedRuns(ctx.input, MAX_TEXT_ANSWER);
  try {
    const text = await input(
      { message },
      { input: keys.input, output: ctx.output, ...(ctx.signal ? { signal: ctx.signal } : {}) },
    );
    if (keys.truncated) {
      ctx.output.write(
        ctx.style.dim(
          `  Kept the first ${MAX_TEXT_ANSWER.toLocaleString('en')} characters of that answer.\n`,
        ),
      );
    }
    return text.trim() === '' ? undefined : text.trim();
  } finally {
    keys.release();
  }
}

async function ask(q: Question, message: string, ctx: PromptContext): Promise<AnswerValue | undefined> {
  if (q.type === 'text') return askText(message, ctx);
  const context = { input: ctx.input, output: ctx.output, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  for (;;) {
    const picked = await select<Picked>(
      { message, choices: choicesFor(q), pageSize: 12, loop: false },
      context,
    );
    if (picked === SKIP) return undefined;
    if (picked !== HELP) return picked;
    ctx.output.write(`${ctx.style.dim(wrap(sanitize(q.help ?? ''), 76, '  '))}\n`);
  }
}

/**
 * Walks the bank section by section. Ctrl-C (or an abort) surfaces as InterruptedError; nothing is kept.
 */
export async function runQuestionnaire(bank: Bank, ctx: PromptContext): Promise<Answers> {
  const { output, style } = ctx;
  const total = bank.questions.length;
  output.write(`\n${style.heading(sanitize(bank.title))}\n`);
  if (bank.intro) {
    // A folded YAML block keeps a blank line as a single newline: each is a paragraph of its own.
    const paragraphs = bank.intro
      .split('\n')
      .map(sanitize)
      .filter((line) => line.trim() !== '');
    output.write(`${paragraphs.map((p) => wrap(p, 76, '  ')).join('\n\n')}\n`);
  }
  output.write(
    style.dim(
      `  ${total} questions, about ${estimateMinutes(bank)} minutes. Arrow keys and Enter; Ctrl-C stops.\n`,
    ),
  );
  const values = new Map<string, AnswerValue>();
  let followUp: FollowUp[] = [];
  let n = 0;
  try {
    if (ctx.followUp) followUp = await askFollowUp(ctx.followUp, ctx);
    for (const section of bank.sections) {
      const questions = bank.questions.filter((q) => q.section === section.id);
      if (questions.length === 0) continue;
      output.write(`\n${style.heading(sanitize(section.title))}\n`);
      if (section.intro) output.write(`${style.dim(wrap(sanitize(section.intro), 76, '  '))}\n`);
      for (const q of questions) {
        n += 1;
        const answer = await ask(q, `(${n}/${total}) ${sanitize(q.prompt)}`, ctx);
        if (answer !== undefined) values.set(q.id, answer);
      }
    }
  } catch (error) {
    throw asInterruption(error, ctx.signal);
  }
  const answers: Answers = {
    meta: { bank: bank.id, bankVersion: bank.version, role: ctx.role, date: today() },
    values,
  };
  if (followUp.length > 0) answers.followUp = followUp;
  return answers;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
