import { randomBytes } from 'node:crypto';
import { constants, promises } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { unfinishedFiles } from './unfinished-files.js';

const NEW_FILE_MODE = 0o600;
/** A name already taken is tried again under another; a few collisions in a row mean someone is guessing. */
const ATTEMPTS = 5;
// O_EXCL: a name that exists (a file, or a link planted by someone else) fails instead of being opened.
// O_NOFOLLOW says the same of links once more, for systems that read O_EXCL loosely. (libuv adds O_CLOEXEC.)
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export interface AtomicWriteOptions {
  /** The random part of a temporary file's name; tests pass a fixed one to prove a taken name is never used. */
  randomPart?: () => string;
  /** The mode the file gets, whatever a file it replaces had (a draft stays 0600). */
  mode?: number;
}

export const random = () => randomBytes(8).toString('hex');

/**
 * Writes `content` to `path` through a temporary file made in the same folder, then renames it over `path`:
 * readers see the old file or the new one, never half of one. The temporary file is created exclusively under a
 * random name, so a link planted at a guessed name is never followed; the rename replaces whatever is at
 * `path` (a link included) instead of writing through it. The path is never resolved with realpath, which would
 * step around the kernel's own protection of links in shared folders. A file replaced keeps its mode (and its
 * owner, when we may set it); a new one is readable by its owner only.
 */
export async function writeAtomic(
  path: string,
  content: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const previous = await promises.lstat(path).catch(() => undefined);
  const { handle, temporary } = await createTemporary(dirname(path), options.randomPart ?? random);
  unfinishedFiles.add(temporary);
  try {
    try {
      if (options.mode !== undefined) await handle.chmod(options.mode);
      else if (previous?.isFile()) {
        await handle.chmod(previous.mode & 0o777);
        await handle.chown(previous.uid, previous.gid).catch(() => {});
      }
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await promises.rename(temporary, path);
  } catch (error) {
    await promises.unlink(temporary).catch(() => {});
    throw error;
  } finally {
    unfinishedFiles.delete(temporary);
  }
  await syncFolder(dirname(path));
}

export async function createTemporary(
  folder: string,
  randomPart: () => string,
): Promise<{ handle: promises.FileHandle; temporary: string }> {
  for (let attempt = 1; ; attempt++) {
    // Short and fixed in length: a target name near the file system's limit still leaves room for it.
    const temporary = join(folder, `.who-failed-whom-${randomPart()}.tmp`);
    try {
      return { handle: await promises.open(temporary, CREATE_NEW, NEW_FILE_MODE), temporary };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'ELOOP') || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** The rename itself survives a power cut only once the folder is on disk; not every file system can say so. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await promises
    .open(folder, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0))
    .catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/**
 * A character device or a FIFO (-o /dev/null, a named pipe) is written where it is: renaming a file over it
 * would replace the device itself (as root, for everyone). Opened without O_CREAT, and checked once open, so a
 * regular file swapped in meanwhile is never written through this path.
 */
export async function writeInPlace(path: string, content: string): Promise<void> {
  const handle = await promises.open(path, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isCharacterDevice() && !info.isFIFO()) {
      throw Object.assign(new Error(`${basename(path)} changed while it was being written`), {
        code: 'ECHANGED',
      });
    }
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
