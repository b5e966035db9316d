import type { Answers, Bank } from '../core/types.js';
import type { Io } from '../io.js';
import { parseAnswers, readText } from './load.js';

/**
 * A kept round, read as strictly as any answers file. One made for an earlier version of the bank may name
 * questions this version lacks: they are left out, so an update of the bank does not lose a person's history.
 */
export async function readRound(io: Io, path: string, bank: Bank): Promise<Answers> {
  const { text, name } = await readText(io, path);
  return parseAnswers(text, name, bank, { lenientOtherVersion: true });
}
