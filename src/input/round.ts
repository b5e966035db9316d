import type { Answers, Bank, Commitment, RoundsWording } from '../core/types.js';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { loadBank, parseAnswers, readText } from './load.js';

/**
 * A kept round, read as strictly as any answers file. One made for an earlier version of the bank may name
 * questions this version lacks: they are left out, so an update of the bank does not lose a person's history.
 */
export async function readRound(io: Io, path: string, bank: Bank): Promise<Answers> {
  const { text, name } = await readText(io, path);
  return parseAnswers(text, name, bank, { lenientOtherVersion: true });
}

/**
 * The commitments a manager made in an answers file (their saved round, or the file they answered), for reps to
 * say whether they were kept: `template --role rep --commitments FILE` and the rep's questionnaire.
 */
export async function readManagerCommitments(io: Io, path: string, bank: Bank): Promise<Commitment[]> {
  const answers = await readRound(io, path, bank);
  if (answers.meta.role === 'rep') {
    throw new InputError(
      [`${path}: is a rep's answers; --commitments takes the manager's, which hold the commitments`],
      'Pass the answers file of the manager whose commitments the reps are asked about.',
    );
  }
  if (!answers.commitments?.length) {
    throw new InputError(
      [`${path}: holds no commitments (a "commitments:" list)`],
      'A manager makes them at the end of the questionnaire, or writes them into their answers file.',
    );
  }
  return answers.commitments;
}

/** The words of the round prompts: the bank's own, or the built-in bank's for a bank that has none. */
export async function roundsWording(io: Io, bank: Bank): Promise<RoundsWording> {
  const wording = bank.rounds ?? (await loadBank(io)).rounds;
  if (!wording) throw new Error('the built-in bank has no rounds wording');
  return wording;
}
