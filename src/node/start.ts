// fs.promises rather than node:fs/promises: it loads on first use, and a scoring run never uses it.
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  openSync,
  promises,
  readFileSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';
import { ExitCode, INTERRUPTED_MESSAGE, signalExitCode } from '../errors.js';
import type { Io, OutputStream, WalkEntry } from '../io.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import { fileId } from '../output/inspect.js';
import { removeUnfinishedFiles } from '../output/unfinished-files.js';
import { fdOutput } from './fd-output.js';

const builtinBankPath = fileURLToPath(new URL('../questions/who-failed-whom.yaml', import.meta.url));

/**
 * Builds the real Io from this process; `signal` is asked for only by what can be interrupted (the prompts), and
 * `onOutputFailure` hears of a stdout that cannot be written (a full disk).
 */
export function processIo(
  signal?: () => AbortSignal,
  onOutputFailure?: (error: NodeJS.ErrnoException) => void,
): Io {
  let stdout: OutputStream | undefined;
  let stderr: OutputStream | undefined;
  // The files this run has read (device and inode): -o never replaces one of them.
  const inputs = new Set<string>();
  const io: Io = {
    // Touching process.stdin builds its stream (a millisecond or two); a run with --answers FILE never needs it.
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      stdout ??= fdOutput(1, () => process.stdout, onOutputFailure);
      return stdout;
    },
    get stderr() {
      stderr ??= fdOutput(2, () => process.stderr);
      return stderr;
    },
    promptOutput: () => (io.stdout.isTTY ? process.stdout : process.stderr),
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    builtinBankPath,
    builtinBankJsonPath: fileURLToPath(new URL('./bank.json', import.meta.url)),
    async readFile(path) {
      // Refuse before reading, so a wrong multi-gigabyte file costs nothing.
      // A small regular file reads faster synchronously (a team run reads thousands, one after another);
      // anything else (a FIFO, a device) may block, so it is read asynchronously and stays interruptible.
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const info = fstatSync(fd);
        if (info.isFile() && info.size > MAX_INPUT_BYTES) {
          throw Object.assign(new Error('too large'), { code: 'EFBIG' });
        }
        if (info.isFile()) {
          inputs.add(fileId(info));
          return readFileSync(fd, 'utf8');
        }
        if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      } finally {
        closeSync(fd);
      }
      return readCapped(path);
    },
    async writeFileAtomic(path, content) {
      // A device or a FIFO (-o /dev/stdout, -o /dev/null) is written in place: the atomic way, a temporary file
      // renamed over it, would replace the device itself with a file (and as root, for everyone).
      const info = await promises.stat(path).catch(() => undefined);
      const { writeAtomic, writeInPlace } = await import('../output/atomic-write.js');
      if (info && (info.isCharacterDevice() || info.isFIFO())) await writeInPlace(path, content);
      else await writeAtomic(path, content);
    },
    async inspectDestination(path) {
      const { inspectDestination } = await import('../output/inspect.js');
      return inspectDestination(path, inputs);
    },
    async createPrivateFile(path, content, root) {
      // Loaded only by a run that keeps a round: it brings node:crypto along.
      const { createPrivateFile } = await import('../output/private-file.js');
      await createPrivateFile(path, content, root);
    },
    async kindOf(path) {
      try {
        const info = await promises.stat(path);
        // A link named on the command line is followed; inside a folder, only links to files are (see walkFiles).
        if (info.isDirectory()) return 'directory';
        return info.isFile() ? 'file' : 'other';
      } catch {
        return 'missing';
      }
    },
    walk: walkFiles,
    async fileId(path) {
      try {
        return fileId(statSync(path));
      } catch {
        return null;
      }
    },
  };
  if (signal) {
    Object.defineProperty(io, 'signal', { get: signal, enumerable: true });
  }
  return io;
}

/**
 * FIFOs being opened for reading. Opening one waits, in a worker thread, for something to write to it; a thread
 * stuck there would keep the process from ever exiting, Ctrl-C or not. An interrupt opens each for writing
 * itself, which lets the waiting open through (and the read end at once).
 */
const waitingFifos = new Set<string>();

function releaseWaitingFifos(): void {
  for (const path of waitingFifos) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // Already open, or gone: nothing waits on it.
    }
  }
}

/** A FIFO or a device has no size to check first: read it as a stream and stop at the cap. */
async function readCapped(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  waitingFifos.add(path);
  try {
    for await (const chunk of createReadStream(path)) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
      chunks.push(chunk as Buffer);
    }
  } finally {
    waitingFifos.delete(path);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** See Io.walk. Each folder is read as it comes off a stack, so a deep tree costs no recursion. */
async function* walkFiles(dir: string, extensions: string[]): AsyncIterable<WalkEntry> {
  const matches = (name: string) => extensions.some((ext) => name.endsWith(ext));
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    try {
      for await (const entry of await promises.opendir(current, { bufferSize: 256 })) {
        const path = join(current, entry.name);
        if (entry.isDirectory()) pending.push(path);
        else if (entry.isSymbolicLink()) {
          const found = followLink(path, matches(entry.name));
          if (found) yield found;
        } else if (matches(entry.name)) {
          yield entry.isFile() ? { kind: 'file', path } : { kind: 'passed-over', path, why: 'not-a-file' };
        }
      }
    } catch (error) {
      // Unreadable, or removed since it was listed: before its first entry or part way through.
      yield { kind: 'unreadable', path: current, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    }
  }
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

/** The bin entry: wires signals and pipes, runs main, and sets the exit code without cutting output short. */
export async function start(argv = process.argv.slice(2)): Promise<void> {
  // Made when first asked for: building an AbortController loads a good part of Node's web APIs (about 5 ms),
  // and only a questionnaire listens to it.
  let controller: AbortController | undefined;
  let received: NodeJS.Signals | undefined;
  const abortSignal = () => {
    if (!controller) {
      controller = new AbortController();
      if (received) controller.abort(received);
    }
    return controller.signal;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signalExitCode(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    if (received) {
      releaseWaitingFifos();
      removeUnfinishedFiles();
      process.exit(code);
    }
    received = signal;
    controller?.abort(signal);
    // A prompt ends through the abort signal; anything else that is stuck gets a moment, then the process ends.
    setTimeout(() => {
      process.stderr.write(`${INTERRUPTED_MESSAGE}\n`);
      releaseWaitingFifos();
      removeUnfinishedFiles();
      process.exit(code);
    }, 500).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The report could not be written (`> /dev/full`, a full disk): one line and exit 2, however the run went.
  let finished = false;
  let failure: NodeJS.ErrnoException | undefined;
  const reportFailure = () => {
    io.stderr.write(
      `who-failed-whom: could not write the report to stdout (${failure?.code ?? failure?.message}); check where it goes (a full disk?)\n`,
    );
    process.exitCode = ExitCode.invalid;
  };
  const io = processIo(abortSignal, (error) => {
    failure = error;
    if (finished) reportFailure();
  });
  const code = await main(argv, io);
  finished = true;
  if (failure) reportFailure();
  else process.exitCode = code;
}
