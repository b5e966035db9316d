import type { Readable, Writable } from 'node:stream';
import type { DecodedText } from './decode.js';

export type InputStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
/** Where reports and messages go: only writing is asked of it, so a plain descriptor can serve. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
/** The prompt library draws on a real stream. */
export type PromptOutput = Writable & { isTTY?: boolean; columns?: number };

/**
 * What is at a path about to be written. `id` names the place (the same file reached by two names has one id),
 * so two writes to one place can be told apart from two files. `folderError` is the error code (ENOENT,
 * ENOTDIR, EACCES, EROFS) that a new file in the path's folder would meet, or null when it may be made there.
 */
export type Destination =
  | { kind: 'missing'; id: string | null; folderError: string | null }
  | { kind: 'folder' }
  /** A symbolic link to anything but a device or a FIFO. */
  | { kind: 'link' }
  /** A character device or a FIFO, perhaps behind a link (/dev/null, a named pipe): written in place. */
  | { kind: 'device' }
  /** A socket or a block device: no place for a file. */
  | { kind: 'special' }
  | {
      kind: 'file';
      id: string;
      /** The first few KB, to tell a report of ours; null when it cannot be read. */
      head: string | null;
      /** Nobody may write it (or not this user): replacing it would undo a deliberate protection. */
      readOnly: boolean;
      /** This run read it: a report written over its own input destroys it. */
      input: boolean;
      folderError: string | null;
    };

/**
 * What a walk through a folder meets: a file to read (or a link to one); a folder it could not read (`code`:
 * EACCES, or ENOENT for one removed during the walk); or something it passes over: a link to a folder (never
 * followed, so a loop cannot make it spin) or a matching name that is no regular file (a FIFO would wait for
 * ever).
 */
export type WalkEntry =
  | { kind: 'file'; path: string }
  | { kind: 'unreadable'; path: string; code: string }
  | { kind: 'passed-over'; path: string; why: 'link-to-folder' | 'not-a-file' };

/**
 * A file read ahead (see Io.readFolder): its bytes and id, as readFileAndId gives them, or already its text (as
 * decodeText makes it), or the error it met.
 */
export type FileRead =
  | { bytes: Uint8Array; id: string | null }
  | ({ id: string | null } & DecodedText)
  | { error: { code?: string; message: string } };

/** What Io.readFolder meets: what a walk does, each file with its read (none when it was left to readFileAndId). */
export type FolderEntry =
  | Exclude<WalkEntry, { kind: 'file' }>
  | { kind: 'file'; path: string; read?: FileRead };

/** Everything main() may touch outside itself; tests pass fakes, bin passes the real process. */
export interface Io {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Where the questionnaire draws: stdout on a terminal, else stderr, so a report piped away keeps its questions on screen. */
  promptOutput(): PromptOutput;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Node's name for the operating system (`linux`, `darwin`, `win32`), for where per-user files go. */
  platform: string;
  /** The bank shipped with the package. */
  builtinBankPath: string;
  /**
   * The same bank, parsed at build time into JSON: reading it skips a YAML parse that costs more than the rest
   * of a scoring run. Absent when running from source.
   */
  builtinBankJsonPath?: string;
  /**
   * A file's bytes (text is decoded in one place, src/input/decode.ts). A regular file over the size cap is
   * refused before it is read; a FIFO or a device is read to its end or to the cap.
   */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * The same, with the file's id (as fileId gives it) from the same open: a team run reads 100,000 files and
   * counts each once, and a second look at each would cost it a tenth of its time.
   */
  readFileAndId(path: string): Promise<{ bytes: Uint8Array; id: string | null }>;
  /**
   * Writes through a new temporary file in the same folder (created exclusively, under a random name, never
   * through a link) and a rename, so readers never see half a file; a device or a FIFO is written in place
   * (renaming over it would replace it).
   */
  writeFileAtomic(path: string, content: string): Promise<void>;
  /**
   * Creates a file that must not exist yet (failing with code EEXIST), readable by this user only, never seen
   * half-written and never written through a link; the folders from `root` down to it are made private.
   */
  createPrivateFile(path: string, content: string, root: string): Promise<void>;
  /**
   * Writes a file readable by this user only (0600, replacing what is there, whole or not at all), in folders
   * made private from `root` down.
   */
  writePrivateFile(path: string, content: string, root: string): Promise<void>;
  /**
   * Creates a lock file as createPrivateFile does (EEXIST when anything is there; whole before anyone sees it),
   * without waiting for the disk: a lock outlives no crash. Removed by removeFile, or when the process is
   * stopped before that.
   */
  createLockFile(path: string, content: string, root: string): Promise<void>;
  /** This process's id, for a lock to name. */
  pid: number;
  /** Whether a process with this id exists (one of another user's too). */
  isRunning(pid: number): boolean;
  /** Makes a folder private from `root` down, as writePrivateFile would, and checks that it can be written. */
  ensurePrivateFolder(folder: string, root: string): Promise<void>;
  /** Removes a file; one already gone is no error. */
  removeFile(path: string): Promise<void>;
  /** What a run is about to write over: looked at without following a link at `path` itself. */
  inspectDestination(path: string): Promise<Destination>;
  /** What a path is; a symbolic link named here is followed (walk follows only links to files). */
  kindOf(path: string): Promise<'file' | 'directory' | 'missing' | 'other'>;
  /**
   * What lies under a folder, one folder's names at a time (a tree is never held in memory whole): files whose
   * names end with one of `extensions` (a link to such a file too), folders it cannot read, and what it passes
   * over.
   */
  walk(dir: string, extensions: string[]): AsyncIterable<WalkEntry>;
  /**
   * The walk with each file read as well, in the same order, a few hundred entries at a time: a team run reads
   * 100,000 files, and reading them can go on beside the reading of what they say. A file that turns out to be
   * no regular file when opened (a FIFO, a device) comes without its read, for readFileAndId.
   */
  readFolder(dir: string, extensions: string[]): AsyncIterable<FolderEntry[]>;
  /**
   * A file's identity, device and inode, through links: the same file named twice, by a link or through a
   * folder, has one. Null when the path cannot be looked at (reading it then says why).
   */
  fileId(path: string): Promise<string | null>;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}
