import { TOO_LARGE } from './limits.js';

/** A mistake in how the command was called: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** What to do instead, when more apt than the general pointer to --help (a command's usage line, say). */
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Input the user gave us (a file, stdin) that we cannot use: exit 2, one line per problem. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly lines: string[],
    readonly hint?: string,
  ) {
    super(lines.join('\n'));
  }
}

export const ExitCode = {
  ok: 0,
  belowThreshold: 1,
  invalid: 2,
  hangup: 129,
  interrupted: 130,
  quit: 131,
  terminated: 143,
} as const;

/** The signals that stop a run, each with its exit code: 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT_CODES = {
  SIGHUP: ExitCode.hangup,
  SIGINT: ExitCode.interrupted,
  SIGQUIT: ExitCode.quit,
  SIGTERM: ExitCode.terminated,
} as const;
export type InterruptSignal = keyof typeof SIGNAL_EXIT_CODES;
export const INTERRUPT_SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as InterruptSignal[];

export function isInterruptSignal(value: unknown): value is InterruptSignal {
  return typeof value === 'string' && Object.hasOwn(SIGNAL_EXIT_CODES, value);
}

/** The exit code for a run stopped by a signal: Ctrl-C (SIGINT), SIGTERM, a hangup (SIGHUP) or SIGQUIT. */
export function signalExitCode(signal: InterruptSignal): number {
  return SIGNAL_EXIT_CODES[signal];
}

/**
 * Said once when a run is interrupted (by main(), which the process edge also asks for a stuck run): where the
 * answers so far are kept, when a questionnaire kept them.
 */
export function interruptedMessage(kept?: string): string[] {
  if (kept === undefined) return ['Interrupted; nothing was saved.'];
  // The file on a line of its own: a long path then never splits a word of the sentence around it.
  return [
    'Interrupted; your answers so far are kept in',
    `  ${kept}`,
    'Run the same command again to resume.',
  ];
}

/** The user pressed Ctrl-C, or the process was told to stop by a signal (SIGTERM, SIGHUP, SIGQUIT). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(
    readonly signal: InterruptSignal = 'SIGINT',
    /** Where the answers so far are kept, when they are. */
    readonly kept?: string,
  ) {
    super('interrupted');
  }
}

/** What was being done to a path when the file system refused: the same code means different things to each. */
export type FileAction = 'read' | 'write' | 'list';

const PERMISSION = {
  read: 'permission denied',
  write: 'permission denied',
  list: 'cannot read this folder (permission denied)',
};

/** The file system's refusals in words, for every reader, writer and folder walk: one table, not one per caller. */
const FILE_ERRORS = new Map<string, Partial<Record<FileAction, string>>>([
  [
    'ENOENT',
    {
      read: 'no such file',
      write: 'its folder does not exist',
      list: 'this folder went away while it was being read',
    },
  ],
  [
    'ENOTDIR',
    {
      read: 'no such file (part of its path is a file, not a folder)',
      write: 'part of its path is a file, not a folder',
      list: 'this folder was replaced by a file while it was being read',
    },
  ],
  ['EISDIR', { read: 'is a folder, not a file', write: 'it is a folder' }],
  ['EACCES', PERMISSION],
  ['EPERM', PERMISSION],
  ['ELOOP', { read: 'a symbolic link that loops', write: 'its path has a loop of symbolic links' }],
  ['ENAMETOOLONG', { read: 'no such file (the name is too long)', write: 'the name is too long' }],
  [
    'ENXIO',
    {
      read: 'cannot be read (a socket or a device with nothing behind it)',
      write: 'nothing is reading that FIFO or device',
    },
  ],
  ['EFBIG', { read: TOO_LARGE }],
  ['EROFS', { write: 'the file system is read-only' }],
  ['ENOSPC', { write: 'the disk is full' }],
  ['EDQUOT', { write: 'the disk quota is used up' }],
  ['ECHANGED', { write: 'it was replaced by something else while being written' }],
  ['EMFILE', { list: 'cannot read this folder (too many files open)' }],
]);

/** The words for a file-system error code met while doing `action`; undefined for a code the table lacks. */
export function fileErrorReason(action: FileAction, code: string | null | undefined): string | undefined {
  return code ? FILE_ERRORS.get(code)?.[action] : undefined;
}
