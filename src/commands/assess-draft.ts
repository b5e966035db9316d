import { dirname, join } from 'node:path';
import { type Draft, draftDocument, readDraft } from '../core/draft.js';
import type { Bank, FollowUp, Role } from '../core/types.js';
import { InputError } from '../errors.js';
import { readText } from '../input/load.js';
import type { Io } from '../io.js';
import { dataFolder } from '../output/data-folder.js';
import type { Walk } from '../prompt/walk.js';

// A questionnaire's answers so far, kept in the data folder after every answer: Ctrl-C, a closed terminal or a
// crash loses nothing, and the next start offers to resume. A finished draft, or one the person drops, is
// removed.

export interface DraftKeeper {
  /** The file, private to the user: <data>/drafts/<bank>/<role>.json. */
  path: string;
  /** What an earlier, unfinished run left; absent when there was nothing (or nothing usable). */
  found?: Draft;
  /** Keeps the state of the walk, in the background; writes happen in order. */
  keep(walk: Walk, followUp: readonly FollowUp[]): void;
  /** Once every write has ended: whether answers are kept (a draft with no answer is removed). */
  settle(): Promise<boolean>;
  /** The questionnaire is finished: the draft goes. */
  remove(): Promise<void>;
}

export function draftPath(data: string, bank: Bank, role: Role): string {
  return join(data, 'drafts', bank.id, `${role}.json`);
}

/**
 * Opens the draft for this bank and role, and checks its folder at once: a data folder that cannot hold it (not a
 * folder, not writable, someone else's or open to others) is found before the first question.
 */
export async function openDraft(
  io: Io,
  bank: Bank,
  role: Role,
  say: (line: string) => void,
): Promise<DraftKeeper | undefined> {
  const data = dataFolder(io.env, io.platform, io.cwd);
  if (data === undefined) return undefined;
  const path = draftPath(data, bank, role);
  let found: Draft | undefined;
  const text = await readText(io, path).then(
    (read) => read.text,
    () => undefined,
  );
  if (text !== undefined) {
    const read = readDraft(text, bank, role);
    if ('draft' in read && read.draft.values.size + read.draft.followUp.length > 0) found = read.draft;
    else if ('problem' in read)
      say(`Your unfinished answers in ${path} could not be used (${read.problem}); starting afresh.`);
  }
  let answered = found !== undefined;
  const write = async (draft: Draft) => {
    try {
      await io.writePrivateFile(path, draftDocument(bank, role, draft), data);
    } catch (error) {
      throw cannotKeep(path, error);
    }
  };
  // Checked, not written: a write (and its flush to disk) would delay the first question.
  await io.ensurePrivateFolder(dirname(path), data).catch((error: unknown) => {
    throw cannotKeep(path, error);
  });

  let pending: Promise<void> = Promise.resolve();
  let failure: unknown;
  return {
    path,
    ...(found ? { found } : {}),
    keep(walk, followUp) {
      answered = walk.values.size + followUp.length > 0;
      const draft: Draft = {
        savedAt: new Date().toISOString(),
        position: walk.position,
        values: walk.values,
        followUp,
      };
      pending = pending.then(() =>
        write(draft).catch((error: unknown) => {
          // Said once; the questionnaire goes on (the answers are still in memory).
          if (failure === undefined)
            say(`${(error as Error).message}; your answers are no longer kept as you go.`);
          failure = error;
        }),
      );
    },
    async settle() {
      await pending;
      if (failure !== undefined) return false;
      if (!answered) await io.removeFile(path).catch(() => {});
      return answered;
    },
    async remove() {
      await pending;
      await io.removeFile(path).catch(() => {});
    },
  };
}

function cannotKeep(path: string, error: unknown): InputError {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = code === 'EUNSAFE' ? message : (code ?? message);
  return new InputError(
    [`${path}: cannot keep your answers there as you go (${reason})`],
    'Set WHO_FAILED_WHOM_DATA_DIR to a folder of yours that you can write to, or pass --no-save.',
  );
}
