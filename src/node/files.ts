// What a folder walk and a file read do, synchronously: shared by the program's own thread and the thread that
// reads ahead for it (see read-ahead.ts), so both find and read the same files in the same order.
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { FileRead, WalkEntry } from '../io.js';
import { MAX_INPUT_BYTES, tooLargeError } from '../limits.js';
import { fileId } from '../output/inspect.js';

/**
 * What one folder holds, as a walk yields it: files whose names end with one of `extensions` (a link to such a
 * file too), what the walk passes over, or the folder itself when it cannot be read. Its subfolders are pushed
 * onto `pending`, where the walk takes its next folder from (the last first).
 */
export function listFolder(current: string, extensions: string[], pending: string[]): WalkEntry[] {
  let entries: Dirent[];
  try {
    // Whole and synchronously: the asynchronous reader left the program idle, waiting on the thread pool, for a
    // third of a 100,000-file run, and reading a folder in pieces costs more than its names do.
    entries = readdirSync(current, { withFileTypes: true });
  } catch (error) {
    // Unreadable, or removed since it was listed.
    return [{ kind: 'unreadable', path: current, code: (error as NodeJS.ErrnoException).code ?? 'EIO' }];
  }
  const matches = (name: string) => extensions.some((ext) => name.endsWith(ext));
  // What join(current, name) gives for every name in it, without normalising each path again.
  const prefix = join(current, '_').slice(0, -1);
  const found: WalkEntry[] = [];
  for (const entry of entries) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) pending.push(path);
    else if (entry.isSymbolicLink()) {
      const link = followLink(path, matches(entry.name));
      if (link) found.push(link);
    } else if (matches(entry.name)) {
      found.push(entry.isFile() ? { kind: 'file', path } : { kind: 'passed-over', path, why: 'not-a-file' });
    }
  }
  return found;
}

/**
 * A link inside a folder: to a file it is read like one; to a folder it is passed over (and said), as
 * following it could loop. A matching link that leads nowhere is yielded, for the read to say why.
 */
function followLink(path: string, matching: boolean): WalkEntry | undefined {
  let info: Stats;
  try {
    info = statSync(path);
  } catch {
    return matching ? { kind: 'file', path } : undefined;
  }
  if (info.isDirectory()) return { kind: 'passed-over', path, why: 'link-to-folder' };
  if (!matching) return undefined;
  return info.isFile() ? { kind: 'file', path } : { kind: 'passed-over', path, why: 'not-a-file' };
}

/**
 * Opens a file without waiting (O_NONBLOCK: opening a FIFO must not wait for a writer), and refuses before
 * reading, so a wrong multi-gigabyte file costs nothing. Returns the open descriptor and what fstat says.
 */
export function openToRead(path: string): { fd: number; info: Stats } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (info.isFile() && info.size > MAX_INPUT_BYTES) throw tooLargeError();
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return { fd, info };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A regular file's bytes, into a buffer of the size fstat gave (readFileSync(fd) would fstat once more). */
export function readOpenFile(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const read = readSync(fd, buffer, done, size - done, null);
    if (read === 0) break;
    done += read;
  }
  return done < size ? buffer.subarray(0, done) : buffer;
}

/**
 * A regular file's bytes and id (see Io.readFileAndId) from one open, or the error the read met; undefined when
 * the path turns out to be no regular file (a FIFO or a device), which only the asynchronous reader reads.
 */
export function readRegular(path: string): Exclude<FileRead, { text: string }> | undefined {
  let opened: { fd: number; info: Stats };
  try {
    opened = openToRead(path);
  } catch (error) {
    return { error: errorOf(error) };
  }
  const { fd, info } = opened;
  try {
    if (!info.isFile()) return undefined;
    return { bytes: readOpenFile(fd, info.size), id: fileId(info) };
  } catch (error) {
    return { error: errorOf(error) };
  } finally {
    closeSync(fd);
  }
}

/** An error as another thread can be sent it: its code and message, which is all a reader says of it. */
function errorOf(error: unknown): { code?: string; message: string } {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? { message: String(message) } : { code, message: String(message) };
}

/**
 * The ids of the files a run has read (see Io.inspectDestination): a list while nobody asks (a team run reads
 * 100,000 files, and most runs never ask), a set from the first question on.
 */
export class ReadIds {
  private readonly list: string[] = [];
  private set: Set<string> | undefined;

  add(id: string): void {
    if (this.set) this.set.add(id);
    else this.list.push(id);
  }

  has(id: string): boolean {
    this.set ??= new Set(this.list);
    return this.set.has(id);
  }
}
