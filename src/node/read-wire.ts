// What the program's thread and the thread that reads ahead for it (read-worker.ts) say to each other.
import type { MessagePort } from 'node:worker_threads';
import type { FileRead, WalkEntry } from '../io.js';

/** Reader → program: started, and waiting for the folders to read. */
export const READY = 'ready';
/** Reader → program: every folder read, every batch sent. */
export const DONE = 'done';
/**
 * Batches the reader may send before the program has taken them: what it reads ahead stays this small (a few
 * MB). The program says it has taken some in one message per half of them (a number: how many), not one per
 * batch: each message wakes the reader, and a thread woken on a busy machine can cost the program its turn.
 */
export const BATCHES_AHEAD = 16;
export const TAKEN_AT_ONCE = BATCHES_AHEAD / 2;
/** Entries per batch. */
export const BATCH_ENTRIES = 256;

/**
 * What the reader is started with: the extensions of the files to read, the port it and the program talk through,
 * and a count of the messages it has sent, which it raises and notifies after each (see read-ahead.ts).
 */
export interface ReaderData {
  extensions: string[];
  port: MessagePort;
  sent: Int32Array;
}

/** Program → reader: the folders left to walk, the next one last (as the walk keeps them). */
export interface ReadRequest {
  pending: string[];
}

/**
 * A file as the reader sends it: its text, or (when it is not text that decodeText reads, for the program to say
 * why) its bytes as a slice of the batch's, or why it could not be read.
 */
export type WireEntry =
  | Exclude<WalkEntry, { kind: 'file' }>
  | {
      kind: 'file';
      path: string;
      read?: { at: number; length: number; id: string | null } | Exclude<FileRead, { bytes: Uint8Array }>;
    };

/**
 * Reader → program: the walk's entries in order. Most are files whose text is UTF-8: those are 0 in `entries`, with
 * their path, text and id at the same place in the three lists (a structured clone copies each object's keys too,
 * which made sending cost as much as reading). `bytes`: the bytes of the files sent as bytes, end to end.
 */
export interface Batch {
  entries: (WireEntry | 0)[];
  paths: string[];
  texts: string[];
  ids: (string | null)[];
  bytes: Uint8Array;
}
