import { checkAnswers } from '../core/answers.js';
import { COMPILED_BANK_FORMAT } from '../core/compiled-bank.js';
import type { Answers, Bank } from '../core/types.js';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { MAX_INPUT_BYTES, TOO_LARGE } from '../limits.js';
import { decodeText, encodingNote } from './decode.js';
import type { AnswersCheck } from './located.js';
import { quickParse } from './quick-yaml.js';

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
  return { text: decoded(io, await readBytes(io, file), file), name: file };
}

/** A file's text and its id (see Io.readFileAndId), or one line saying why it cannot be read. */
export async function readTextAndId(io: Io, file: string): Promise<{ text: string; id: string | null }> {
  const { bytes, id } = await readingFile(file, () => io.readFileAndId(file));
  return { text: decoded(io, bytes, file), id };
}

/** A file's bytes, as they are (a workbook), or one line saying why they cannot be read. */
export function readBytes(io: Io, file: string): Promise<Uint8Array> {
  return readingFile(file, () => io.readFile(file));
}

async function readingFile<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code && READ_ERRORS[code]) ?? (error as Error).message;
    throw new InputError([`${file}: ${reason}`]);
  }
}

/** Reads all of stdin, refusing more than the size cap instead of buffering without end. */
export async function readStdin(io: Io): Promise<string> {
  // A terminal gives nothing until someone types: say so rather than wait in silence.
  if (io.stdin.isTTY) {
    io.stderr.write(
      'Reading from the terminal (-): type or paste, then press Ctrl-D on a line of its own. Ctrl-C stops.\n',
    );
  }
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
  return decoded(io, Buffer.concat(chunks), STDIN_NAME);
}

function decoded(io: Io, bytes: Uint8Array, name: string): string {
  const { text, encoding } = decodeText(bytes, name);
  const note = encodingNote(name, encoding);
  if (note) io.stderr.write(`${note}\n`);
  return text;
}

export async function loadBank(io: Io, file?: string): Promise<Bank> {
  if (file === undefined && io.builtinBankJsonPath) {
    const compiled = await compiledBuiltinBank(io, io.builtinBankJsonPath);
    if (compiled) return compiled;
  }
  const { text, name } = await readText(io, file ?? io.builtinBankPath);
  const { bankFromText } = await import('./located.js');
  return bankFromText(text, name);
}

/**
 * The built-in bank as the build checked it, so a run only reads JSON: the schema checks cost more than the
 * scoring itself. Anything amiss (missing, unreadable, another layout) returns undefined, and the caller falls
 * back to the YAML, which is checked and reports problems with their lines.
 */
async function compiledBuiltinBank(io: Io, path: string): Promise<Bank | undefined> {
  try {
    const compiled = JSON.parse(new TextDecoder().decode(await io.readFile(path))) as {
      format?: unknown;
      bank?: Bank;
    };
    return compiled.format === COMPILED_BANK_FORMAT ? compiled.bank : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers from a file's text. A clean file takes the quick parse; anything it refuses, and anything with a
 * problem or a warning to report, is parsed again with positions so each message says file:line:col.
 */
export async function parseAnswers(
  text: string,
  name: string,
  bank: Bank,
  check: AnswersCheck = {},
): Promise<Answers> {
  const data = quickParse(text);
  if (data !== undefined) {
    const { answers, problems } = checkAnswers(data, bank, check);
    if (answers && problems.length === 0) return answers;
  }
  const { parseAnswersWithPositions } = await import('./located.js');
  return parseAnswersWithPositions(text, name, bank, check);
}
