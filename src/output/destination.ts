import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Destination, Io } from '../io.js';
import { isOurReport } from './report-mark.js';

/** A file a command is asked to write. */
export interface WriteTarget {
  path: string;
  /** How the command line named it, for messages: `-o`, `--save-answers`, `init`. */
  flag: string;
  /** What an existing file there may be replaced as without --force: a report of ours, or nothing at all. */
  replaces: 'report' | 'nothing';
  /** The last line of a refusal: what to do instead. */
  hint: string;
}

export interface WriteRules {
  force: boolean;
  /** Files named on the command line as inputs, so one is refused before it is even read. */
  inputs: (string | undefined)[];
}

/**
 * This process's own streams, by the names scripts use for them (`-o /dev/stdout >> "$GITHUB_STEP_SUMMARY"`):
 * written to directly, whatever they are (a terminal, a pipe, a file the shell opened).
 */
// A Map, not an object: a file named `constructor` or `hasOwnProperty` must not find Object's own members.
const STREAMS = new Map<string, 'stdout' | 'stderr'>([
  ['/dev/stdout', 'stdout'],
  ['/dev/fd/1', 'stdout'],
  ['/dev/stderr', 'stderr'],
  ['/dev/fd/2', 'stderr'],
]);

/** Whether the target is this process's stdout or stderr under a device name. */
export const isOwnStream = (target: WriteTarget) => STREAMS.has(target.path);

/**
 * Refuses, before anything is written, every target that must not be written (see refusal()) or that the write
 * would fail on (see writeProblem()). Run it before the work, so a bad -o is known before twenty questions are
 * answered, and again just before writing, once every input has been read.
 */
export async function checkTargets(io: Io, targets: WriteTarget[], rules: WriteRules): Promise<void> {
  if (targets.length === 0) return;
  const inputs = new Set(rules.inputs.flatMap((p) => (p && p !== '-' ? [resolve(io.cwd, p)] : [])));
  const places = new Map<string, WriteTarget>();
  for (const target of targets) {
    if (target.path === '') throw new InputError([`${target.flag}: the file name is empty`], target.hint);
    if (STREAMS.has(target.path)) continue;
    const found = await io.inspectDestination(target.path);
    const problem = refusal(target, found, rules.force, inputs.has(resolve(io.cwd, target.path)));
    if (problem) throw new InputError([problem]);
    const reason = writeProblem(found);
    if (reason) throw new InputError([cannotWrite(target, reason)], target.hint);
    if (found.kind === 'device') continue;
    const place = ('id' in found && found.id) || resolve(io.cwd, target.path);
    const other = places.get(place);
    if (other) {
      throw new InputError([
        `${target.path} is named by both ${other.flag} and ${target.flag}; choose a different file for each`,
      ]);
    }
    places.set(place, target);
  }
}

/**
 * Why `target` must not be written over what is there, or null when it may be. Never through a link, never over
 * this run's own input or a read-only file (--force or not), and over an existing file only when it is a report
 * of ours (for -o) or with --force. A device or a FIFO is written in place, never replaced.
 */
export function refusal(
  target: WriteTarget,
  found: Destination,
  force: boolean,
  namedInput = false,
): string | null {
  const { path, flag } = target;
  switch (found.kind) {
    case 'link':
      return `${path} is a symbolic link; ${flag} never writes through one. Name the file it points to, or choose another file`;
    case 'special':
      return `${path} is neither a file nor a device; ${flag} cannot write to it. Choose another file`;
    case 'file':
      if (found.input || namedInput) {
        return `${path} is one of this run's inputs; ${flag} never replaces it, even with --force. Choose another file`;
      }
      if (found.readOnly) {
        return `${path} is read-only; ${flag} will not replace it, even with --force. Choose another file, or make it writable first`;
      }
      if (force) return null;
      if (target.replaces === 'nothing') {
        return `${path} already exists; pass --force to replace it, or choose another file`;
      }
      if (found.head !== null && isOurReport(found.head)) return null;
      return `${path} exists and is not a who-failed-whom report; pass --force to replace it, or choose another file`;
    default:
      return null;
  }
}

/** What the write would fail on, said as the write error would say it; null when nothing is known to stop it. */
function writeProblem(found: Destination): string | undefined {
  if (found.kind === 'folder') return WRITE_ERRORS.EISDIR;
  if ((found.kind === 'missing' || found.kind === 'file') && found.folderError !== null)
    return WRITE_ERRORS[found.folderError];
  return undefined;
}

const cannotWrite = (target: WriteTarget, reason: string) => `${target.path}: cannot write it: ${reason}`;

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'its path has a loop of symbolic links',
  ENXIO: 'nothing is reading that FIFO or device',
  ECHANGED: 'it was replaced by something else while being written',
};

/**
 * Writes a checked target (see checkTargets) atomically, and turns the usual file-system refusals into one line
 * the user can act on.
 */
export async function writeTarget(io: Io, target: WriteTarget, content: string): Promise<void> {
  const stream = STREAMS.get(target.path);
  if (stream) {
    io[stream].write(content);
    return;
  }
  try {
    await io.writeFileAtomic(target.path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : WRITE_ERRORS[code];
    if (reason === undefined) throw error;
    throw new InputError([cannotWrite(target, reason)], target.hint);
  }
}
