// The thread that reads ahead for a team run (see read-ahead.ts): it walks the folders it is given and reads and
// decodes each file, exactly as the program's own thread would (files.ts, decode.ts), and sends what it read in
// batches, in order, never more than a few ahead of what the program has taken.
import { workerData } from 'node:worker_threads';
import { type DecodedText, decodeText } from '../decode.js';
import { listFolder, readRegular } from './files.js';
import {
  BATCH_ENTRIES,
  BATCHES_AHEAD,
  type Batch,
  DONE,
  READY,
  type ReaderData,
  type ReadRequest,
  type WireEntry,
} from './read-wire.js';

const { extensions, port, sent } = workerData as ReaderData;
let credit = BATCHES_AHEAD;
let resume: (() => void) | undefined;

port.on('message', (message: number | ReadRequest) => {
  if (typeof message === 'number') {
    credit += message;
    resume?.();
  } else void readAll(message.pending);
});
send(READY);

/** A message to the program, counted where it waits for one. */
function send(message: unknown, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(sent, 0, 1);
  Atomics.notify(sent, 0);
}

/** The file's text, decoded here as the program would; undefined for bytes it refuses, which it is sent to say why. */
function textOf(bytes: Uint8Array, path: string): DecodedText | undefined {
  try {
    return decodeText(bytes, path);
  } catch {
    return undefined;
  }
}

async function readAll(pending: string[]): Promise<void> {
  let batch: Batch = { entries: [], paths: [], texts: [], ids: [], bytes: new Uint8Array(0) };
  let files: Uint8Array[] = [];
  let size = 0;
  const flush = async () => {
    while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
    credit -= 1;
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const file of files) {
      bytes.set(file, at);
      at += file.length;
    }
    batch.bytes = bytes;
    send(batch, [bytes.buffer]);
    batch = { entries: [], paths: [], texts: [], ids: [], bytes: new Uint8Array(0) };
    files = [];
    size = 0;
  };
  const add = (entry: WireEntry | 0, path = '', text = '', id: string | null = null) => {
    batch.entries.push(entry);
    batch.paths.push(path);
    batch.texts.push(text);
    batch.ids.push(id);
  };
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of listFolder(current, extensions, pending)) {
      if (entry.kind !== 'file') add(entry);
      else {
        const read = readRegular(entry.path);
        const text = read && 'bytes' in read ? textOf(read.bytes, entry.path) : undefined;
        if (read === undefined || 'error' in read) add({ ...entry, ...(read && { read }) });
        else if (text?.encoding === 'utf-8') add(0, entry.path, text.text, read.id);
        else if (text) add({ kind: 'file', path: entry.path, read: { ...text, id: read.id } });
        else {
          add({ kind: 'file', path: entry.path, read: { at: size, length: read.bytes.length, id: read.id } });
          files.push(read.bytes);
          size += read.bytes.length;
        }
      }
      if (batch.entries.length >= BATCH_ENTRIES) await flush();
    }
  }
  if (batch.entries.length > 0) await flush();
  send(DONE);
}
