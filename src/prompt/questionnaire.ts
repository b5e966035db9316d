import type { Answers, AnswerValue, Bank, FollowUp, Question, Role } from '../core/types.js';
import { InterruptedError, isInterruptSignal } from '../errors.js';
import type { InputStream, PromptOutput } from '../io.js';
import { sanitize } from '../render/sanitize.js';
import type { Style } from '../render/style.js';
import { layoutWidth, wrap } from '../render/wrap.js';
import { type ChoiceOption, choicePrompt, type PromptResult } from './choice-prompt.js';
import type { Width } from './frame.js';
import { reviewPrompt } from './review-prompt.js';
import { askFollowUp, type FollowUpRequest, followUpResumesAt } from './rounds.js';
import { askText } from './text-prompt.js';
import { answerWords, atReview, current, move, startWalk, type Walk } from './walk.js';

export interface PromptContext {
  input: InputStream;
  output: PromptOutput;
  signal?: AbortSignal;
  style: Style;
  role: Role;
  /** The last round's commitments, asked about before the first question. */
  followUp?: FollowUpRequest;
  /** Answers kept from an earlier, unfinished run, and where it stopped. */
  resume?: {
    values: ReadonlyMap<string, AnswerValue>;
    position: number;
    followUp?: readonly FollowUp[];
    /** When they were kept (ISO 8601), to say so. */
    savedAt?: string;
  };
  /** Told of every answer as it is given, to keep the answers so far (see drafts). */
  onProgress?: (walk: Walk, followUp: readonly FollowUp[]) => void;
  /** Whether Ctrl-C keeps the answers so far: the introduction says what it does. */
  keepsDraft?: boolean;
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

/** About 15 seconds a rating and 30 a written reflection, rounded up to whole minutes. */
export function estimateMinutes(bank: Bank): number {
  const seconds = bank.questions.reduce((sum, q) => sum + (q.type === 'text' ? 30 : 15), 0);
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The questions in the order they are asked: section by section. */
export function askingOrder(bank: Bank): Question[] {
  return bank.sections.flatMap((section) => bank.questions.filter((q) => q.section === section.id));
}

/** The points of a scale, or a question's choices, each with the digit that picks it when there are few enough. */
export function optionsFor(q: Question): ChoiceOption[] {
  if (q.type === 'scale' && q.scale) {
    const { min, max, labels } = q.scale;
    const digits = min >= 0 && max <= 9;
    const options: ChoiceOption[] = [];
    for (let n = min; n <= max; n++) {
      const label = labels[String(n)];
      options.push({
        label: digits ? sanitize(label ?? '') : label ? `${n}  ${sanitize(label)}` : String(n),
        value: n,
        ...(digits ? { key: String(n) } : {}),
      });
    }
    return options;
  }
  const choices = q.choices ?? [];
  return choices.map((choice, i) => ({
    label: sanitize(choice.label),
    value: choice.value,
    ...(choices.length <= 9 ? { key: String(i + 1) } : {}),
  }));
}

/** The lines of text before the first question: the title, the introduction and how the keys work. */
export function introduction(bank: Bank, width: number, keepsDraft: boolean): string[] {
  const paragraphs = (bank.intro ?? '')
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((p) => wrap(sanitize(p), width, '  '));
  const total = bank.questions.length;
  const keys =
    `${total} questions, about ${estimateMinutes(bank)} minutes. A number key answers at once; ← or Backspace ` +
    `goes back; before scoring you see every answer and can change any. Ctrl-C stops${keepsDraft ? ', and keeps your answers so far' : ''}.`;
  return [...paragraphs.flatMap((p, i) => (i === 0 ? [p] : ['', p])), '', wrap(keys, width, '  ')];
}

/**
 * Walks the bank section by section, then shows every answer for a last change before scoring. Ctrl-C (or an
 * abort) surfaces as InterruptedError.
 */
export async function runQuestionnaire(bank: Bank, ctx: PromptContext): Promise<Answers> {
  const { output, style } = ctx;
  // Read at every prompt (and every frame of one): a terminal resized mid-way gets its new width.
  const width = () => layoutWidth(output.columns);
  const questions = askingOrder(bank);
  const total = questions.length;
  output.write(`\n${style.heading(sanitize(bank.title))}\n`);
  const intro = introduction(bank, width(), ctx.keepsDraft === true);
  output.write(`${intro.slice(0, -1).join('\n')}\n${style.dim(intro.at(-1) ?? '')}\n`);
  const context = { input: ctx.input, output, ...(ctx.signal ? { signal: ctx.signal } : {}) };

  let walk = startWalk(questions);
  let shownSection: string | undefined;
  let followUp: readonly FollowUp[] = [];
  try {
    const resume = ctx.resume && (await offerResume(ctx.resume, total, ctx, width)) ? ctx.resume : undefined;
    if (resume) {
      walk = startWalk(questions, resume.values, resume.position);
      followUp = resume.followUp ?? [];
    } else if (ctx.resume) ctx.onProgress?.(walk, followUp);
    // A draft left during the follow-up goes on with the commitments not yet answered.
    const begun = walk.position > 0 || walk.values.size > 0;
    const from = ctx.followUp ? followUpResumesAt(ctx.followUp.commitments, followUp, begun) : 0;
    if (ctx.followUp && from < ctx.followUp.commitments.length) {
      const atWalk = walk;
      followUp = await askFollowUp(
        ctx.followUp,
        ctx,
        { kept: followUp, onAnswer: (soFar) => ctx.onProgress?.(atWalk, soFar) },
        from,
      );
    }
    for (;;) {
      const q = current(walk);
      if (!q || atReview(walk)) {
        const entries = questions.map(
          (question, i) =>
            `${i + 1}. ${sanitize(question.label || question.prompt)}: ${sanitize(shorten(answerWords(question, walk.values.get(question.id))))}`,
        );
        const rows = (output as { rows?: number }).rows ?? 24;
        const picked = await reviewPrompt(
          {
            message: `Your answers (${walk.values.size} of ${total} answered)`,
            entries,
            scoreLabel: 'Score my answers',
            style,
            width,
            // Lines, not entries: a long entry takes two.
            pageSize: Math.max(5, rows - 6),
          },
          context,
        );
        if (picked.type === 'score') break;
        walk = move(
          walk,
          picked.type === 'back' ? { type: 'back' } : { type: 'change', index: picked.index },
        );
        continue;
      }
      if (q.section !== shownSection) {
        const section = bank.sections.find((s) => s.id === q.section);
        output.write(`\n${style.heading(sanitize(section?.title ?? q.section))}\n`);
        if (section?.intro) output.write(`${style.dim(wrap(sanitize(section.intro), width(), '  '))}\n`);
        shownSection = q.section;
      }
      const answer = await ask(q, `(${walk.position + 1}/${total}) ${sanitize(q.prompt)}`, walk, ctx, width);
      walk = move(
        walk,
        answer.type === 'back'
          ? { type: 'back' }
          : { type: 'answer', value: answer.type === 'answer' ? answer.value : undefined },
      );
      if (answer.type !== 'back') ctx.onProgress?.(walk, followUp);
    }
  } catch (error) {
    throw asInterruption(error, ctx.signal);
  }
  const answers: Answers = {
    meta: { bank: bank.id, bankVersion: bank.version, role: ctx.role, date: today() },
    values: new Map(walk.values),
  };
  if (followUp.length > 0) answers.followUp = [...followUp];
  return answers;
}

/** Answers kept from an unfinished run: resume them (Enter), or start over. */
async function offerResume(
  kept: NonNullable<PromptContext['resume']>,
  total: number,
  ctx: PromptContext,
  width: Width,
): Promise<boolean> {
  const when = kept.savedAt ? ` from ${kept.savedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const picked = await choicePrompt(
    {
      message: `You have unfinished answers${when} (${kept.values.size} of ${total} answered${followedUp(kept.followUp?.length ?? 0)}).`,
      options: [
        { label: 'Resume where you stopped', value: 'resume', key: '1' },
        { label: 'Start over (they are dropped)', value: 'over', key: '2' },
      ],
      canGoBack: false,
      skippable: false,
      style: ctx.style,
      width,
    },
    { input: ctx.input, output: ctx.output, ...(ctx.signal ? { signal: ctx.signal } : {}) },
  );
  return picked.type === 'answer' && picked.value === 'resume';
}

function followedUp(count: number): string {
  if (count === 0) return '';
  return `, and how ${count} of last round's commitments went`;
}

function ask(
  q: Question,
  message: string,
  walk: Walk,
  ctx: PromptContext,
  width: Width,
): Promise<PromptResult> {
  const context = { input: ctx.input, output: ctx.output, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  const initial = walk.values.get(q.id);
  const canGoBack = walk.position > 0;
  if (q.type === 'text') {
    return askText(
      {
        message,
        initial: initial === undefined ? undefined : String(initial),
        canGoBack,
        style: ctx.style,
        width,
      },
      context,
    );
  }
  return choicePrompt(
    {
      message,
      options: optionsFor(q),
      initial,
      help: q.help === undefined ? undefined : sanitize(q.help),
      canGoBack,
      style: ctx.style,
      width,
    },
    context,
  );
}

/** A long written answer, cut at a word for the review. */
function shorten(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20))}…`;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
