import { buildReport, type Report } from '../core/report.js';
import { bankForRole } from '../core/role.js';
import { score, type UnscorableLedger, unscorableLedgers, unscorableMessage } from '../core/score.js';
import type { Answers, Bank, Role } from '../core/types.js';
import { ExitCode, InputError, InterruptedError, UsageError } from '../errors.js';
import { loadBank, readStdin, readText, STDIN_NAME } from '../input/load.js';
import type { AnswersCheck } from '../input/located.js';
import { parseAnswers } from '../input/respondent.js';
import type { Io } from '../io.js';
import {
  checkTargets,
  isOwnStream,
  type WriteRules,
  type WriteTarget,
  writeTarget,
} from '../output/destination.js';
import { emitReport, reportTarget, writtenLine } from '../output/report-file.js';
import { requireDataFolder } from '../output/rounds.js';
import type { RoundPromptContext } from '../prompt/rounds.js';
import { renderAnswersFile } from '../render/answers-file.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { visible } from '../render/sanitize.js';
import { schemaModeline, schemaUrl } from '../render/schema-url.js';
import { renderText } from '../render/text.js';
import { messageFor } from '../render/wrap.js';
import { type DraftKeeper, openDraft } from './assess-draft.js';
import { finishRound, lastCommitments, managerCommitments } from './assess-round.js';

export type Format = 'text' | 'json' | 'markdown' | 'html';

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
  /** Keep a finished questionnaire as a round in the data folder (--no-save turns it off). */
  save: boolean;
  /** A manager's answers file: a rep's questionnaire first asks whether each of its commitments was kept. */
  commitments?: string;
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
  const rules = { force: options.force, inputs: [options.answers, options.questions, options.commitments] };
  // Before the answers: a destination that will be refused is known before twenty questions are answered.
  await checkTargets(io, targets, rules);
  const gathered = await gatherAnswers(options, io, bank);
  try {
    return await scoreAndKeep(gathered, options, io, bank, { saveTo, reportTo, targets, rules });
  } finally {
    // However the run ends: the next one may keep a draft again.
    await gathered.draft?.release();
  }
}

/** Where the run writes (--save-answers, -o), and the rules each is checked by. */
interface Destinations {
  saveTo: WriteTarget | undefined;
  reportTo: WriteTarget | undefined;
  targets: WriteTarget[];
  rules: WriteRules;
}

interface Gathered {
  answers: Answers;
  sourceName: string;
  interactive: boolean;
  draft?: DraftKeeper;
}

async function scoreAndKeep(
  { answers, sourceName, interactive, draft }: Gathered,
  options: AssessOptions,
  io: Io,
  bank: Bank,
  { saveTo, reportTo, targets, rules }: Destinations,
): Promise<number> {
  const role = roleOf(options, answers, sourceName);
  answers.meta.role = role;
  const view = bankForRole(bank, role);
  // Again, now that every input has been read, and before anything is written.
  await checkTargets(io, targets, rules);
  const writeAnswers = saveTo
    ? async (finished: Answers) => {
        await checkTargets(io, [saveTo], rules);
        await writeTarget(
          io,
          saveTo,
          renderAnswersFile(view, finished, schemaModeline(schemaUrl('answers'))),
        );
        return writtenLine('Answers', saveTo) ?? '';
      }
    : undefined;
  // A questionnaire's answers are written once the round is finished, commitments and all.
  if (writeAnswers && !interactive) await writeAnswers(answers);

  const result = score(view, answers);
  const [unscorable] = unscorableLedgers(view, result);
  if (unscorable) refuseUnscorable(sourceName, unscorable);
  const report = buildReport(view, answers, result);

  const rendered = await render(report, options, io, reportTo !== undefined);
  await emitReport(io, reportTo, options.format, rendered);
  const written = [writtenLine('Report', reportTo)];
  if (interactive) {
    const finish = { save: options.save, ...(writeAnswers ? { writeAnswers } : {}) };
    const ctx = await promptContext(options, io);
    written.push(...(await keptOnInterrupt(draft, finishRound(finish, io, view, answers, report, ctx))));
    await draft?.remove();
  } else if (saveTo) written.push(writtenLine('Answers', saveTo));
  if (!options.quiet)
    for (const line of written) if (line) io.stderr.write(`${messageFor(visible(line), io.stderr)}\n`);

  if (options.failUnder !== undefined && report.scores.balance < options.failUnder) {
    io.stderr.write(`Balance ${report.scores.balance} is below --fail-under ${options.failUnder}.\n`);
    return ExitCode.belowThreshold;
  }
  return ExitCode.ok;
}

/** An interruption says where the answers so far are kept, when they are. */
async function keptOnInterrupt<T>(draft: DraftKeeper | undefined, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof InterruptedError) || !draft) throw error;
    const kept = await draft.settle();
    throw new InterruptedError(error.signal, kept ? draft.path : undefined);
  }
}

async function render(report: Report, options: AssessOptions, io: Io, toFile: boolean): Promise<string> {
  if (options.format === 'json') return renderJson(report);
  if (options.format === 'markdown') return renderMarkdown(report);
  if (options.format === 'html') {
    // Loaded only for this format: a text or JSON run never compiles the page and its charts.
    const { renderReportHtml } = await import('../render/html/report-page.js');
    return renderReportHtml(report);
  }
  const style = await makeStyle(!toFile && colorEnabled(io.stdout, io.env, options.color));
  return renderText(report, style, io.stdout.columns ?? 80);
}

async function gatherAnswers(options: AssessOptions, io: Io, bank: Bank): Promise<Gathered> {
  if (options.commitments !== undefined && (options.answers !== undefined || !io.stdin.isTTY)) {
    throw new UsageError(
      '--commitments is asked about in the questionnaire (a rep in a terminal); for a file, see: template --role rep --commitments FILE',
    );
  }
  if (options.answers !== undefined) {
    if (options.answers === '-' && options.input === false && io.stdin.isTTY) {
      throw new UsageError(
        '--answers - would read the answers from the terminal, and --no-input says not to wait for one; pipe them in or pass --answers FILE',
      );
    }
    const { text, name } = await readText(io, options.answers);
    const answers = await parseAnswers(text, name, bank, answersCheck(options, io));
    return { answers, sourceName: name, interactive: false };
  }
  if (options.input === false) {
    throw new UsageError(
      '--no-input: there are no answers to score and no questions may be asked; pass --answers FILE (or --answers - to read stdin)',
    );
  }
  if (io.stdin.isTTY) {
    // Loaded only here: the prompt library is the heaviest import and the CI path never needs it.
    // Known before the questions: with no folder to keep the round in, say so now, not after the last one.
    if (options.save) requireDataFolder(io, ', or pass --no-save');
    const { runQuestionnaire } = await import('../prompt/questionnaire.js');
    const ctx = await promptContext(options, io);
    const role = options.role ?? 'manager';
    const say = (line: string) => ctx.output.write(`${messageFor(visible(line), ctx.output)}\n`);
    const view = bankForRole(bank, role);
    // Opened (and written) before the first question: a data folder that cannot keep it is known now.
    const draft = options.save ? await openDraft(io, view, role, say) : undefined;
    let answers: Answers;
    try {
      const followUp =
        options.commitments === undefined
          ? await lastCommitments(io, bank, role, say)
          : await managerCommitments(io, bank, options.commitments, role);
      answers = await keptOnInterrupt(
        draft,
        runQuestionnaire(view, {
          ...ctx,
          role,
          ...(followUp ? { followUp } : {}),
          ...(draft
            ? {
                keepsDraft: true,
                onProgress: (walk, followUps) => draft.keep(walk, followUps),
                ...(draft.found ? { resume: draft.found } : {}),
              }
            : {}),
        }),
      );
    } catch (error) {
      await draft?.release();
      throw error;
    }
    // The report follows the questions on a terminal: a blank line keeps the two apart.
    if (io.stdout.isTTY) io.stdout.write('\n');
    return { answers, sourceName: 'your answers', interactive: true, ...(draft ? { draft } : {}) };
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
    interactive: false,
  };
}

/** Where and how the prompts draw: on the terminal, in colour when it takes colour. */
async function promptContext(options: AssessOptions, io: Io): Promise<RoundPromptContext> {
  const output = io.promptOutput();
  const style = await makeStyle(colorEnabled(output, io.env, options.color));
  return { input: io.stdin, output, style, ...(io.signal ? { signal: io.signal } : {}) };
}

function answersCheck(options: AssessOptions, io: Io): AnswersCheck {
  return {
    strict: options.strict === true,
    warn: (line) => io.stderr.write(`${messageFor(visible(line), io.stderr)}\n`),
  };
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

/** The core's word that a ledger cannot be scored, as the run's error, with what to answer to score it. */
export function refuseUnscorable(sourceName: string, ledger: UnscorableLedger): never {
  throw new InputError(
    [`${sourceName}: ${unscorableMessage(ledger)}`],
    `Answer more of: ${ledger.unanswered.join(', ')}`,
  );
}
