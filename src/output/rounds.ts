import { basename, dirname, join } from 'node:path';
import type { Role } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { dataFolder } from './data-folder.js';

// The rounds a person keeps: one answers file per finished questionnaire, in their data folder, under
// rounds/<bank id>/<role>/, named by the time it was saved so that names sort as the rounds happened.

const ROLES: Role[] = ['manager', 'rep'];

/** The data folder, or a usage error saying how to name one (and `orElse`, another way out). */
export function requireDataFolder(io: Io, orElse = ''): string {
  const folder = dataFolder(io.env, io.platform, io.cwd);
  if (folder === undefined) {
    throw new UsageError(
      `there is no folder for your rounds (no home folder is set): set WHO_FAILED_WHOM_DATA_DIR${orElse}`,
    );
  }
  return folder;
}

export function roundsFolder(data: string, bankId: string): string {
  return join(data, 'rounds', bankId);
}

/** `2026-11-27T14-05-09Z.yaml` (UTC, no colons, which Windows refuses); a second save in the same second gets `~2`. */
export function roundFileName(when: Date, attempt = 1): string {
  const stamp = when
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  // '~' sorts after '.', so a later save in the same second sorts after the first.
  return `${stamp}${attempt > 1 ? `~${attempt}` : ''}.yaml`;
}

export interface SavedRound {
  path: string;
  role: Role;
}

/** Keeps a round; returns where. Never replaces a round: a name in use gets the next free one. */
export async function saveRound(
  io: Io,
  bankId: string,
  role: Role,
  content: string,
  when: Date,
): Promise<string> {
  const data = requireDataFolder(io, ', or pass --no-save');
  const folder = join(roundsFolder(data, bankId), role);
  for (let attempt = 1; attempt <= 20; attempt++) {
    const path = join(folder, roundFileName(when, attempt));
    try {
      await io.createPrivateFile(path, content, data);
      return path;
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EEXIST') continue;
      if (code === 'EUNSAFE') {
        throw new InputError(
          [
            `${(error as Error).message}; a round holds your answers, so it is kept only in a folder of yours that no one else can write to`,
          ],
          'Fix that folder (chmod 700), set WHO_FAILED_WHOM_DATA_DIR to another, or pass --no-save.',
        );
      }
      const reason = code === undefined ? (error as Error).message : `${code}`;
      throw new InputError(
        [`${path}: cannot keep this round there (${reason})`],
        'Set WHO_FAILED_WHOM_DATA_DIR to a folder you can write to, or pass --no-save.',
      );
    }
  }
  throw new InputError([`${folder}: twenty rounds saved in one second; not keeping another`]);
}

/** The rounds kept for a bank, oldest first, each with its role; `role` keeps only that role's. */
export async function listRounds(io: Io, bankId: string, role?: Role): Promise<SavedRound[]> {
  const data = requireDataFolder(io);
  const folder = roundsFolder(data, bankId);
  if ((await io.kindOf(folder)) !== 'directory') return [];
  const rounds: SavedRound[] = [];
  for await (const entry of io.walk(folder, ['.yaml'])) {
    if (entry.kind !== 'file') continue;
    const { path } = entry;
    const parent = basename(dirname(path));
    if (dirname(dirname(path)) !== folder || basename(path).startsWith('.')) continue;
    const found = ROLES.find((r) => r === parent);
    if (found && (role === undefined || role === found)) rounds.push({ path, role: found });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rounds.sort((a, b) => order(a.role, b.role) || order(basename(a.path), basename(b.path)));
}
