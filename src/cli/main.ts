import {
  ExitCode,
  INTERRUPTED_MESSAGE,
  InputError,
  InterruptedError,
  signalExitCode,
  UsageError,
} from '../errors.js';
import type { Io } from '../io.js';
import { sanitize } from '../render/style.js';
import { parseArgs } from './args.js';
import { runCommand } from './commands.js';

/**
 * The one place that turns failures into exit codes and messages. Nothing below it exits the process.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const intent = parseArgs(argv, io.stdout.isTTY ? io.stdout.columns : undefined);
    if (intent.command === 'print') {
      io.stdout.write(intent.text);
      return ExitCode.ok;
    }
    return await runCommand(intent, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  // Messages quote file content (keys, values): never let it drive the terminal.
  const write = (text: string) => io.stderr.write(`${sanitize(text)}\n`);
  if (error instanceof UsageError) {
    write(`who-failed-whom: ${error.message}`);
    write(error.hint ?? 'Run who-failed-whom --help for usage.');
    return ExitCode.invalid;
  }
  if (error instanceof InputError) {
    for (const line of error.lines) write(line);
    if (error.hint) write(error.hint);
    return ExitCode.invalid;
  }
  if (error instanceof InterruptedError) {
    write(INTERRUPTED_MESSAGE);
    return signalExitCode(error.signal);
  }
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return ExitCode.ok;
  const message = error instanceof Error ? error.message : String(error);
  write(`who-failed-whom: unexpected error: ${message}`);
  write('This is a bug, not something you did. Please report it with the command you ran and this message.');
  if (io.env.WHO_FAILED_WHOM_DEBUG && error instanceof Error && error.stack) write(error.stack);
  return ExitCode.invalid;
}
