import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';

/**
 * Reports are meant to be written again and again (`-o report.md` in CI), so an old report is replaced; an
 * answers file or a question bank in the way is refused unless --force says so.
 */
export async function refuseToOverwriteUserData(
  io: Io,
  path: string,
  force: boolean,
  flag: string,
): Promise<void> {
  // Only a regular file can hold answers; reading a FIFO or a device in the way would wait on it, or never end.
  if (force || (await io.kindOf(path)) !== 'file') return;
  let text: string;
  try {
    text = new TextDecoder().decode(await io.readFile(path));
  } catch {
    return; // unreadable or too big to be ours: the write itself will say what is wrong
  }
  // Loaded only when a file is in the way: a run that prints to stdout never pays for the YAML parser.
  const { looksLikeUserData } = await import('./user-data.js');
  if (looksLikeUserData(text)) {
    throw new UsageError(
      `${path} holds answers or questions, not a report; ${flag} will not overwrite it. Choose another file, or pass --force`,
    );
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the name is too long',
};

/** Writes atomically and turns the usual file-system refusals into one line the user can act on. */
export async function writeUserFile(io: Io, path: string, content: string, hint: string): Promise<void> {
  try {
    await io.writeFileAtomic(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : WRITE_ERRORS[code];
    if (reason === undefined) throw error;
    throw new InputError([`${path}: cannot write it: ${reason}`], hint);
  }
}

/** A report goes to `-o FILE` (never over user data, never half-written) or, without one, to stdout. */
export async function emitReport(
  io: Io,
  output: string | undefined,
  force: boolean,
  report: string,
): Promise<void> {
  if (output === undefined || output === '-') {
    io.stdout.write(report);
    return;
  }
  await refuseToOverwriteUserData(io, output, force, '-o');
  await writeUserFile(io, output, report, 'Choose another file for -o, or leave -o out to print the report.');
}
