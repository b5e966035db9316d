// Io.readFolder: a team folder's files, read as the walk finds them. Once a run has read a thousand files here,
// a second thread (read-worker.ts) starts, and once it is up it walks and reads the folders not yet begun, while
// this thread goes on with what the files say: reading them is as much work again, and a machine has more than
// one core. Both threads walk and read with the same functions (files.ts), and the reader's batches are taken in
// order, so the entries and their order are the same either way.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { FolderEntry } from '../io.js';
import { listFolder, readRegular } from './files.js';
import { type Batch, DONE, READY, type ReadRequest, TAKEN_AT_ONCE, type WireEntry } from './read-wire.js';

/**
 * When the reader starts: after `after` files read here (Infinity: never), and whether this thread then waits
 * for it to be up rather than reading on.
 */
export interface ReadAhead {
  after: number;
  wait: boolean;
}

/** By default: a small folder is read before a thread could start (tens of ms), and nothing waits for one. */
const AUTO: ReadAhead = { after: 1000, wait: false };

/**
 * WHO_FAILED_WHOM_READ_AHEAD, to compare the two ways and for tests: `off`, or a number of files after which the
 * reader takes over, waited for (`0`: it reads every file). Anything else: the default.
 */
export function readAheadOf(env: Record<string, string | undefined>): ReadAhead {
  const value = env.WHO_FAILED_WHOM_READ_AHEAD;
  if (value === 'off') return { after: Number.POSITIVE_INFINITY, wait: false };
  return value !== undefined && /^\d+$/.test(value) ? { after: Number(value), wait: true } : AUTO;
}

/** The reader's script, beside the program's (see scripts/build.mjs); run from source, there is none. */
const READER = fileURLToPath(new URL('./read-worker.cjs', import.meta.url));

/** A turn for the event loop: Ctrl-C is heard, and so is the reader saying it is up. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Entries handed on at a time when read here, with a turn for the event loop after each handful. */
const CHUNK = 256;

export async function* readFolder(
  dir: string,
  extensions: string[],
  inputs: Set<string>,
  when: ReadAhead,
): AsyncIterable<FolderEntry[]> {
  const pending = [dir];
  let reader: Reader | undefined;
  let read = 0;
  let sinceTurn = 0;
  try {
    while (pending.length > 0) {
      if (read >= when.after && !reader) {
        reader = startReader(extensions);
        if (when.wait) await reader?.up;
      }
      if (reader?.ready) {
        yield* reader.readRest(pending, inputs);
        return;
      }
      let chunk: FolderEntry[] = [];
      for (const entry of listFolder(pending.pop() as string, extensions, pending)) {
        if (entry.kind !== 'file') chunk.push(entry);
        else {
          const made = readRegular(entry.path);
          if (made && 'bytes' in made && made.id !== null) inputs.add(made.id);
          chunk.push(made ? { kind: 'file', path: entry.path, read: made } : entry);
          read += 1;
        }
        if (++sinceTurn === CHUNK) {
          yield chunk;
          chunk = [];
          sinceTurn = 0;
          await turn();
        }
      }
      if (chunk.length > 0) yield chunk;
    }
  } finally {
    reader?.stop();
  }
}

/** The reader thread, or undefined where it cannot be had (run from source, or no threads): reading stays here. */
function startReader(extensions: string[]): Reader | undefined {
  try {
    statSync(READER);
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    // stdout and stderr of its own: by default a worker's are piped to the process's, which builds
    // process.stdout, and on a pipe that makes the descriptor non-blocking, so the report would pile up in memory
    // instead of being written as it is made (see fd-output.ts). The reader never writes to either. A small young
    // generation: what it makes of each file is garbage by the next batch, and with the default one the garbage
    // alone raised a large run's peak memory (see the README's Performance section).
    return new Reader(
      new Worker(READER, {
        workerData: { extensions },
        stdout: true,
        stderr: true,
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      }),
    );
  } catch {
    return undefined;
  }
}

class Reader {
  /** Up and waiting for folders: set between two of this thread's turns, so it is looked at between folders. */
  ready = false;
  /** Settles when the reader is up, or has failed to start. */
  readonly up: Promise<void>;
  private readonly batches: Batch[] = [];
  private done = false;
  private failed: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly worker: Worker) {
    let started: () => void = () => {};
    this.up = new Promise((resolve) => (started = resolve));
    worker.on('message', (message: typeof READY | typeof DONE | Batch) => {
      if (message === READY) this.ready = true;
      else if (message === DONE) this.done = true;
      else this.batches.push(message);
      started();
      this.wake?.();
    });
    // A reader that fails before it is up is never handed anything; one that fails after fails the run.
    worker.on('error', (error) => {
      this.ready = false;
      this.failed = error;
      started();
      this.wake?.();
    });
    worker.on('exit', () => {
      if (!this.done) this.failed ??= new Error('the thread reading the files stopped');
      started();
      this.wake?.();
    });
  }

  /** Everything under the folders left, in the walk's order, read by the reader. */
  async *readRest(pending: string[], inputs: Set<string>): AsyncIterable<FolderEntry[]> {
    const request: ReadRequest = { pending };
    this.worker.postMessage(request);
    let taken = 0;
    for (;;) {
      const batch = this.batches.shift();
      if (batch === undefined) {
        if (this.done) return;
        if (this.failed) throw this.failed;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (++taken % TAKEN_AT_ONCE === 0) this.worker.postMessage(TAKEN_AT_ONCE);
      yield batch.entries.map((entry, i) => {
        if (entry !== 0) return entryOf(entry, batch.bytes, inputs);
        const id = batch.ids[i] as string | null;
        if (id !== null) inputs.add(id);
        const read = { text: batch.texts[i] as string, encoding: 'utf-8' as const, id };
        return { kind: 'file' as const, path: batch.paths[i] as string, read };
      });
    }
  }

  stop(): void {
    void this.worker.terminate();
  }
}

function entryOf(entry: WireEntry, bytes: Uint8Array, inputs: Set<string>): FolderEntry {
  if (entry.kind !== 'file') return entry;
  const { path, read } = entry;
  if (read === undefined || 'error' in read)
    return read ? { kind: 'file', path, read } : { kind: 'file', path };
  if (read.id !== null) inputs.add(read.id);
  if ('text' in read) return { kind: 'file', path, read };
  const { at, length, id } = read;
  return { kind: 'file', path, read: { bytes: bytes.subarray(at, at + length), id } };
}
