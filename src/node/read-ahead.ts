// Io.readFolder: a team folder's files, read as the walk finds them. Once a run has read a thousand files here,
// a second thread (read-worker.ts) starts, and once it is up it walks and reads the folders not yet begun, while
// this thread goes on with what the files say: reading them is as much work again, and a machine has more than
// one core. Both threads walk and read with the same functions (files.ts), and the reader's batches are taken in
// order, so the entries and their order are the same either way.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { FolderEntry } from '../io.js';
import { listFolder, type ReadIds, readRegular } from './files.js';
import {
  type Batch,
  DONE,
  READY,
  type ReaderData,
  type ReadRequest,
  TAKEN_AT_ONCE,
  type WireEntry,
} from './read-wire.js';

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
  inputs: ReadIds,
  when: ReadAhead,
): AsyncIterable<FolderEntry[]> {
  const pending = [dir];
  let reader: Reader | undefined;
  let read = 0;
  let sinceTurn = 0;
  try {
    while (pending.length > 0) {
      if (read >= when.after && !reader) reader = startReader(extensions);
      if (reader && (await reader.isUp(when.wait))) {
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
    const { MessageChannel, receiveMessageOnPort, Worker } = process.getBuiltinModule('node:worker_threads');
    // stdout and stderr of its own: by default a worker's are piped to the process's, which builds
    // process.stdout, and on a pipe that makes the descriptor non-blocking, so the report would pile up in memory
    // instead of being written as it is made (see fd-output.ts). The reader never writes to either. A small young
    // generation: what it makes of each file is garbage by the next batch, and with the default one the garbage
    // alone raised a large run's peak memory (see the README's Performance section).
    const { port1, port2 } = new MessageChannel();
    const sent = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(READER, {
      workerData: { extensions, port: port2, sent } satisfies ReaderData,
      transferList: [port2],
      stdout: true,
      stderr: true,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    return new Reader(worker, port1, sent, receiveMessageOnPort);
  } catch {
    return undefined;
  }
}

/**
 * The reader, seen from this thread. Its messages are not listened for: they stay as it sent them, outside this
 * thread's heap, until taken one at a time, so what is read ahead is never garbage this thread's collector has to
 * carry from one collection to the next. `sent` counts them, for a wait that needs no message event.
 */
class Reader {
  /** Up and waiting for folders. */
  ready = false;
  private taken = 0;
  private failed: Error | undefined;
  private exited = false;

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly sent: Int32Array,
    private readonly receive: (port: MessagePort) => { message: unknown } | undefined,
  ) {
    // A reader that fails before it is up is never handed anything; one that fails after fails the run.
    worker.on('error', (error) => {
      this.failed = error;
    });
    worker.on('exit', () => {
      this.exited = true;
    });
  }

  /** The reader's next message, or undefined when it has sent none yet. */
  private next(): unknown {
    const received = this.receive(this.port);
    if (received) this.taken += 1;
    return received?.message;
  }

  /** Waits a moment for the reader's next message, then gives the event loop a turn (Ctrl-C, the reader's errors). */
  private async waitForNext(): Promise<void> {
    Atomics.wait(this.sent, 0, this.taken, 20);
    await turn();
  }

  /** Whether the reader is up (its first message says so); with `wait`, waits until it is up or has failed. */
  async isUp(wait: boolean): Promise<boolean> {
    while (!this.ready && !this.failed && !this.exited) {
      if (this.next() === READY) this.ready = true;
      else if (wait) await this.waitForNext();
      else break;
    }
    return this.ready && !this.failed;
  }

  /** Everything under the folders left, in the walk's order, read by the reader. */
  async *readRest(pending: string[], inputs: ReadIds): AsyncIterable<FolderEntry[]> {
    const request: ReadRequest = { pending };
    this.port.postMessage(request);
    let batches = 0;
    for (;;) {
      const message = this.next() as Batch | typeof DONE | undefined;
      if (message === DONE) return;
      if (message === undefined) {
        if (this.failed) throw this.failed;
        if (this.exited) throw new Error('the thread reading the files stopped');
        await this.waitForNext();
        continue;
      }
      if (++batches % TAKEN_AT_ONCE === 0) this.port.postMessage(TAKEN_AT_ONCE);
      // A turn for the event loop between batches, as between chunks read here: Ctrl-C is heard.
      await turn();
      yield message.entries.map((entry, i) => {
        if (entry !== 0) return entryOf(entry, message.bytes, inputs);
        const id = message.ids[i] as string | null;
        if (id !== null) inputs.add(id);
        const read = { text: message.texts[i] as string, encoding: 'utf-8' as const, id };
        return { kind: 'file' as const, path: message.paths[i] as string, read };
      });
    }
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

function entryOf(entry: WireEntry, bytes: Uint8Array, inputs: ReadIds): FolderEntry {
  if (entry.kind !== 'file') return entry;
  const { path, read } = entry;
  if (read === undefined || 'error' in read)
    return read ? { kind: 'file', path, read } : { kind: 'file', path };
  if (read.id !== null) inputs.add(read.id);
  if ('text' in read) return { kind: 'file', path, read };
  const { at, length, id } = read;
  return { kind: 'file', path, read: { bytes: bytes.subarray(at, at + length), id } };
}
