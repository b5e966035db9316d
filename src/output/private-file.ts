import { constants, promises as fs } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createTemporary, random, syncFolder, writeAtomic } from './atomic-write.js';
import { unfinishedFiles } from './unfinished-files.js';

// Files that hold a person's answers: readable by them alone, never written through a link, never replacing
// anything. Windows has no modes or owners in this sense (and no O_NOFOLLOW); its per-user folders are private.

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** A folder that must not hold private files: someone else's, writable by others, or a link. */
export class UnsafeFolderError extends Error {
  override name = 'UnsafeFolderError';
  readonly code = 'EUNSAFE';
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(`${folder}: ${reason}`);
  }
}

const uid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * `root` may exist already (it may be a link to a folder, as a home's data folder may be): it must then be this
 * user's and writable by no one else. Missing, it is made, private. Every folder below it is made private, or
 * must be a real folder of this user's, and is made private if it is not.
 */
async function privateFolders(root: string, folder: string): Promise<void> {
  const me = uid();
  const made = await fs.mkdir(root, { recursive: true, mode: OWNER_ONLY_FOLDER });
  if (made === undefined && me !== undefined) {
    const info = await fs.stat(root);
    if (!info.isDirectory()) throw new UnsafeFolderError(root, 'is not a folder');
    if (info.uid !== me) throw new UnsafeFolderError(root, 'belongs to another user');
    if ((info.mode & 0o022) !== 0) throw new UnsafeFolderError(root, 'can be written by other users');
  }
  let current = root;
  for (const part of relative(root, folder).split(sep).filter(Boolean)) {
    current = join(current, part);
    try {
      await fs.mkdir(current, { mode: OWNER_ONLY_FOLDER });
      continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const info = await fs.lstat(current);
    if (info.isSymbolicLink()) throw new UnsafeFolderError(current, 'is a symbolic link, not a folder');
    if (!info.isDirectory()) throw new UnsafeFolderError(current, 'is not a folder');
    if (me === undefined) continue;
    if (info.uid !== me) throw new UnsafeFolderError(current, 'belongs to another user');
    if ((info.mode & 0o077) !== 0) await fs.chmod(current, OWNER_ONLY_FOLDER);
  }
}

/**
 * Creates `path`, which must not exist, with `content`, mode 0600: written to a temporary file of its own
 * (created exclusively under a random name, never through a link), then linked to its name, which fails if
 * anything (a file, a link) is there already: EEXIST, for the caller to pick another name. Unlike a rename, a
 * link never replaces what it finds. A reader never sees half a file.
 */
export async function createPrivateFile(
  path: string,
  content: string,
  root: string,
  { durable = true }: { durable?: boolean } = {},
): Promise<void> {
  const folder = dirname(path);
  await privateFolders(root, folder);
  const { handle, temporary } = await createTemporary(folder, random);
  unfinishedFiles.add(temporary);
  try {
    try {
      await handle.writeFile(content);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A file system without hard links (FAT, some network shares): create the name itself, exclusively.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      await fs.writeFile(path, content, { flag: CREATE_NEW, mode: OWNER_ONLY_FILE });
    }
  } finally {
    await fs.rm(temporary, { force: true });
    unfinishedFiles.delete(temporary);
  }
  if (durable) await syncFolder(folder);
}

/**
 * A lock: created as createPrivateFile creates a file, but not flushed to disk (after a crash no process holds
 * it anyway, and a flush would delay the first question). Removed if the process is stopped before it lets go.
 */
export async function createLockFile(path: string, content: string, root: string): Promise<void> {
  await createPrivateFile(path, content, root, { durable: false });
  unfinishedFiles.add(path);
}

/**
 * Writes `path` whole (a temporary file created exclusively, then renamed over it), mode 0600 whatever was
 * there, in folders made private from `root` down: for a file that is replaced as it changes (a draft).
 */
export async function writePrivateFile(path: string, content: string, root: string): Promise<void> {
  await privateFolders(root, dirname(path));
  await writeAtomic(path, content, { mode: OWNER_ONLY_FILE });
}

/**
 * Makes `folder` (and the folders from `root` down to it) private as writePrivateFile would, and checks that a
 * file can be made in it: a data folder that cannot hold one is known before the work, without writing anything.
 */
export async function ensurePrivateFolder(folder: string, root: string): Promise<void> {
  await privateFolders(root, folder);
  await fs.access(folder, constants.W_OK | constants.X_OK);
}
