import { input, select } from '@inquirer/prompts';
import { isCalendarDate, MAX_COMMITMENTS } from '../core/answers.js';
import type { Report } from '../core/report.js';
import type { Bank, Commitment, FollowUp, FollowUpStatus, RoundsWording } from '../core/types.js';
import { FOLLOW_UP_STATUSES } from '../core/types.js';
import type { InputStream, PromptOutput } from '../io.js';
import { MAX_TEXT_ANSWER } from '../limits.js';
import { sanitize } from '../render/sanitize.js';
import type { Style } from '../render/style.js';
import { wrap } from '../render/text.js';
import { typedRuns } from './typed-runs.js';

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

const SKIP = Symbol('skip');

const contextOf = (ctx: RoundPromptContext) => ({
  input: ctx.input,
  output: ctx.output,
  ...(ctx.signal ? { signal: ctx.signal } : {}),
});

/** Words typed (or pasted, taken in runs as the questionnaire's text answers are), trimmed. */
async function typed(config: Parameters<typeof input>[0], ctx: RoundPromptContext): Promise<string> {
  const keys = typedRuns(ctx.input, MAX_TEXT_ANSWER);
  try {
    return (await input(config, { ...contextOf(ctx), input: keys.input })).trim();
  } finally {
    keys.release();
  }
}

/** How each of the last round's commitments went: kept, partly or not kept, and a note if the person has one. */
export async function askFollowUp(request: FollowUpRequest, ctx: RoundPromptContext): Promise<FollowUp[]> {
  const { wording, commitments } = request;
  const words = request.aboutManager ? wording.followUp.rep : wording.followUp;
  ctx.output.write(`\n${ctx.style.dim(wrap(sanitize(words.intro), 76, '  '))}\n`);
  const followUp: FollowUp[] = [];
  for (const [i, c] of commitments.entries()) {
    const due = c.due ? ` (by ${c.due})` : '';
    ctx.output.write(
      `\n${ctx.style.strong(wrap(`${i + 1}. ${sanitize(c.text)}${due}`, 76, '  ', '     '))}\n`,
    );
    const status = await select<FollowUpStatus | typeof SKIP>(
      {
        message: sanitize(words.prompt),
        choices: [
          ...FOLLOW_UP_STATUSES.map((s) => ({ name: sanitize(wording.followUp.choices[s]), value: s })),
          { name: 'Skip this one', value: SKIP },
        ],
        loop: false,
      },
      contextOf(ctx),
    );
    if (status === SKIP) continue;
    const note = await typed({ message: sanitize(wording.followUp.note) }, ctx);
    const entry: FollowUp = { text: c.text, status };
    if (c.item !== undefined) entry.item = c.item;
    if (note !== '') entry.note = note;
    followUp.push(entry);
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

const OWN_WORDS = Symbol('own words');
const DONE = Symbol('done');

/** Up to three commitments for the next round, each from the offered suggestions or in the person's own words. */
export async function pickCommitments(
  report: Report,
  bank: Bank,
  wording: RoundsWording,
  ctx: RoundPromptContext,
): Promise<Commitment[]> {
  const words = wording.commit;
  ctx.output.write(`\n${ctx.style.dim(wrap(sanitize(words.intro), 76, '  '))}\n`);
  const offered = commitmentChoices(report, bank);
  const commitments: Commitment[] = [];
  while (commitments.length < MAX_COMMITMENTS) {
    const open = offered.filter((o) => !commitments.some((c) => c.item === o.item));
    const picked = await select<string | typeof OWN_WORDS | typeof DONE>(
      {
        message: `${sanitize(words.prompt)} (${commitments.length + 1} of ${MAX_COMMITMENTS})`,
        choices: [
          // The concrete step is the choice; what it serves shows under the list while it is highlighted.
          ...open.map((o) => ({ name: sanitize(o.text), value: o.item, description: sanitize(o.label) })),
          { name: sanitize(words.ownWords), value: OWN_WORDS },
          { name: sanitize(words.done), value: DONE },
        ],
        pageSize: 12,
        loop: false,
      },
      contextOf(ctx),
    );
    if (picked === DONE) break;
    const suggestion = open.find((o) => o.item === picked);
    const text = await typed(
      {
        message: sanitize(words.text),
        ...(suggestion ? { default: sanitize(suggestion.text), prefill: 'editable' as const } : {}),
      },
      ctx,
    );
    if (text === '') continue;
    const due = await typed(
      {
        message: sanitize(words.due),
        validate: (value) =>
          value.trim() === '' || isCalendarDate(value.trim()) || 'A date as YYYY-MM-DD, like 2027-03-01',
      },
      ctx,
    );
    const commitment: Commitment = { text };
    if (suggestion) commitment.item = suggestion.item;
    if (due !== '') commitment.due = due;
    commitments.push(commitment);
  }
  return commitments;
}
