import type { Readable, Writable } from 'node:stream';

export type InputStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
/** Where reports and messages go: only writing is asked of it, so a plain descriptor can serve. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
/** The prompt library draws on a real stream. */
export type PromptOutput = Writable & { isTTY?: boolean; columns?: number };

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
  readFile(path: string): Promise<string>;
  /**
   * Writes via a temporary file and a rename, so readers never see half a file; a device or a FIFO in the way
   * is written in place (renaming over it would replace it).
   */
  writeFileAtomic(path: string, content: string): Promise<void>;
  /**
   * Creates a file that must not exist yet (failing with code EEXIST), readable by this user only, never seen
   * half-written and never written through a link; the folders from `root` down to it are made private.
   */
  createPrivateFile(path: string, content: string, root: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** What a path is; a symbolic link named here is followed (walk does not follow the ones inside folders). */
  kindOf(path: string): Promise<'file' | 'directory' | 'missing' | 'other'>;
  /**
   * Files under a folder whose names end with one of `extensions`, as they are found (not sorted, never all
   * held in memory). Symbolic links to folders are not followed, so a link loop cannot make it spin.
   */
  walk(dir: string, extensions: string[]): AsyncIterable<string>;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}
