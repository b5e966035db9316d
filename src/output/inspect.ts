import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Destination } from '../io.js';

/** Enough to hold any report's marker (see report-mark.ts); a big file in the way costs no more than this. */
const HEAD_BYTES = 4096;

/** A file's identity: two names for one file (a hard link, a path through a linked folder) give one. */
export const fileId = (info: Pick<Stats, 'dev' | 'ino'>) => `${info.dev}:${info.ino}`;

/**
 * What is at `path`, without following a link there. `inputs` holds the ids of the files this run has read.
 * Any other error in looking reads as 'missing': the write then fails with the precise reason.
 */
export function inspectDestination(path: string, inputs: { has(id: string): boolean }): Destination {
  let info: Stats;
  try {
    info = lstatSync(path);
  } catch {
    return { kind: 'missing', id: missingId(path), folderError: folderError(path) };
  }
  if (info.isSymbolicLink()) {
    // Followed only to see whether it leads to a device or a FIFO, which are written in place (/dev/stdout is a
    // link to one); a link to anything else is never written through.
    const target = statQuietly(path);
    return target && (target.isCharacterDevice() || target.isFIFO()) ? { kind: 'device' } : { kind: 'link' };
  }
  if (info.isDirectory()) return { kind: 'folder' };
  if (info.isCharacterDevice() || info.isFIFO()) return { kind: 'device' };
  if (!info.isFile()) return { kind: 'special' };
  const id = fileId(info);
  return {
    kind: 'file',
    id,
    head: readHead(path, id),
    readOnly: readOnly(path, info),
    input: inputs.has(id),
    folderError: folderError(path),
  };
}

/**
 * Why no new file can be made beside `path` (the temporary file, then the rename), as the write would fail:
 * so a bad destination is known before the work, not after twenty answers.
 */
function folderError(path: string): string | null {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) return 'ENOTDIR';
    accessSync(folder, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? null;
  }
}

/** A file not there yet is named by its folder and its name, so `d/x` and `link-to-d/x` are one place. */
function missingId(path: string): string | null {
  const folder = statQuietly(dirname(path));
  return folder ? `${fileId(folder)}/${basename(path)}` : null;
}

function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Root may write any file, so the mode says what its owner meant: no write bit for anyone is read-only, for
 * root too. Anyone else is also stopped by a file they may not write (the folder may still let them replace it).
 */
function readOnly(path: string, info: Stats): boolean {
  if ((info.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** The first few KB, opened without following a link and without waiting on anything that is not a file. */
function readHead(path: string, id: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    // Swapped for something else since it was looked at: not the file to judge.
    if (!info.isFile() || fileId(info) !== id) return null;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
