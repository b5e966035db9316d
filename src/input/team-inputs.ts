import { checkAnswers } from '../core/answers.js';
import type { Bank } from '../core/types.js';
import { fileErrorReason, InputError } from '../errors.js';
import type { FileRead, Io } from '../io.js';
import { csvRespondents } from './csv.js';
import { GivenOnce } from './given-once.js';
import { readBytes, readText, readTextAndId, STDIN_NAME, textAndIdOf } from './load.js';
import { type Respondent, readRespondent, readRespondentNow } from './respondent.js';
import { parseSources, problemLines } from './source.js';

const FOLDER_EXTENSIONS = ['.yaml', '.yml', '.json'];

function* streamRespondents(text: string, bank: Bank): Generator<Respondent> {
  const sources = parseSources(text, STDIN_NAME);
  for (const [index, source] of sources.entries()) {
    const name = `${STDIN_NAME} document ${index + 1}`;
    if (source instanceof InputError) {
      yield { ok: false, name, lines: source.lines };
      continue;
    }
    if (source.data === null || source.data === undefined) continue;
    const { answers, problems } = checkAnswers(source.data, bank);
    yield answers ? { ok: true, name, answers } : { ok: false, name, lines: problemLines(source, problems) };
  }
}

const PASSED_OVER = {
  'link-to-folder':
    'not read: a link to a folder (inside a folder only links to files are followed, as one to a folder could loop); name that folder to read it',
  'not-a-file': 'not read: not a regular file (a FIFO, a socket or a device)',
} as const;

/**
 * Every respondent found under the given paths, valid or not, in the order found; each file counted once.
 * `note` hears what is worth saying beside the report: files given more than once, what a walk passed over.
 */
export async function* teamEntries(
  paths: string[],
  io: Io,
  bank: Bank,
  note: (line: string) => void = () => {},
  /** Hears each path as its entries begin (for --by folder, which groups by the folder a file was found in). */
  onPath: (path: string) => void = () => {},
): AsyncGenerator<Respondent> {
  const given = new GivenOnce(io);
  for (const path of paths) {
    onPath(path);
    if (path === '-') {
      const { text } = await readText(io, '-');
      yield* streamRespondents(text, bank);
      continue;
    }
    const kind = await io.kindOf(path);
    if (kind === 'missing') {
      yield { ok: false, name: path, lines: [`${path}: no such file or folder`] };
    } else if (!(await given.isFirst(path))) {
      // Counted when first met; said at the end, with how often.
    } else if (kind === 'directory') {
      for await (const batch of io.readFolder(path, FOLDER_EXTENSIONS)) {
        for (const found of batch) {
          if (found.kind === 'file') {
            // At once for a file read and taken by the quick reader: awaiting each of 100,000 files costs.
            const now = onceEntry(found.path, io, bank, given, found.read);
            const entry = now instanceof Promise ? await now : now;
            if (entry) yield entry;
          } else if (found.kind === 'unreadable') {
            const problem = fileErrorReason('list', found.code) ?? `cannot read this folder (${found.code})`;
            yield {
              ok: false,
              name: found.path,
              lines: [`${found.path}: ${problem}; its files were not read`],
            };
          } else {
            note(`${found.path}: ${PASSED_OVER[found.why]}`);
          }
        }
      }
    } else if (path.toLowerCase().endsWith('.xlsx')) {
      yield* await xlsxEntries(path, io, bank);
    } else if (path.toLowerCase().endsWith('.csv')) {
      try {
        const { text } = await readText(io, path);
        yield* csvRespondents(text, path, bank);
      } catch (error) {
        if (error instanceof InputError) {
          yield { ok: false, name: path, lines: error.hint ? [...error.lines, error.hint] : error.lines };
        } else throw error;
      }
    } else {
      yield await fileEntry(path, io, bank);
    }
  }
  for (const line of given.notes()) note(line);
}

/**
 * A file found in a folder: read (or its read taken, when the folder's reader made it), then counted only if it
 * was not met before. Its id comes from the read itself (a look first would cost a large run dearly; see the
 * README's Performance section); undefined for one met before. A file already read that the quick reader takes
 * is done at once, without a promise.
 */
function onceEntry(
  file: string,
  io: Io,
  bank: Bank,
  given: GivenOnce,
  made?: FileRead,
): Respondent | undefined | Promise<Respondent | undefined> {
  if (made === undefined) {
    return readTextAndId(io, file).then(
      (read) => counted(read, file, bank, given),
      (error) => refused(error, file),
    );
  }
  try {
    return counted(textAndIdOf(io, file, made), file, bank, given);
  } catch (error) {
    return refused(error, file);
  }
}

/** A file's respondent if the file was not met before, else undefined. */
function counted(read: { text: string; id: string | null }, file: string, bank: Bank, given: GivenOnce) {
  if (!given.isFirstId(read.id, file)) return undefined;
  // A team run reports no warnings: answers made for another version of the bank count as they are.
  return readRespondentNow(read.text, file, bank) ?? readRespondent(read.text, file, bank);
}

function refused(error: unknown, file: string): Respondent {
  if (error instanceof InputError) return { ok: false, name: file, lines: error.lines };
  throw error;
}

async function fileEntry(file: string, io: Io, bank: Bank): Promise<Respondent> {
  try {
    const { text } = await readText(io, file);
    return await readRespondent(text, file, bank);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, name: file, lines: error.lines };
    throw error;
  }
}

/** A workbook (a Microsoft Forms export); its reader and the unzip library load only for one. */
async function xlsxEntries(path: string, io: Io, bank: Bank): Promise<Respondent[]> {
  try {
    const bytes = await readBytes(io, path);
    const { xlsxRespondents } = await import('./xlsx.js');
    return xlsxRespondents(bytes, path, bank);
  } catch (error) {
    if (error instanceof InputError) {
      return [{ ok: false, name: path, lines: error.hint ? [...error.lines, error.hint] : error.lines }];
    }
    throw error;
  }
}
