import { buildReport, type Report } from '../core/report.js';
import { bankForRole } from '../core/role.js';
import { type LedgerScore, score } from '../core/score.js';
import type { Answers, Bank, Role } from '../core/types.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { loadBank, parseAnswers, readStdin, readText, STDIN_NAME } from '../input/load.js';
import type { AnswersCheck } from '../input/located.js';
import type { Io } from '../io.js';
import { checkTargets, isOwnStream, type WriteTarget, writeTarget } from '../output/destination.js';
import { emitReport, reportTarget, writtenLine } from '../output/report-file.js';
import { renderAnswersFile } from '../render/answers-file.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';
import { sanitize } from '../render/style.js';
import { renderText } from '../render/text.js';

export type Format = 'text' | 'json' | 'markdown';

export interface AssessOptions {
  answers?: string;
  questions?: string;
  format: Format;
  output?: string;
  failUnder?: number;
  saveAnswers?: string;
  force: boolean;
  color: boolean;
  /** Unset: the answers file's role, else manager. */
  role?: Role;
  /** Warnings (answers made for another version of the bank) fail the run. */
  strict?: boolean;
  /** False with --no-input: never prompt, never wait for a terminal; answers come only from --answers. */
  input?: boolean;
  /** No "written to" lines. */
  quiet?: boolean;
}

function saveAnswersTarget(path: string | undefined): WriteTarget | undefined {
  if (path === undefined) return undefined;
  // An answers file is a person's own data: replaced only when --force says so.
  return {
    path: path === '-' ? '/dev/stdout' : path,
    flag: '--save-answers',
    replaces: 'nothing',
    hint: 'Choose another file for --save-answers.',
  };
}

/** How long implicit stdin may stay silent before we say what we are waiting for. */
const STDIN_HINT_MS = 3000;

export async function run(options: AssessOptions, io: Io): Promise<number> {
  if (options.questions === '-' && options.answers === undefined) {
    // The answers would come from stdin too (piped, or typed at the questionnaire), which the bank has used up.
    throw new UsageError(
      '--questions - reads the bank from stdin, so the answers cannot come from it; pass them with --answers FILE',
    );
  }
  const bank = await loadBank(io, options.questions);
  const saveTo = saveAnswersTarget(options.saveAnswers);
  const reportTo = reportTarget(options.output);
  const targets = [saveTo, reportTo].filter((t) => t !== undefined);
  if (saveTo?.path === '/dev/stdout' && (reportTo === undefined || isOwnStream(reportTo))) {
    throw new UsageError(
      '--save-answers - writes the answers to stdout, where the report goes too; write the report to a file with -o FILE',
    );
  }
  const rules = { force: options.force, inputs: [options.answers, options.questions] };
  // Before the answers: a destination that will be refused is known before twenty questions are answered.
  await checkTargets(io, targets, rules);
  const { answers, sourceName } = await gatherAnswers(options, io, bank);
  const role = roleOf(options, answers, sourceName);
  answers.meta.role = role;
  const view = bankForRole(bank, role);
  // Again, now that every input has been read, and before anything is written.
  await checkTargets(io, targets, rules);
  if (saveTo) {
    await writeTarget(io, saveTo, renderAnswersFile(view, answers, schemaModeline(schemaUrl('answers'))));
  }

  const result = score(view, answers);
  refuseUnscorable(view, sourceName, result.asked, 'asked');
  refuseUnscorable(view, sourceName, result.given, 'owed');
  const report = buildReport(view, answers, result);

  const rendered = await render(report, options, io, reportTo !== undefined);
  await emitReport(io, reportTo, options.format, rendered);
  if (!options.quiet) {
    const lines = [writtenLine('Report', reportTo), writtenLine('Answers', saveTo)];
    for (const line of lines) if (line) io.stderr.write(`${sanitize(line)}\n`);
  }

  if (options.failUnder !== undefined && report.scores.balance < options.failUnder) {
    io.stderr.write(`Balance ${report.scores.balance} is below --fail-under ${options.failUnder}.\n`);
    return ExitCode.belowThreshold;
  }
  return ExitCode.ok;
}

async function render(report: Report, options: AssessOptions, io: Io, toFile: boolean): Promise<string> {
  if (options.format === 'json') return renderJson(report);
  if (options.format === 'markdown') return renderMarkdown(report);
  const style = await makeStyle(!toFile && colorEnabled(io.stdout, io.env, options.color));
  return renderText(report, style, io.stdout.columns ?? 80);
}

async function gatherAnswers(
  options: AssessOptions,
  io: Io,
  bank: Bank,
): Promise<{ answers: Answers; sourceName: string }> {
  if (options.answers !== undefined) {
    if (options.answers === '-' && options.input === false && io.stdin.isTTY) {
      throw new UsageError(
        '--answers - would read the answers from the terminal, and --no-input says not to wait for one; pipe them in or pass --answers FILE',
      );
    }
    const { text, name } = await readText(io, options.answers);
    return { answers: await parseAnswers(text, name, bank, answersCheck(options, io)), sourceName: name };
  }
  if (options.input === false) {
    throw new UsageError(
      '--no-input: there are no answers to score and no questions may be asked; pass --answers FILE (or --answers - to read stdin)',
    );
  }
  if (io.stdin.isTTY) {
    // Loaded only here: the prompt library is the heaviest import and the CI path never needs it.
    const { runQuestionnaire } = await import('../prompt/questionnaire.js');
    const output = io.promptOutput();
    const style = await makeStyle(colorEnabled(output, io.env, options.color));
    const role = options.role ?? 'manager';
    const answers = await runQuestionnaire(bankForRole(bank, role), {
      input: io.stdin,
      output,
      style,
      role,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    // The report follows the questions on a terminal: a blank line keeps the two apart.
    if (io.stdout.isTTY) io.stdout.write('\n');
    return { answers, sourceName: 'your answers' };
  }
  const hint = setTimeout(() => {
    io.stderr.write(
      'Waiting for answers on stdin… (pass --answers FILE, or run in a terminal to answer the questions)\n',
    );
  }, STDIN_HINT_MS);
  hint.unref?.();
  let text: string;
  try {
    text = await readStdin(io);
  } finally {
    clearTimeout(hint);
  }
  if (text.trim() === '') {
    throw new UsageError(
      'no answers: stdin is not a terminal and gave nothing. Pass --answers FILE (or pipe one in), or run in a terminal to answer the questions',
    );
  }
  return {
    answers: await parseAnswers(text, STDIN_NAME, bank, answersCheck(options, io)),
    sourceName: STDIN_NAME,
  };
}

function answersCheck(options: AssessOptions, io: Io): AnswersCheck {
  return { strict: options.strict === true, warn: (line) => io.stderr.write(`${line}\n`) };
}

function roleOf(options: AssessOptions, answers: Answers, sourceName: string): Role {
  const declared = answers.meta.role;
  if (options.role && declared && options.role !== declared) {
    throw new UsageError(
      `--role ${options.role}, but ${sourceName} says role: ${declared}; drop one of them`,
    );
  }
  return options.role ?? declared ?? 'manager';
}

function refuseUnscorable(bank: Bank, sourceName: string, ledger: LedgerScore, side: 'asked' | 'owed'): void {
  if (ledger.score !== null) return;
  const needed = Math.round(bank.scoring.minAnsweredWeight * 100);
  const got = Math.round(ledger.answeredWeightShare * 100);
  const unanswered = bank.questions.filter(
    (q) => q.side === side && !ledger.items.some((i) => i.id === q.id),
  );
  throw new InputError(
    [
      `${sourceName}: too little of the ${side} ledger is answered to score it: ${ledger.answered} of ${ledger.total} items, ${got}% of its weight (at least ${needed}% is needed)`,
    ],
    `Answer more of: ${unanswered.map((q) => q.id).join(', ')}`,
  );
}
