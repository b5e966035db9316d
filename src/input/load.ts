import { COMPILED_BANK_FORMAT } from '../core/compiled-bank.js';
import type { Bank } from '../core/types.js';
import { decodeText, type Encoding, encodingNote } from '../decode.js';
import { fileErrorReason, InputError } from '../errors.js';
import type { FileRead, Io } from '../io.js';
import { readCapped } from '../limits.js';

export const STDIN_NAME = '<stdin>';

export async function readText(io: Io, file: string): Promise<{ text: string; name: string }> {
  if (file === '-') return { text: await readStdin(io), name: STDIN_NAME };
  return { text: decoded(io, await readBytes(io, file), file), name: file };
}

/** A file's text and its id (see Io.readFileAndId), or one line saying why it cannot be read. */
export async function readTextAndId(io: Io, file: string): Promise<{ text: string; id: string | null }> {
  return textAndIdOf(io, file, await readingFile(file, () => io.readFileAndId(file)));
}

/** The same from a read already made (see Io.readFolder), at once. */
export function textAndIdOf(io: Io, file: string, read: FileRead): { text: string; id: string | null } {
  if ('error' in read) throw new InputError([`${file}: ${readFailure(read.error)}`]);
  if ('text' in read) {
    noteEncoding(io, file, read.encoding);
    return { text: read.text, id: read.id };
  }
  return { text: decoded(io, read.bytes, file), id: read.id };
}

/** A file's bytes, as they are (a workbook), or one line saying why they cannot be read. */
export function readBytes(io: Io, file: string): Promise<Uint8Array> {
  return readingFile(file, () => io.readFile(file));
}

/** What `read` gives, or one line naming the input and why it cannot be read. */
async function readingFile<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new InputError([`${name}: ${readFailure(error as NodeJS.ErrnoException)}`]);
  }
}

/** Why a read failed, in the words of the one table. */
const readFailure = (error: { code?: string; message: string }) =>
  fileErrorReason('read', error.code) ?? error.message;

/** Reads all of stdin, refusing more than the size cap instead of buffering without end. */
export async function readStdin(io: Io): Promise<string> {
  // A terminal gives nothing until someone types: say so rather than wait in silence.
  if (io.stdin.isTTY) {
    io.stderr.write(
      'Reading from the terminal (-): type or paste, then press Ctrl-D on a line of its own. Ctrl-C stops.\n',
    );
  }
  return decoded(io, await readingFile(STDIN_NAME, () => readCapped(io.stdin)), STDIN_NAME);
}

function decoded(io: Io, bytes: Uint8Array, name: string): string {
  const { text, encoding } = decodeText(bytes, name);
  noteEncoding(io, name, encoding);
  return text;
}

function noteEncoding(io: Io, name: string, encoding: Encoding): void {
  const note = encodingNote(name, encoding);
  if (note) io.stderr.write(`${note}\n`);
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
