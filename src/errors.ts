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

/** The user pressed Ctrl-C (exit 130) or the process was told to stop with SIGTERM (exit 143). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
    super('interrupted');
  }
}

export const ExitCode = { ok: 0, belowThreshold: 1, invalid: 2, interrupted: 130, terminated: 143 } as const;

/** The exit code for a run stopped by a signal: Ctrl-C (SIGINT) or SIGTERM. */
export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}

/** Said once when a run is interrupted, by main() or, if a run is stuck, by the process edge. */
export const INTERRUPTED_MESSAGE = 'Interrupted; nothing was saved.';
