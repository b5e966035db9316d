import { leaningWords, type Report, type ReportItem, rolePhrases, statusWords } from '../core/report.js';
import { sanitize } from './sanitize.js';

/**
 * An empty HTML comment splits a reference from what would make it one: GitHub renders `@<!-- -->dana` as
 * "@dana" but finds no mention in it, because mentions and issue references are looked for after Markdown is
 * rendered, in each run of text. A backslash (`\@`) or an entity (`&#64;`) is undone before that, so does not help.
 */
const UNLINK = '<!-- -->';

/**
 * Escapes what would break a table cell or turn text from a file into links, HTML or formatting, and keeps it
 * from pinging anyone or adding a backlink when the report is posted on GitHub: `@name` (a mention), `#123`,
 * `owner/repo#7` and `GH-123` (references) are shown as written but not linked.
 */
export function escapeMarkdown(text: string): string {
  return (
    sanitize(text)
      .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
      // At the start of a line these would turn text into a heading, a list or a quote.
      .replace(/^(\s*)([#+=-]|\d+[.)])/, (_, space: string, mark: string) => `${space}\\${mark}`)
      .replace(/@(?=[a-z0-9])|#(?=\d)|\bGH-(?=\d)/gi, (mark) => `${mark}${UNLINK}`)
  );
}

const item = (i: ReportItem) => `${escapeMarkdown(i.label)} (${escapeMarkdown(i.display)})`;

/** Markdown fit for a retro document, a PR comment or a CI step summary. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const phrases = rolePhrases[report.role];
  const who = report.respondent.name ? ` — ${escapeMarkdown(report.respondent.name)}` : '';
  out.push(`## ${escapeMarkdown(report.bank.title)}${who}`, '');
  if (report.followUp.length > 0) {
    out.push(`### ${phrases.followUp}`, '', '| Commitment | How it went | Note |', '|---|---|---|');
    for (const f of report.followUp) {
      out.push(`| ${escapeMarkdown(f.text)} | ${statusWords[f.status]} | ${escapeMarkdown(f.note ?? '')} |`);
    }
    out.push('');
  }
  out.push('| | Score (0–100) |', '|---|---:|');
  out.push(`| ${phrases.asked} | ${report.scores.asked} |`);
  out.push(`| ${phrases.given} | ${report.scores.given} |`);
  out.push(`| **Balance** | **${report.scores.balance}** |`, '');
  out.push(`**${leaningWords[report.leaning]}** — ${escapeMarkdown(report.verdict)}`, '');
  if (report.selfView) out.push(`**Own view:** ${escapeMarkdown(report.selfView.message)}`, '');

  if (report.gaps.length > 0) {
    out.push('### Where the gap is widest', '');
    out.push(`| # | ${phrases.askedShort} | ${phrases.lagShort} | Gap |`, '|---:|---|---|---:|');
    report.gaps.forEach((gap, i) => {
      out.push(`| ${i + 1} | ${item(gap.asked)} | ${gap.lagging.map(item).join('; ')} | ${gap.size} |`);
    });
    out.push('');
    const quotes = [...new Set(report.gaps.flatMap((g) => (g.source ? [g.source] : [])))];
    for (const quote of quotes) out.push(`> ${escapeMarkdown(quote)}`, '>');
    if (quotes.length > 0) out.pop();
    out.push('');
  }

  const scoredMissing = report.missingDetails.filter((m) => m.side !== null);
  if (scoredMissing.length > 0) {
    out.push('### Not answered (left out of the score)', '');
    for (const m of scoredMissing) out.push(`- \`${m.id}\` — ${escapeMarkdown(m.prompt)}`);
    out.push('');
  }

  if (report.reflections.length > 0) {
    out.push('### Reflections', '');
    for (const r of report.reflections)
      out.push(`**${escapeMarkdown(r.prompt)}**`, '', escapeMarkdown(r.answer), '');
  }

  if (report.commitments.length > 0) {
    out.push(`### ${phrases.commitments}`, '');
    report.commitments.forEach((c, i) => {
      const about = [c.label && escapeMarkdown(c.label), c.due && `by ${c.due}`].filter(Boolean).join(', ');
      out.push(`${i + 1}. ${escapeMarkdown(c.text)}${about ? ` _(${about})_` : ''}`);
    });
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
