import { checkAnswers } from './core/answers.js';
import { checkBank } from './core/bank.js';
import type { Answers, Bank } from './core/types.js';
import { escalate } from './core/validation.js';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { MAX_INPUT_BYTES, TOO_LARGE } from './limits.js';
import { parseSource, problemLines } from './source.js';

export const STDIN_NAME = '<stdin>';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (part of its path is a file, not a folder)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a symbolic link that loops',
  ENAMETOOLONG: 'no such file (the name is too long)',
  ENXIO: 'cannot be read (a socket or a device with nothing behind it)',
  EFBIG: TOO_LARGE,
};

export async function readText(io: Io, file: string): Promise<{ text: string; name: string }> {
  if (file === '-') return { text: await readStdin(io), name: STDIN_NAME };
  try {
    return { text: await io.readFile(file), name: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code && READ_ERRORS[code]) ?? (error as Error).message;
    throw new InputError([`${file}: ${reason}`]);
  }
}

/** Reads all of stdin, refusing more than the size cap instead of buffering without end. */
export async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) {
      io.stdin.destroy();
      throw new InputError([`${STDIN_NAME}: ${TOO_LARGE}`]);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TEMPLATE_HINT = 'Print a blank one with: who-failed-whom template > answers.yaml';
const INIT_HINT = 'Start one with: who-failed-whom init questions.yaml';

export async function loadBank(io: Io, file?: string): Promise<Bank> {
  if (file === undefined && io.builtinBankJsonPath) {
    const compiled = await compiledBuiltinBank(io, io.builtinBankJsonPath);
    if (compiled) return compiled;
  }
  const { text, name } = await readText(io, file ?? io.builtinBankPath);
  const source = parseSource(text, name);
  if (source.data == null) throw new InputError([`${name}: is empty; expected a question bank`], INIT_HINT);
  const { bank, problems } = checkBank(source.data);
  if (!bank) {
    throw new InputError(problemLines(source, problems), 'Fix the question bank, then run again.');
  }
  return bank;
}

/**
 * The built-in bank from its build-time JSON. Anything amiss (missing, unreadable, invalid) returns undefined,
 * so the caller falls back to the YAML, which reports problems with their lines.
 */
async function compiledBuiltinBank(io: Io, path: string): Promise<Bank | undefined> {
  try {
    return checkBank(JSON.parse(await io.readFile(path))).bank;
  } catch {
    return undefined;
  }
}

export interface AnswersCheck {
  /** Warnings (answers made for another version of the bank) fail like errors. */
  strict?: boolean;
  /** Receives each warning as a `file:line:col: warning: …` line; without it warnings are dropped. */
  warn?: (line: string) => void;
}

export function parseAnswers(text: string, name: string, bank: Bank, check: AnswersCheck = {}): Answers {
  const source = parseSource(text, name);
  // Blank, or only comments: nothing to check, and "expected a mapping, got null" would not say that.
  if (source.data == null)
    throw new InputError([`${name}: is empty; expected an answers file`], TEMPLATE_HINT);
  const { answers, problems } = checkAnswers(source.data, bank);
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (answers && check.strict && warnings.length > 0) {
    throw new InputError(
      problemLines(source, escalate(warnings)),
      '--strict counts warnings as errors: score them with the bank they were made for (--questions FILE), or drop --strict.',
    );
  }
  if (!answers) {
    throw new InputError(
      problemLines(source, check.strict ? escalate(problems) : problems),
      'See the allowed answers with: who-failed-whom template',
    );
  }
  for (const line of problemLines(source, warnings)) check.warn?.(line);
  return answers;
}
