import { dirname, join } from 'node:path';
import { type Draft, draftDocument, readDraft } from '../core/draft.js';
import { type LockHolder, lockAction, lockDocument, lockState, readLock } from '../core/draft-lock.js';
import type { Bank, FollowUp, Role } from '../core/types.js';
import { InputError } from '../errors.js';
import { readText } from '../input/load.js';
import type { Io } from '../io.js';
import { dataFolder } from '../output/data-folder.js';
import type { Walk } from '../prompt/walk.js';

// A questionnaire's answers so far, kept in the data folder after every answer: Ctrl-C, a closed terminal or a
// crash loses nothing, and the next start offers to resume. A finished draft, or one the person drops, is
// removed. One questionnaire at a time keeps the draft of a bank and role: a lock beside it says which.

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
  /** The run ends, however it ends: the lock goes, so the next run may keep the draft. Never fails. */
  release(): Promise<void>;
}

export function draftPath(data: string, bank: Bank, role: Role): string {
  return join(data, 'drafts', bank.id, `${role}.json`);
}

/** Beside the draft: which run keeps it. */
export function lockPath(draft: string): string {
  return draft.replace(/\.json$/, '.lock');
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
  // Checked, not written: a write (and its flush to disk) would delay the first question.
  await io.ensurePrivateFolder(dirname(path), data).catch((error: unknown) => {
    throw cannotKeep(path, error);
  });
  // Held before the draft is read: what another run is answering is neither resumed nor written over.
  const lock = await holdLock(io, path, data);
  try {
    return await keeper(io, bank, role, say, path, data, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function keeper(
  io: Io,
  bank: Bank,
  role: Role,
  say: (line: string) => void,
  path: string,
  data: string,
  lock: { release(): Promise<void> },
): Promise<DraftKeeper> {
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
    release: () => lock.release(),
  };
}

/** Retries of a lock that another run took or let go in the meantime. */
const LOCK_ATTEMPTS = 3;

/**
 * Takes the lock beside the draft, or takes over one whose run is gone; refuses, before the first question,
 * while another run holds it.
 */
async function holdLock(io: Io, path: string, data: string): Promise<{ release(): Promise<void> }> {
  const lock = lockPath(path);
  const mine: LockHolder = { pid: io.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    try {
      await io.createLockFile(lock, lockDocument(mine), data);
      return {
        async release() {
          // Only while it is still this run's: a lock taken over meanwhile is another run's to remove.
          const holder = readLock((await readLockText(io, lock)) ?? '');
          if (holder?.pid === mine.pid && holder.startedAt === mine.startedAt)
            await io.removeFile(lock).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotKeep(path, error);
    }
    const found = lockState(await readLockText(io, lock), io.pid, (pid) => io.isRunning(pid));
    const action = lockAction(found);
    if (action === 'refuse' && found.state === 'live') throw heldElsewhere(lock, found.holder);
    if (action === 'take-over') await io.removeFile(lock).catch(() => {});
  }
  throw cannotKeep(path, Object.assign(new Error('its lock keeps changing'), { code: 'EEXIST' }));
}

/** The lock's text; undefined when there is none, '' when it cannot be read (no run's lock, then). */
async function readLockText(io: Io, lock: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await io.readFile(lock));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

function heldElsewhere(lock: string, holder: LockHolder): InputError {
  const since = holder.startedAt ? `, since ${holder.startedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  return new InputError(
    [`${lock}: another questionnaire (pid ${holder.pid}${since}) is answering in this data folder`],
    `Finish that one first, or pass --no-save to answer without keeping anything; if it is no longer running, remove ${lock}.`,
  );
}

function cannotKeep(path: string, error: unknown): InputError {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = code === 'EUNSAFE' ? message : (code ?? message);
  return new InputError(
    [`${path}: cannot keep your answers there as you go (${reason})`],
    'Set WHO_FAILED_WHOM_DATA_DIR to a folder of yours that you can write to, or pass --no-save.',
  );
}
