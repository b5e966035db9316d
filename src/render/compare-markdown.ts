import type { CompareReport } from '../core/compare.js';
import { commitmentFor } from '../core/compare.js';
import { leaningWords, statusWords } from '../core/report.js';
import { commonItemsNote, outcomeSentence, signed } from './compare-text.js';
import { escapeMarkdown } from './markdown.js';

/** `compare` as Markdown, for a retro document or a CI step summary. */
export function renderCompareMarkdown(report: CompareReport): string {
  const out = [`## ${escapeMarkdown(report.bank.title)}: what moved between two rounds`, ''];
  if (report.commonItemsOnly) out.push(`> ${escapeMarkdown(commonItemsNote(report))}`, '');
  out.push('| | Date | Asked | Given | Balance | Leaning |', '|---|---|---:|---:|---:|---|');
  for (const [name, side] of [
    ['Before', report.before],
    ['After', report.after],
  ] as const) {
    const { asked, given, balance } = side.scores;
    out.push(
      `| ${name} | ${escapeMarkdown(side.date ?? side.source)} | ${asked} | ${given} | ${balance} | ${leaningWords[side.leaning]} |`,
    );
  }
  const { change } = report;
  out.push(
    `| **Change** | | **${signed(change.asked)}** | **${signed(change.given)}** | **${signed(change.balance)}** | |`,
    '',
  );

  out.push('### What moved', '');
  if (report.items.length === 0) out.push('_Nothing moved._', '');
  else {
    out.push('| Change | Item | Before | After | Commitment |', '|---:|---|---|---|---|');
    for (const item of report.items) {
      const c = commitmentFor(report, item.id);
      const said = c?.status ? ` (${statusWords[c.status]})` : '';
      out.push(
        `| ${signed(item.change)} | ${escapeMarkdown(item.label)} | ${escapeMarkdown(item.beforeWords)} | ${escapeMarkdown(item.afterWords)} | ${c ? `${escapeMarkdown(c.text)}${said}` : ''} |`,
      );
    }
    out.push('');
  }

  if (report.commitments.length > 0) {
    out.push('### What you committed to before, and how it went', '');
    for (const c of report.commitments) {
      const note = c.note ? ` — ${escapeMarkdown(c.note)}` : '';
      out.push(`- **${escapeMarkdown(c.text)}**: ${escapeMarkdown(outcomeSentence(c))}${note}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
