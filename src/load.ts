import { checkAnswers } from './core/answers.js';
import { checkBank } from './core/bank.js';
import type { Answers, Bank } from './core/types.js';
import { escalate } from './core/validation.js';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { MAX_INPUT_BYTES } from './limits.js';
import { parseSource, problemLines } from './source.js';

export const STDIN_NAME = '<stdin>';

export async function readText(io: Io, file: string): Promise<{ text: string; name: string }> {
  if (file === '-') return { text: await readStdin(io), name: STDIN_NAME };
  try {
    return { text: await io.readFile(file), name: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EFBIG'
              ? `is larger than ${MAX_INPUT_BYTES / 1024} KiB`
              : (error as Error).message;
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
      throw new InputError([
        `${STDIN_NAME}: is larger than ${MAX_INPUT_BYTES / 1024} KiB; this is not an answers file`,
      ]);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadBank(io: Io, file?: string): Promise<Bank> {
  const { text, name } = await readText(io, file ?? io.builtinBankPath);
  const source = parseSource(text, name);
  const { bank, problems } = checkBank(source.data);
  if (!bank) {
    throw new InputError(problemLines(source, problems), 'Fix the question bank, then run again.');
  }
  return bank;
}

export interface AnswersCheck {
  /** Warnings (answers made for another version of the bank) fail like errors. */
  strict?: boolean;
  /** Receives each warning as a `file:line:col: warning: …` line; without it warnings are dropped. */
  warn?: (line: string) => void;
}

export function parseAnswers(text: string, name: string, bank: Bank, check: AnswersCheck = {}): Answers {
  if (text.trim() === '') {
    throw new InputError(
      [`${name}: is empty; expected an answers file`],
      'Print a blank one with: who-failed-whom template > answers.yaml',
    );
  }
  const source = parseSource(text, name);
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
