/**
 * Files only this user could have written: the compile caches hold code that runs as it is, so what is read
 * must be a file of this user's, in a folder of this user's, that nobody else can write to; and what is written
 * never goes through a link or onto a file someone else made.
 *
 * A file is checked as it was opened (fstat of the descriptor), not by a path that could change between a check
 * and a read: that check alone keeps out anyone else's file. Its folder is checked too, so that nobody else can
 * add, remove or swap files in it. Both at every read. No check throws: a file that fails one is not read.
 */
const fs = process.getBuiltinModule('node:fs');

// Not on Windows, where they are undefined, and `|` reads undefined as 0.
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_NOCTTY } = fs.constants;
/** No link followed, no wait on a FIFO with no writer, and a terminal never becomes ours. */
const READ_FLAGS = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
const CREATE_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
const GROUP_OR_OTHER_WRITE = 0o022;

/** This user and nobody else can change it. Windows has no owners in this sense; its per-user folders are private. */
function isOwnAndUnshared(info: import('node:fs').Stats): boolean {
  if (process.geteuid === undefined) return true;
  return info.uid === process.geteuid() && (info.mode & GROUP_OR_OTHER_WRITE) === 0;
}

/** A folder, not a link to one, owned by this user and writable by no one else. */
export function isPrivateFolder(folder: string): boolean {
  try {
    const info = fs.lstatSync(folder);
    return info.isDirectory() && isOwnAndUnshared(info);
  } catch {
    return false;
  }
}

/**
 * The folder, made private (0700) if it does not exist. A folder that exists already, or that someone else made
 * between the check and the mkdir, is checked like any other: false unless it is private.
 */
export function ensurePrivateFolder(folder: string): boolean {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return isPrivateFolder(folder);
}

/**
 * The whole content of a regular file of this user's, unshared, in a private folder and at most maxBytes long;
 * undefined for anything else (a link, a FIFO, a device, someone else's file, a larger file, a read error).
 */
export function readPrivateFile(folder: string, path: string, maxBytes: number): Buffer | undefined {
  if (!isPrivateFolder(folder)) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(path, READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const info = fs.fstatSync(fd);
    if (!info.isFile() || !isOwnAndUnshared(info) || info.size > maxBytes) return undefined;
    const content = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < content.length) {
      const read = fs.readSync(fd, content, filled, content.length - filled, filled);
      if (read === 0) return undefined;
      filled += read;
    }
    return content;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Digits only: the cleaner recognises a left-over temporary file by its name (see OURS in compile-cache.ts). */
export function temporaryBeside(path: string): string {
  return `${path}.${process.pid}${Math.floor(Math.random() * 2 ** 32)}.tmp`;
}

/**
 * Writes a new file beside the path (O_CREAT|O_EXCL, a random name, never through a link), then renames it into
 * place, so a reader sees the old file or the whole new one. Throws on failure, leaving no temporary file.
 */
export function writePrivateFile(
  path: string,
  chunks: Uint8Array[],
  temporary = temporaryBeside(path),
): void {
  const fd = fs.openSync(temporary, CREATE_FLAGS, 0o600);
  try {
    try {
      for (const chunk of chunks) {
        for (let written = 0; written < chunk.length; ) {
          written += fs.writeSync(fd, chunk, written, chunk.length - written);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, path);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
