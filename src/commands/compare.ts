import { join } from 'node:path';
import { type CompareReport, compareRounds, type Round } from '../core/compare.js';
import type { Bank, Role } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import { loadBank, readText } from '../input/load.js';
import { quickParse } from '../input/quick-yaml.js';
import { parseAnswers } from '../input/respondent.js';
import { readRound } from '../input/round.js';
import { parseSource } from '../input/source.js';
import type { Io } from '../io.js';
import { emitReport, type ReportOptions, reportDestination, writtenLine } from '../output/report-file.js';
import { listRounds, requireDataFolder, roundsFolder } from '../output/rounds.js';
import { colorEnabled, makeStyle } from '../render/color.js';
import { renderCompareMarkdown } from '../render/compare-markdown.js';
import { renderCompareText } from '../render/compare-text.js';
import { renderCompareJson } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { messageFor } from '../render/wrap.js';
import { refuseUnscorable } from './assess.js';

export interface CompareOptions extends ReportOptions {
  /** An answers file, or `last`: the last two of your own rounds. */
  before: string;
  after?: string;
  /** Whose rounds `compare last` takes; manager unless said. */
  role?: Role;
}

export async function run(options: CompareOptions, io: Io): Promise<number> {
  const bank = await loadBank(io, options.questions);
  const { target: reportTo, recheck } = await reportDestination(io, options, [
    options.before,
    options.after,
    options.questions,
  ]);
  const [before, after] = await roundsToCompare(options, io, bank);
  const result = compareRounds(bank, before, after);
  if ('unscorable' in result) {
    refuseUnscorable(result.unscorable.source, result.unscorable.ledger);
  }
  const rendered = await render(result, bank, options, io, reportTo !== undefined);
  await recheck();
  await emitReport(io, reportTo, options.format, rendered);
  const written = writtenLine('Report', reportTo);
  if (written && !options.quiet) io.stderr.write(`${messageFor(sanitize(written), io.stderr)}\n`);
  return 0;
}

async function render(report: CompareReport, bank: Bank, options: CompareOptions, io: Io, toFile: boolean) {
  if (options.format === 'json') return renderCompareJson(report);
  if (options.format === 'markdown') return renderCompareMarkdown(report);
  if (options.format === 'html') {
    // Loaded only for this format, as for the other reports.
    const { renderCompareHtml } = await import('../render/html/compare-page.js');
    return renderCompareHtml(report, bank);
  }
  const style = await makeStyle(!toFile && colorEnabled(io.stdout, io.env, options.color));
  return renderCompareText(report, style, io.stdout.columns ?? 80);
}

async function roundsToCompare(options: CompareOptions, io: Io, bank: Bank): Promise<[Round, Round]> {
  if (options.before === 'last' && options.after === undefined) return lastTwoRounds(options, io, bank);
  if (options.after === undefined) {
    throw new UsageError('compare needs two answers files (compare BEFORE AFTER), or: compare last');
  }
  if (options.before === '-' && options.after === '-') {
    throw new UsageError('only one of BEFORE and AFTER can be - (stdin)');
  }
  const texts = [await readText(io, options.before), await readText(io, options.after)] as const;
  refuseTwoBanks(texts[0], texts[1]);
  const rounds: Round[] = [];
  for (const { text, name } of texts) {
    // Another version of the bank is no warning here: the comparison says so itself.
    const answers = await parseAnswers(text, name, bank, { lenientOtherVersion: true });
    rounds.push({ answers, source: name });
  }
  const [first, second] = rounds as [Round, Round];
  refuseTwoRoles(first, second);
  return [first, second];
}

/** Your last two kept rounds of the role (a manager's, unless --role rep). */
async function lastTwoRounds(options: CompareOptions, io: Io, bank: Bank): Promise<[Round, Round]> {
  const role = options.role ?? 'manager';
  const kept = await listRounds(io, bank.id, role);
  const [before, after] = kept.slice(-2);
  if (!before || !after) {
    const folder = join(roundsFolder(requireDataFolder(io), bank.id), role);
    throw new UsageError(
      `compare last needs two kept rounds of a ${role}; ${folder} holds ${kept.length}. A finished questionnaire keeps one`,
    );
  }
  return [
    { answers: await readRound(io, before.path, bank), source: before.path },
    { answers: await readRound(io, after.path, bank), source: after.path },
  ];
}

/** The bank an answers file says it was made for, if it says. */
function declaredBank(text: string, name: string): unknown {
  const quick = quickParse(text);
  if (quick !== undefined) return (quick as { bank?: unknown }).bank;
  try {
    return (parseSource(text, name).data as { bank?: unknown } | null)?.bank;
  } catch {
    return undefined; // unreadable: parsing it for real says what is wrong
  }
}

function refuseTwoBanks(before: { text: string; name: string }, after: { text: string; name: string }): void {
  const a = declaredBank(before.text, before.name);
  const b = declaredBank(after.text, after.name);
  if (typeof a === 'string' && typeof b === 'string' && a !== b) {
    throw new InputError(
      [
        `${parseSource(after.text, after.name).locate(['bank'])}: these answers are for bank "${b}", but ${before.name}'s are for bank "${a}"`,
      ],
      'compare takes two rounds of the same bank.',
    );
  }
}

function refuseTwoRoles(before: Round, after: Round): void {
  const a = before.answers.meta.role ?? 'manager';
  const b = after.answers.meta.role ?? 'manager';
  if (a !== b) {
    throw new UsageError(
      `${before.source} is a ${a}'s round and ${after.source} a ${b}'s; compare takes two rounds of the same role (team compares the views)`,
    );
  }
}
