/**
 * Commands run in-process: `main(argv, io)` on the memory Io, judged by stdout, stderr and the exit code, as the
 * end-to-end tests judge the built binary, without starting a process. test/e2e keeps what needs one.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io.js';
import { processIo } from '../../src/node/start.js';
import {
  BUILTIN_BANK_PATH,
  type Entry,
  type MemoryIo,
  type MemoryIoOptions,
  memoryIo,
  ROOT,
} from './memory-io.js';

/** The shipped example answers, at their path in the repository. */
export const EXAMPLE = posix.join(ROOT, 'examples', 'manager.yaml');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');

/** The package's version, which `--version` and the schema lines print. */
export const VERSION = (
  JSON.parse(readFileSync(posix.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
  io: MemoryIo;
}

/** One run of main() on a fresh memory Io holding `options.files` (and the shipped example). */
export async function runMain(argv: string[], options: MemoryIoOptions = {}): Promise<MainResult> {
  const io = memoryIo({ ...options, files: { [EXAMPLE]: EXAMPLE_TEXT, ...options.files } });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText, io };
}

export type RunOptions = Omit<MemoryIoOptions, 'files' | 'cwd'>;

/**
 * A folder kept across in-process runs, as a temporary folder is across processes: what one run writes
 * (-o, --save-answers, init), the next one reads. Names are relative to its `cwd`, or absolute.
 */
export function memoryFolder(cwd = '/mem') {
  const files = new Map<string, Entry>();
  let count = 0;
  const path = (name: string) => posix.resolve(cwd, name);
  return {
    cwd,
    path,
    /** Writes a file; returns its absolute path. */
    file(text: string | Uint8Array, name = `file-${++count}.yaml`): string {
      files.set(path(name), text);
      return path(name);
    },
    /** What is at a name: the very object a test wrote there, unless a run replaced it. */
    entry(name: string): Entry | undefined {
      return files.get(path(name));
    },
    /** A file's text, as the last run left it. */
    read(name: string): string | undefined {
      const entry = files.get(path(name));
      return typeof entry === 'string'
        ? entry
        : entry instanceof Uint8Array
          ? Buffer.from(entry).toString()
          : undefined;
    },
    async run(argv: string[], options: RunOptions = {}): Promise<MainResult> {
      const result = await runMain(argv, { ...options, cwd, files: Object.fromEntries(files) });
      for (const [name, entry] of result.io.files) files.set(name, entry);
      return result;
    },
  };
}

/**
 * The real Io on the real file system, in-process, for what the memory Io cannot show (links that loop, a
 * folder removed during a walk, for which `readFolder` may be wrapped); stdout and stderr are collected. From
 * source, the bank is not beside the code as in the package, so the YAML bank is read.
 */
export function realIo(readFolder?: Io['readFolder']) {
  const out: string[] = [];
  const err: string[] = [];
  const { builtinBankJsonPath: _compiled, ...real } = processIo();
  const io: Io = {
    ...real,
    builtinBankPath: BUILTIN_BANK_PATH,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    ...(readFolder ? { readFolder } : {}),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
