import type { Report } from '../core/report.js';
import type { Answers, Bank, Role } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import { readManagerCommitments, readRound, roundsWording } from '../input/round.js';
import type { Io } from '../io.js';
import { dataFolder } from '../output/data-folder.js';
import { listRounds, saveRound } from '../output/rounds.js';
import type { FollowUpRequest, RoundPromptContext } from '../prompt/rounds.js';
import { renderAnswersFile } from '../render/answers-file.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';

// The two ends of a questionnaire's round, for the assess command: what it opens with (how the last round's
// commitments went) and how it closes (new commitments, then the round kept and written where asked).

/** The commitments of this person's last kept round of the bank, to ask about first; none when there are none. */
export async function lastCommitments(
  io: Io,
  bank: Bank,
  role: Role,
  say: (line: string) => void,
): Promise<FollowUpRequest | undefined> {
  if (role !== 'manager' || dataFolder(io.env, io.platform, io.cwd) === undefined) return undefined;
  const last = (await listRounds(io, bank.id, role)).at(-1);
  if (!last) return undefined;
  let answers: Answers;
  try {
    answers = await readRound(io, last.path, bank);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    say(`Your last round could not be read (${error.lines[0]}); starting without its commitments.`);
    return undefined;
  }
  if (!answers.commitments?.length) return undefined;
  return { commitments: answers.commitments, wording: await roundsWording(io, bank), aboutManager: false };
}

/** For a rep: their manager's commitments, from the manager's answers file, to ask about first. */
export async function managerCommitments(
  io: Io,
  bank: Bank,
  file: string,
  role: Role,
): Promise<FollowUpRequest> {
  if (role !== 'rep') {
    throw new UsageError("--commitments asks a rep about their manager's commitments: add --role rep");
  }
  const commitments = await readManagerCommitments(io, file, bank);
  return { commitments, wording: await roundsWording(io, bank), aboutManager: true };
}

export interface FinishOptions {
  /** Keep the round in the data folder. */
  save: boolean;
  /** Writes the finished answers to --save-answers, when it was given; returns the line that says where. */
  writeAnswers?: (answers: Answers) => Promise<string>;
}

/**
 * After the report of a questionnaire: a manager picks the commitments for the next round; then the round is
 * kept in the data folder (unless --no-save) and written to --save-answers. Returns the lines that say where.
 */
export async function finishRound(
  options: FinishOptions,
  io: Io,
  view: Bank,
  answers: Answers,
  report: Report,
  ctx: RoundPromptContext,
): Promise<string[]> {
  // With --no-save and no --save-answers the commitments would be kept nowhere, and the next round could not ask
  // how they went: a manager is not asked for them.
  if (answers.meta.role !== 'rep' && (options.save || options.writeAnswers)) {
    // Loaded only here, as the questionnaire is: the prompt library is the heaviest import.
    const { pickCommitments } = await import('../prompt/rounds.js');
    const { asInterruption } = await import('../prompt/questionnaire.js');
    const wording = await roundsWording(io, view);
    const commitments = await pickCommitments(report, view, wording, ctx).catch((error: unknown) => {
      throw asInterruption(error, ctx.signal);
    });
    if (commitments.length > 0) answers.commitments = commitments;
  }
  const written: string[] = [];
  if (options.writeAnswers) written.push(await options.writeAnswers(answers));
  if (!options.save) return written;
  const content = renderAnswersFile(view, answers, schemaModeline(schemaUrl('answers')));
  const path = await saveRound(io, view.id, answers.meta.role ?? 'manager', content, new Date());
  // The path on a line of its own: a terminal would cut it anywhere, and it is there to be copied.
  written.push('This round is kept, readable by you alone, in', `  ${path}`);
  if (answers.commitments?.length) written.push('The next round starts with how your commitments went.');
  return written;
}
