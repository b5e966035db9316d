import {
  ExitCode,
  InputError,
  InterruptedError,
  interruptedMessage,
  signalExitCode,
  UsageError,
} from '../errors.js';
import type { Io } from '../io.js';
import { visible } from '../render/sanitize.js';
import { messageFor } from '../render/wrap.js';
import { parseArgs } from './args.js';
import { runCommand } from './commands.js';

/**
 * The one place that turns failures into exit codes and messages. Nothing below it exits the process.
 */
/** Where bugs are reported: package.json's `bugs`, which test/unit/publish.test.ts holds this to. */
export const ISSUES_URL = 'https://github.com/who-failed-whom/who-failed-whom/issues';

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const given: string[] = [];
    const intent = parseArgs(argv, io.stdout.isTTY ? io.stdout.columns : undefined, given);
    if (intent.command === 'print') {
      io.stdout.write(intent.text);
      return ExitCode.ok;
    }
    return await runCommand(intent, io, given);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Writes the message for a failure and gives its exit code; the process edge uses it for a signal it ends. */
export function reportError(error: unknown, io: Io): number {
  // Messages quote file names and file content (keys, values): each shows as what it is, on one line, and
  // never drives the terminal.
  // On a terminal each is wrapped at its width, so no word is split at the edge; to a log, one line each.
  const write = (text: string) => io.stderr.write(`${messageFor(visible(text), io.stderr)}\n`);
  if (error instanceof UsageError) {
    // Commander ends a message with "(Did you mean …?)" on a line of its own; any other line break in it came
    // from the command line, and is shown as an escape like the rest.
    const [, said, suggestion] = /^([\s\S]*?)(?:\n(\(Did you mean [^\n]*\?\)))?$/.exec(error.message) ?? [];
    write(`who-failed-whom: ${said ?? error.message}`);
    if (suggestion) write(suggestion);
    // The hint is ours (a usage line and a pointer to help), one line each.
    for (const line of (error.hint ?? 'Run who-failed-whom --help for usage.').split('\n')) write(line);
    return ExitCode.invalid;
  }
  if (error instanceof InputError) {
    for (const line of error.lines) write(line);
    if (error.hint) write(error.hint);
    return ExitCode.invalid;
  }
  if (error instanceof InterruptedError) {
    for (const line of interruptedMessage(error.kept)) write(line);
    return signalExitCode(error.signal);
  }
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return ExitCode.ok;
  const message = error instanceof Error ? error.message : String(error);
  write(`who-failed-whom: unexpected error: ${message}`);
  write(
    `This is a bug, not something you did. Please report it at ${ISSUES_URL} with the command you ran and this message.`,
  );
  if (io.env.WHO_FAILED_WHOM_DEBUG && error instanceof Error && error.stack) {
    for (const line of error.stack.split('\n')) write(line);
  }
  return ExitCode.invalid;
}
