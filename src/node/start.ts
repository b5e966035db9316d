// fs.promises rather than node:fs/promises: it loads on first use, and a scoring run never uses it.
import { closeSync, createReadStream, fstatSync, promises, statSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { main, reportError } from '../cli/main.js';
import {
  ExitCode,
  INTERRUPT_SIGNALS,
  InterruptedError,
  type InterruptSignal,
  signalExitCode,
} from '../errors.js';
import type { Io, OutputStream, WalkEntry } from '../io.js';
import { readCapped } from '../limits.js';
import { fileId } from '../output/inspect.js';
import { removeUnfinishedFiles, unfinishedFiles } from '../output/unfinished-files.js';
import { fdOutput } from './fd-output.js';
import { listFolder, openToRead, ReadIds, readOpenFile } from './files.js';
import { readAheadOf, readFolder } from './read-ahead.js';

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
  const inputs = new ReadIds();
  const io: Io = {
    // Touching process.stdin builds its stream, which a run with --answers FILE never needs.
    get stdin() {
      stdinBuilt = true;
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
      return (await readWithId(path, inputs)).bytes;
    },
    readFileAndId: (path) => readWithId(path, inputs),
    readFolder: (dir, extensions) => readFolder(dir, extensions, inputs, readAheadOf(process.env)),
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
    async writePrivateFile(path, content, root) {
      const { writePrivateFile } = await import('../output/private-file.js');
      await writePrivateFile(path, content, root);
    },
    async createLockFile(path, content, root) {
      const { createLockFile } = await import('../output/private-file.js');
      await createLockFile(path, content, root);
    },
    pid: process.pid,
    isRunning(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists, as another user's.
        return (error as NodeJS.ErrnoException).code !== 'ESRCH';
      }
    },
    async ensurePrivateFolder(folder, root) {
      const { ensurePrivateFolder } = await import('../output/private-file.js');
      await ensurePrivateFolder(folder, root);
    },
    async removeFile(path) {
      await promises.rm(path, { force: true });
      unfinishedFiles.delete(path);
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
 * A small regular file reads faster synchronously (a team run reads thousands, one after another); anything else
 * (a FIFO, a device) may block, so it is read asynchronously and stays interruptible.
 */
async function readWithId(path: string, inputs: ReadIds): Promise<{ bytes: Buffer; id: string | null }> {
  const { fd, info } = openToRead(path);
  let owner = true;
  try {
    if (info.isFile()) {
      const id = fileId(info);
      inputs.add(id);
      return { bytes: readOpenFile(fd, info.size), id };
    }
    if (info.isFIFO()) {
      // Read through this very descriptor: closing it would throw away what a writer that started
      // first has already written (and hang the next open, which waits for another writer).
      owner = false;
      return { bytes: await readFifo(fd), id: fileId(info) };
    }
  } finally {
    if (owner) closeSync(fd);
  }
  // A device has no size to check first: read as a stream, up to the cap.
  return { bytes: await readCapped(createReadStream(path)), id: null };
}

/** Whether process.stdin was built: only then can this run have put the terminal in raw mode. */
let stdinBuilt = false;

const SHOW_CURSOR = '\u001b[?25h';

/**
 * Puts the terminal back as the run found it when a signal cuts the questionnaire short: out of raw mode, and
 * the cursor shown (the prompt hides it). A prompt that ends normally does this itself; this is for the rest.
 */
function restoreTerminal(): void {
  try {
    if (stdinBuilt && process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // The terminal is gone (a hangup): nothing to restore.
  }
  for (const fd of [1, 2]) {
    try {
      // A terminal is a character device; so is /dev/null, where the sequence does no harm.
      if (fstatSync(fd).isCharacterDevice()) writeSync(fd, SHOW_CURSOR);
    } catch {
      // As above: a terminal that hung up cannot be written to, nor needs to be.
    }
  }
}

/**
 * A FIFO, read from the descriptor already open, in non-blocking mode and polled by the event loop (the way
 * Node reads a pipe on stdin): no thread waits on it, so Ctrl-C still ends the run. Until a writer comes the
 * kernel reports nothing to read, and once the last writer has gone it reports the end.
 */
async function readFifo(fd: number): Promise<Buffer> {
  let pipe: Socket | undefined;
  try {
    // Loaded here only: a scoring run never needs the network module, and loading it is not free.
    const { Socket } = process.getBuiltinModule('node:net');
    pipe = new Socket({ fd, readable: true, writable: false });
    return await readCapped(pipe);
  } finally {
    if (pipe) pipe.destroy();
    else closeSync(fd);
  }
}

/** See Io.walk. Each folder is read as it comes off a stack, so a deep tree costs no recursion. */
async function* walkFiles(dir: string, extensions: string[]): AsyncIterable<WalkEntry> {
  const pending = [dir];
  let seen = 0;
  while (pending.length > 0) {
    for (const entry of listFolder(pending.pop() as string, extensions, pending)) {
      yield entry;
      // Every few hundred entries the event loop gets a turn, so Ctrl-C is heard.
      if (++seen % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** The bin entry: wires signals and pipes, runs main, and sets the exit code without cutting output short. */
export async function start(argv = process.argv.slice(2)): Promise<void> {
  // Made when first asked for: building an AbortController loads a good part of Node's web APIs, and only a
  // questionnaire listens to it.
  let controller: AbortController | undefined;
  let received: NodeJS.Signals | undefined;
  const abortSignal = () => {
    if (!controller) {
      controller = new AbortController();
      if (received) controller.abort(received);
    }
    return controller.signal;
  };
  /** Ends a run that did not stop by itself: its message and exit code are main's, as for any interruption. */
  const stopNow = (signal: InterruptSignal) => {
    restoreTerminal();
    removeUnfinishedFiles();
    process.exit(finished ? signalExitCode(signal) : reportError(new InterruptedError(signal), io));
  };
  const onSignal = (signal: InterruptSignal) => {
    if (received) stopNow(signal);
    received = signal;
    controller?.abort(signal);
    // A prompt ends through the abort signal; anything else that is stuck gets a moment, then the process ends.
    setTimeout(() => stopNow(signal), 500).unref();
  };
  // SIGHUP (the terminal closed) and SIGQUIT would otherwise end the process on the spot, in the middle of a
  // prompt, leaving the terminal in raw mode with the cursor hidden.
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, onSignal);
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
  if (received) restoreTerminal();
  // A terminal that hung up fails every write; the exit code still says why the run stopped.
  if (failure && !received) reportFailure();
  else process.exitCode = code;
}
