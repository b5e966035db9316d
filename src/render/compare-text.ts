import {
  type CommitmentOutcome,
  type CompareReport,
  type CompareSide,
  commitmentFor,
} from '../core/compare.js';
import { leaningWords, statusWords } from '../core/report.js';
import { sanitize, sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { wrap, wrapPieces } from './wrap.js';

/** A change with its sign: +3, -1.5, 0. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** How a commitment fared, in one sentence: what its item did, and what the follow-up said. */
export function outcomeSentence(c: CommitmentOutcome): string {
  const parts: string[] = [];
  if (c.itemChange && c.label) {
    const { beforeWords, afterWords, change } = c.itemChange;
    parts.push(
      change === 0
        ? `${c.label} stayed at ${beforeWords}`
        : `${c.label} went from ${beforeWords} to ${afterWords} (${signed(change)})`,
    );
  } else if (c.label) parts.push(`${c.label} was not answered in both rounds`);
  parts.push(c.status ? `you said: ${statusWords[c.status]}` : 'no follow-up was given');
  return parts.join('; ');
}

/** Wider than this, a round's date (or file name) would push its row out of line: the scores become a list. */
const WHEN_WIDTH = 14;

/** The scores of both rounds and the change: a table when it fits, else a few labelled lines per round. */
function scoreLines(report: CompareReport, style: Style, w: number): string[] {
  const sides = [
    ['before', report.before],
    ['after', report.after],
  ] as const;
  const when = (side: CompareSide) => sanitize(side.date ?? side.source);
  const { change } = report;
  const table = [
    `  ${''.padEnd(8)}${'date'.padEnd(WHEN_WIDTH)}${'asked'.padStart(6)}${'given'.padStart(7)}${'balance'.padStart(9)}`,
    ...sides.map(([name, side]) => {
      const { asked, given, balance } = side.scores;
      return `  ${name.padEnd(8)}${when(side).padEnd(WHEN_WIDTH)}${String(asked).padStart(6)}${String(given).padStart(7)}${String(balance).padStart(9)}  ${leaningWords[side.leaning]}`;
    }),
    `  ${'change'.padEnd(8 + WHEN_WIDTH)}${signed(change.asked).padStart(6)}${signed(change.given).padStart(7)}${signed(change.balance).padStart(9)}`,
  ];
  const fits =
    table.every((line) => line.length <= w) && sides.every(([, side]) => when(side).length < WHEN_WIDTH);
  if (fits) {
    const [head = '', before = '', after = '', total = ''] = table;
    return [style.dim(head), before, after, style.strong(total)];
  }
  const figures = (scores: { asked: number; given: number; balance: number }, show: (n: number) => string) =>
    wrapPieces(
      [`asked ${show(scores.asked)}`, `given ${show(scores.given)}`, `balance ${show(scores.balance)}`],
      w,
      '    ',
      '    ',
      ' · ',
    );
  return [
    ...sides.flatMap(([name, side]) => [
      wrap(`${name} ${when(side)}`, w, '  ', '    '),
      figures(side.scores, String),
      wrap(leaningWords[side.leaning], w, '    '),
    ]),
    style.strong('  change'),
    style.strong(figures(change, signed)),
  ];
}

/** The terminal view of `compare`. Pure: the caller decides colour (through style) and width. */
export function renderCompareText(model: CompareReport, style: Style, width = 80): string {
  // Every word from a file or a bank, made safe for the terminal once, here.
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const out = [style.heading(wrap(`${report.bank.title} · what moved between two rounds`, w, '', '  '))];
  if (report.commonItemsOnly) out.push(style.warn(wrap(commonItemsNote(report), w, '  ')));
  out.push('', ...scoreLines(report, style, w));

  out.push('', style.heading('What moved, in scale points'));
  if (report.items.length === 0) out.push(style.dim('  Nothing moved.'));
  for (const item of report.items) {
    const paint = item.change > 0 ? style.good : style.warn;
    // Wrapped uncoloured, so colour codes never count as width; then the change is painted.
    const change = signed(item.change).padStart(3);
    const line = wrap(
      `${item.label}: ${item.beforeWords} → ${item.afterWords}`,
      w,
      `  ${change}  `,
      '       ',
    );
    out.push(`  ${paint(change)}${line.slice(2 + change.length)}`);
    const commitment = commitmentFor(report, item.id);
    if (commitment) {
      const said = commitment.status ? ` (you said: ${statusWords[commitment.status]})` : '';
      out.push(style.dim(wrap(`You committed to “${sanitize(commitment.text)}”${said}`, w, '       ')));
    }
  }

  if (report.commitments.length > 0) {
    out.push('', style.heading(wrap('What you committed to before, and how it went', w, '', '  ')));
    for (const c of report.commitments) {
      out.push(wrap(`- “${sanitize(c.text)}”: ${outcomeSentence(c)}.`, w, '  ', '    '));
      if (c.note) out.push(style.dim(wrap(sanitize(c.note), w, '    ')));
    }
  }
  return `${out.join('\n')}\n`;
}

export function commonItemsNote(report: CompareReport): string {
  const note = report.commonItemsOnly;
  if (!note) return '';
  const [before, after] = note.versions;
  return `The rounds were made for different versions of bank ${report.bank.id} (before: version ${before}; after: version ${after}), so they are compared on the ${note.items} questions both list.`;
}
