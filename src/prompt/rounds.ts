import { isCalendarDate, MAX_COMMITMENTS } from '../core/answers.js';
import type { Report } from '../core/report.js';
import type { Bank, Commitment, FollowUp, FollowUpStatus, RoundsWording } from '../core/types.js';
import { FOLLOW_UP_STATUSES } from '../core/types.js';
import type { InputStream, PromptOutput } from '../io.js';
import { sanitize } from '../render/sanitize.js';
import type { Style } from '../render/style.js';
import { layoutWidth, wrap } from '../render/wrap.js';
import { choicePrompt } from './choice-prompt.js';
import { askText } from './text-prompt.js';

// The two ends of a round: it opens by asking how the last round's commitments went, and it closes with the
// commitments for the next one. Each is a function of its own, beside the questionnaire, not inside it.

export interface RoundPromptContext {
  input: InputStream;
  output: PromptOutput;
  signal?: AbortSignal;
  style: Style;
}

/** The last round's commitments, and whose: a manager's own, or (for a rep) their manager's. */
export interface FollowUpRequest {
  commitments: Commitment[];
  wording: RoundsWording;
  /** A rep answers about their manager's commitments, in the rep's wording. */
  aboutManager: boolean;
}

const contextOf = (ctx: RoundPromptContext) => ({
  input: ctx.input,
  output: ctx.output,
  ...(ctx.signal ? { signal: ctx.signal } : {}),
});

export interface FollowUpProgress {
  /** What an earlier run was told (a resumed draft); the commitments up to the last of them are not asked again. */
  kept?: readonly FollowUp[];
  /** Told of every answer as it is given (the follow-up so far), to keep it in the draft. */
  onAnswer?: (followUp: readonly FollowUp[]) => void;
}

/**
 * Where a resumed follow-up goes on: after the last commitment the draft has an answer for; none once the
 * questions had begun (the follow-up was over: one skipped then stays skipped).
 */
export function followUpResumesAt(
  commitments: readonly Commitment[],
  kept: readonly FollowUp[],
  questionsBegun: boolean,
): number {
  if (questionsBegun) return commitments.length;
  const answered = new Set(kept.map((f) => f.text));
  return commitments.findLastIndex((c) => answered.has(c.text)) + 1;
}

/** How each of the last round's commitments went: kept, partly or not kept, and a note if the person has one. */
export async function askFollowUp(
  request: FollowUpRequest,
  ctx: RoundPromptContext,
  { kept = [], onAnswer }: FollowUpProgress = {},
  from = 0,
): Promise<FollowUp[]> {
  const { wording, commitments } = request;
  const words = request.aboutManager ? wording.followUp.rep : wording.followUp;
  const { style } = ctx;
  const width = () => layoutWidth(ctx.output.columns);
  ctx.output.write(`\n${style.dim(wrap(sanitize(words.intro), width(), '  '))}\n`);
  const followUp: FollowUp[] = [...kept];
  for (const [i, c] of commitments.entries()) {
    if (i < from) continue;
    const due = c.due ? ` (by ${c.due})` : '';
    ctx.output.write(
      `\n${style.strong(wrap(`${i + 1}. ${sanitize(c.text)}${due}`, width(), '  ', '     '))}\n`,
    );
    const status = await choicePrompt(
      {
        message: sanitize(words.prompt),
        options: FOLLOW_UP_STATUSES.map((s, n) => ({
          label: sanitize(wording.followUp.choices[s]),
          value: s,
          key: String(n + 1),
        })),
        canGoBack: false,
        style,
        width,
      },
      contextOf(ctx),
    );
    if (status.type !== 'answer') continue;
    const entry: FollowUp = { text: c.text, status: status.value as FollowUpStatus };
    if (c.item !== undefined) entry.item = c.item;
    // Kept as soon as given: Ctrl-C at the note keeps it.
    followUp.push(entry);
    onAnswer?.([...followUp]);
    const note = await askText(
      { message: sanitize(wording.followUp.note), canGoBack: false, style, width },
      contextOf(ctx),
    );
    if (note.type !== 'answer') continue;
    followUp[followUp.length - 1] = { ...entry, note: String(note.value) };
    onAnswer?.([...followUp]);
  }
  return followUp;
}

const MAX_OFFERED = 5;

/**
 * What to offer: the owed items behind the widest gaps (the lagging ones, widest gap first), each with the
 * bank's suggestion; with no gap, the owed items rated lowest. Only items the bank has a suggestion for.
 */
export function commitmentChoices(
  report: Report,
  bank: Bank,
): { item: string; label: string; text: string }[] {
  const lagging = report.gaps.flatMap((gap) => gap.lagging.map((l) => l.id));
  const lowest = [...report.ledgers.owed.items].sort((a, b) => a.score - b.score).map((i) => i.id);
  const ids = [...new Set([...lagging, ...lowest])];
  return ids
    .flatMap((id) => {
      const q = bank.questions.find((question) => question.id === id);
      return q?.suggestion ? [{ item: id, label: q.label, text: q.suggestion }] : [];
    })
    .slice(0, MAX_OFFERED);
}

// Item ids are kebab-case: these can never be one.
const OWN_WORDS = ':own-words';
const DONE = ':done';

/** Up to three commitments for the next round, each from the offered suggestions or in the person's own words. */
export async function pickCommitments(
  report: Report,
  bank: Bank,
  wording: RoundsWording,
  ctx: RoundPromptContext,
): Promise<Commitment[]> {
  const words = wording.commit;
  const { style } = ctx;
  const width = () => layoutWidth(ctx.output.columns);
  ctx.output.write(`\n${style.dim(wrap(sanitize(words.intro), width(), '  '))}\n`);
  const offered = commitmentChoices(report, bank);
  const commitments: Commitment[] = [];
  while (commitments.length < MAX_COMMITMENTS) {
    const open = offered.filter((o) => !commitments.some((c) => c.item === o.item));
    const picked = await choicePrompt(
      {
        message: `${sanitize(words.prompt)} (${commitments.length + 1} of ${MAX_COMMITMENTS})`,
        options: [
          // The concrete step is the choice; what it serves shows under the list while it is highlighted.
          ...open.map((o) => ({ label: sanitize(o.text), value: o.item, description: sanitize(o.label) })),
          { label: sanitize(words.ownWords), value: OWN_WORDS },
          { label: sanitize(words.done), value: DONE },
        ],
        canGoBack: false,
        skippable: false,
        style,
        width,
      },
      contextOf(ctx),
    );
    if (picked.type !== 'answer' || picked.value === DONE) break;
    const suggestion = open.find((o) => o.item === picked.value);
    const text = await askText(
      {
        message: sanitize(words.text),
        ...(suggestion ? { initial: sanitize(suggestion.text) } : {}),
        canGoBack: false,
        style,
        width,
      },
      contextOf(ctx),
    );
    if (text.type !== 'answer') continue;
    const due = await askText(
      {
        message: sanitize(words.due),
        validate: (value) => value === '' || isCalendarDate(value) || 'A date as YYYY-MM-DD, like 2027-03-01',
        canGoBack: false,
        style,
        width,
      },
      contextOf(ctx),
    );
    const commitment: Commitment = { text: String(text.value) };
    if (suggestion) commitment.item = suggestion.item;
    if (due.type === 'answer') commitment.due = String(due.value);
    commitments.push(commitment);
  }
  return commitments;
}
