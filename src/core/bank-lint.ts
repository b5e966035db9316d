import type { Bank, Problem, Side } from './types.js';
import { problem } from './validation.js';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * What is allowed in a valid bank but probably not meant: each a warning, located by its path so it gets a
 * line and column. `validate` prints them; `validate --strict` fails on them.
 */
export function lintBank(bank: Bank): Problem[] {
  const problems: Problem[] = [];
  const warn = (path: (string | number)[], message: string) =>
    problems.push(problem(path, message, 'warning'));
  const indexed = bank.questions.map((q, i) => ({ q, i }));

  for (const side of ['asked', 'owed'] as const satisfies Side[]) {
    const ledger = indexed.filter(({ q }) => q.side === side);
    const [first] = ledger;
    if (!first) continue;
    if (ledger.length === 1) {
      warn(
        ['questions', first.i, 'side'],
        `the ${side} ledger has a single item ("${first.q.id}"): one answer would speak for the whole ledger`,
      );
    } else if (ledger.every(({ q }) => q.weight === 0)) {
      warn(
        ['questions', first.i, 'weight'],
        `every item of the ${side} ledger weighs 0: the weights say nothing, so each item counts the same`,
      );
    }
  }

  for (const { q, i } of indexed) {
    if (q.side === 'asked' && q.supportedBy.length === 0) {
      warn(
        ['questions', i, 'id'],
        `asked item "${q.id}" names no owed item that supports it (supportedBy), so the report can never show a gap for it`,
      );
    }
  }

  const byPrompt = new Map<string, string>();
  for (const { q, i } of indexed) {
    const key = squash(q.prompt);
    const earlier = byPrompt.get(key);
    if (earlier !== undefined) {
      warn(['questions', i, 'prompt'], `question "${q.id}" has the same prompt as "${earlier}"`);
    } else byPrompt.set(key, q.id);
  }
  return problems;
}
