// What the program's thread and the thread that reads ahead for it (read-worker.ts) say to each other.
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

/** Reader → program: entries in the walk's order, and the bytes of the files read, end to end. */
export interface Batch {
  entries: WireEntry[];
  bytes: Uint8Array;
}
