import {
  type CommitmentOutcome,
  type CompareReport,
  type CompareSide,
  commitmentFor,
} from '../core/compare.js';
import { leaningWords, statusWords } from '../core/report.js';
import { sanitize, sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { wrap } from './text.js';

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

function sideRow(name: string, side: CompareSide): string {
  const when = side.date ?? side.source;
  const { asked, given, balance } = side.scores;
  return `  ${name.padEnd(8)}${sanitize(when).padEnd(14)}${String(asked).padStart(6)}${String(given).padStart(7)}${String(balance).padStart(9)}  ${leaningWords[side.leaning]}`;
}

/** The terminal view of `compare`. Pure: the caller decides colour (through style) and width. */
export function renderCompareText(model: CompareReport, style: Style, width = 80): string {
  // Every word from a file or a bank, made safe for the terminal once, here.
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const out = [style.heading(`${report.bank.title} · what moved between two rounds`)];
  if (report.commonItemsOnly) out.push(style.warn(wrap(commonItemsNote(report), w, '  ')));
  out.push(
    '',
    style.dim(
      `  ${''.padEnd(8)}${'date'.padEnd(14)}${'asked'.padStart(6)}${'given'.padStart(7)}${'balance'.padStart(9)}`,
    ),
    sideRow('before', report.before),
    sideRow('after', report.after),
    style.strong(
      `  ${'change'.padEnd(22)}${signed(report.change.asked).padStart(6)}${signed(report.change.given).padStart(7)}${signed(report.change.balance).padStart(9)}`,
    ),
  );

  out.push('', style.heading('What moved, in scale points'));
  if (report.items.length === 0) out.push(style.dim('  Nothing moved.'));
  for (const item of report.items) {
    const paint = item.change > 0 ? style.good : style.warn;
    const change = `  ${paint(signed(item.change).padStart(3))}  `;
    out.push(wrap(`${item.label}: ${item.beforeWords} → ${item.afterWords}`, w, change, '       '));
    const commitment = commitmentFor(report, item.id);
    if (commitment) {
      const said = commitment.status ? ` (you said: ${statusWords[commitment.status]})` : '';
      out.push(style.dim(wrap(`You committed to “${sanitize(commitment.text)}”${said}`, w, '       ')));
    }
  }

  if (report.commitments.length > 0) {
    out.push('', style.heading('What you committed to before, and how it went'));
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
