import { checkAnswers } from '../core/answers.js';
import { checkBank } from '../core/bank.js';
import { lintBank } from '../core/bank-lint.js';
import { checkConfig } from '../core/config.js';
import type { Bank, Problem } from '../core/types.js';
import { escalate } from '../core/validation.js';
import { ExitCode, InputError } from '../errors.js';
import { isConfigName } from '../input/config.js';
import { loadBank, readText } from '../input/load.js';
import { type ParsedSource, parseSource, problemLines, sortedByPosition } from '../input/source.js';
import type { Io } from '../io.js';
import { visible } from '../render/sanitize.js';
import { layoutWidth, messageFor, wrap } from '../render/wrap.js';

export interface ValidateOptions {
  files: string[];
  /** The bank answers files are checked against; the built-in one without it. */
  questions?: string;
  /** Warnings fail too. */
  strict?: boolean;
}

interface Checked {
  name: string;
  /** stderr lines, `file:line:col: …`, in the order of the file. */
  lines: string[];
  errors: number;
  warnings: number;
  /** What the file turned out to be, for the ok line. */
  summary?: string;
}

/**
 * Checks banks, answers files and config files (told apart by name: who-failed-whom.config.yaml, or config.yaml in
 * a who-failed-whom folder; the others by content), and lists every problem of every file.
 */
export async function run(options: ValidateOptions, io: Io): Promise<number> {
  const bankFor = answersBank(io, options.questions);
  const lines: string[] = [];
  let failed = false;
  let warningsOnly = true;
  // Laid out for a terminal; to a file or a pipe, one line a file, to grep (as help is).
  const width = io.stdout.isTTY ? io.stdout.columns : undefined;
  for (const file of options.files) {
    const checked = await checkFile(file, io, bankFor, options.strict === true);
    lines.push(...checked.lines);
    if (checked.errors > 0) {
      failed = true;
      if (checked.errors > checked.warnings || !options.strict) warningsOnly = false;
    } else {
      const warnings = checked.warnings === 1 ? ', 1 warning' : `, ${checked.warnings} warnings`;
      const line = `${visible(checked.name)}: ok (${checked.summary}${checked.warnings > 0 ? warnings : ''})`;
      io.stdout.write(`${width === undefined ? line : wrap(line, layoutWidth(width), '', '  ')}\n`);
    }
  }
  if (failed) {
    throw new InputError(
      lines,
      warningsOnly
        ? '--strict counts warnings as errors: fix them, or drop --strict.'
        : 'Fix each line above, then run who-failed-whom validate again.',
    );
  }
  for (const line of lines) io.stderr.write(`${messageFor(visible(line), io.stderr)}\n`);
  return ExitCode.ok;
}

async function checkFile(
  file: string,
  io: Io,
  bankFor: () => Promise<Bank | string[]>,
  strict: boolean,
): Promise<Checked> {
  let source: ParsedSource;
  try {
    const { text, name } = await readText(io, file);
    source = parseSource(text, name);
  } catch (error) {
    if (error instanceof InputError) return { name: file, lines: error.lines, errors: 1, warnings: 0 };
    throw error;
  }
  const data = source.data;
  const has = (key: string) => typeof data === 'object' && data !== null && key in data;

  let problems: Problem[];
  let summary: string;
  if (isConfigName(source.name)) {
    const { settings, problems: found } = checkConfig(data);
    problems = found;
    const set = Object.entries(settings ?? {}).map(([key, value]) => `${key} ${value}`);
    summary = `configuration${set.length > 0 ? `: ${set.join(', ')}` : ', empty'}`;
  } else if (has('questions')) {
    const { bank, problems: found } = checkBank(data);
    problems = bank ? [...found, ...lintBank(bank)] : found;
    summary = bank ? `bank ${bank.id}, version ${bank.version}, ${bank.questions.length} questions` : '';
  } else if (has('answers')) {
    const bank = await bankFor();
    if (Array.isArray(bank)) {
      const lines = [
        ...bank,
        `${source.name}: not checked, because the question bank to check it against has problems`,
      ];
      return { name: source.name, lines, errors: 1, warnings: 0 };
    }
    const { answers, problems: found } = checkAnswers(data, bank);
    problems = found;
    summary = answers
      ? `answers for bank ${bank.id}, version ${bank.version}, ${answers.values.size} answered`
      : '';
  } else if (data == null) {
    const line = `${source.locate([])}: is empty; expected a question bank or an answers file`;
    return { name: source.name, lines: [line], errors: 1, warnings: 0 };
  } else {
    const line = `${source.locate([])}: neither a question bank (it has no "questions") nor an answers file (no "answers")`;
    return { name: source.name, lines: [line], errors: 1, warnings: 0 };
  }

  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const located = problemLines(source, strict ? escalate(problems) : problems);
  return {
    name: source.name,
    lines: sortedByPosition(located, source.name),
    errors: strict ? problems.length : problems.length - warnings,
    warnings,
    summary,
  };
}

/** Loads the bank for answers files once. When it cannot be loaded, its problems are told once, then nothing. */
function answersBank(io: Io, file?: string): () => Promise<Bank | string[]> {
  let loaded: Promise<Bank | string[]> | undefined;
  let told = false;
  return async () => {
    loaded ??= loadBank(io, file).catch((error: unknown) => {
      if (error instanceof InputError) return error.lines;
      throw error;
    });
    const bank = await loaded;
    if (!Array.isArray(bank) || !told) {
      told = Array.isArray(bank);
      return bank;
    }
    return [];
  };
}
