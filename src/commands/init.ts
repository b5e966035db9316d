import { basename, dirname, join } from 'node:path';
import { checkBank } from '../core/bank.js';
import { checkFieldNotes } from '../core/field-notes.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { readText } from '../input/load.js';
import { parseSource, problemLines } from '../input/source.js';
import type { Io } from '../io.js';
import { checkTargets, type WriteTarget, writeTarget } from '../output/destination.js';
import { renderBankScaffold } from '../render/bank-scaffold.js';
import { visible } from '../render/sanitize.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';

export interface InitOptions {
  /** Where to write the bank; `-` prints it. */
  file: string;
  force?: boolean;
  /** Start from this bank instead of the built-in one. */
  questions?: string;
  /** No word on where it was written. */
  quiet?: boolean;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FALLBACK_ID = 'my-bank';
export async function run(options: InitOptions, io: Io): Promise<number> {
  const { file } = options;
  const toStdout = file === '-';
  if (!toStdout && /\.json$/i.test(file)) {
    throw new UsageError(
      `init writes YAML, with comments that JSON cannot hold; name the file ${file.replace(/\.json$/i, '.yaml')}`,
    );
  }
  // A bank is a person's own work: replaced only when --force says so.
  const target: WriteTarget = {
    path: file,
    flag: 'init',
    replaces: 'nothing',
    hint: 'Choose another file, or init - to print it.',
  };
  const targets = toStdout ? [] : [target];
  const rules = { force: options.force === true, inputs: [options.questions] };
  await checkTargets(io, targets, rules);

  const { text, name } = await readText(io, options.questions ?? io.builtinBankPath);
  const source = parseSource(text, name);
  const { bank, problems } = checkBank(source.data);
  if (!bank) {
    throw new InputError(
      problemLines(source, problems),
      'Fix that bank first, or run init without --questions to start from the built-in one.',
    );
  }
  const notesPath = join(dirname(io.builtinBankPath), '..', 'schema', 'fields.yaml');
  const notes = checkFieldNotes(parseSource((await readText(io, notesPath)).text, notesPath).data);

  const stem = basename(file).replace(/\.ya?ml$/i, '');
  const id = !toStdout && KEBAB.test(stem) && stem !== bank.id ? stem : FALLBACK_ID;
  const scaffold = renderBankScaffold(text, notes, {
    id,
    file: toStdout ? 'questions.yaml' : file,
    schemaLine: schemaModeline(schemaUrl('bank')),
  });

  if (toStdout) {
    io.stdout.write(scaffold);
    return ExitCode.ok;
  }
  await checkTargets(io, targets, rules);
  await writeTarget(io, target, scaffold);
  if (options.quiet) return ExitCode.ok;
  const shown = visible(file);
  io.stdout.write(
    `Wrote ${shown}, a question bank (id: ${id}) to make your own.\n` +
      `Check it with: who-failed-whom validate ${shown}\n` +
      `Use it with:   who-failed-whom --questions ${shown}\n`,
  );
  return ExitCode.ok;
}
