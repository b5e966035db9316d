import type { Readable, Writable } from 'node:stream';

export type InputStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Everything main() may touch outside itself; tests pass fakes, bin passes the real process. */
export interface Io {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The bank shipped with the package. */
  builtinBankPath: string;
  readFile(path: string): Promise<string>;
  /** Writes via a temporary file and a rename, so readers never see half a file. */
  writeFileAtomic(path: string, content: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}
