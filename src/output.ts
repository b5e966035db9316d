import { parse } from 'yaml';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** An answers file or a bank: data a person wrote, never to be replaced by a report without --force. */
function looksLikeUserData(text: string): boolean {
  try {
    const data: unknown = parse(text, { maxAliasCount: 100 });
    return typeof data === 'object' && data !== null && ('answers' in data || 'questions' in data);
  } catch {
    return false;
  }
}

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
  if (force || !(await io.exists(path))) return;
  let text: string;
  try {
    text = await io.readFile(path);
  } catch {
    return; // unreadable or too big to be ours: the write itself will say what is wrong
  }
  if (looksLikeUserData(text)) {
    throw new UsageError(
      `${path} holds answers or questions, not a report; ${flag} will not overwrite it. Choose another file, or pass --force`,
    );
  }
}
