import { leaningWords, type Report, type ReportItem, rolePhrases, statusWords } from '../core/report.js';
import type { FollowUpStatus } from '../core/types.js';
import { sanitizeAll } from './sanitize.js';
import type { Style } from './style.js';
import { wrap, wrapStyled } from './wrap.js';

export { wrap } from './wrap.js';

const BAR_WIDTH = 30;
const MAX_GAPS_SHOWN = 3;

/** Narrower than this beside its label, a bar goes under the label instead. */
const MIN_BAR_WIDTH = 16;

function bar(value: number, paint: (t: string) => string, style: Style, width: number): string {
  const filled = Math.round((value / 100) * width);
  return paint('█'.repeat(filled)) + style.dim('░'.repeat(width - filled));
}

/** A ledger's label, its bar and its score: on one line when the width allows a bar of MIN_BAR_WIDTH, else two. */
function ledgerLines(
  label: string,
  labelWidth: number,
  value: number,
  paint: (t: string) => string,
  style: Style,
  width: number,
): string[] {
  const score = String(Math.round(value)).padStart(3);
  const beside = width - 2 - labelWidth - 4;
  if (beside >= MIN_BAR_WIDTH) {
    return [`  ${label.padEnd(labelWidth)}${bar(value, paint, style, Math.min(BAR_WIDTH, beside))} ${score}`];
  }
  return [`  ${label}`, `  ${bar(value, paint, style, Math.min(BAR_WIDTH, width - 6))} ${score}`];
}

const item = (i: ReportItem) => `${i.label} (${i.display})`;

/** The terminal report. Pure: the caller decides colour (through style) and width. */
export function renderText(model: Report, style: Style, width = 80): string {
  const report = sanitizeAll(model);
  const w = Math.max(40, Math.min(width, 100));
  const out: string[] = [];
  const { asked, given, balance } = report.scores;
  const phrases = rolePhrases[report.role];
  const labelWidth = Math.max(phrases.asked.length, phrases.given.length) + 2;
  const who = report.respondent.name ? ` · ${report.respondent.name}` : '';
  out.push(style.heading(`${report.bank.title}${who}`), '');
  if (report.followUp.length > 0) out.push(...followUpLines(report, style, w), '');
  out.push(...ledgerLines(phrases.asked, labelWidth, asked, style.asked, style, w));
  out.push(...ledgerLines(phrases.given, labelWidth, given, style.given, style, w));
  out.push('');
  const paint = report.leaning === 'balanced' ? style.good : style.warn;
  out.push(
    wrapStyled(
      [
        [`Balance ${balance} of 100`, style.strong],
        ['·', (t) => t],
        [leaningWords[report.leaning], paint],
        [`(a difference of ${report.tolerance} or less counts as balanced)`, style.dim],
      ],
      w,
      '  ',
    ),
  );
  out.push(wrap(report.verdict, w, '  '));

  if (report.selfView) {
    out.push('', style.heading('Your own view'), wrap(report.selfView.message, w, '  '));
  }

  if (report.gaps.length > 0) {
    out.push('', style.heading('Where the gap is widest'));
    report.gaps.slice(0, MAX_GAPS_SHOWN).forEach((gap, i) => {
      const lagging = gap.lagging.map(item).join('; ');
      out.push(
        wrap(
          `${i + 1}. ${phrases.holds} ${item(gap.asked)}, but what makes it achievable lags behind: ${lagging}.`,
          w,
          '  ',
          '     ',
        ),
      );
      if (gap.source) out.push(style.dim(wrap(`“${gap.source}”`, w, '     ')));
    });
    if (report.gaps.length > MAX_GAPS_SHOWN) {
      out.push(
        style.dim(
          wrap(`…and ${report.gaps.length - MAX_GAPS_SHOWN} more (see --format json or markdown)`, w, '  '),
        ),
      );
    }
  }

  const scoredMissing = report.missingDetails.filter((m) => m.side !== null);
  if (scoredMissing.length > 0) {
    out.push('', style.heading('Not answered, so left out of the score'));
    for (const m of scoredMissing) out.push(wrap(`- ${m.prompt}`, w, '  '));
  }

  if (report.reflections.length > 0) {
    out.push('', style.heading('Your reflections'));
    for (const r of report.reflections) {
      out.push(style.strong(wrap(r.prompt, w, '  ')), wrap(r.answer, w, '    '));
    }
  }

  if (report.commitments.length > 0) {
    out.push('', style.heading(phrases.commitments));
    report.commitments.forEach((c, i) => {
      const about = [c.label, c.due && `by ${c.due}`].filter(Boolean).join(', ');
      // Styled in parts, so colour codes never count as width.
      const parts: [string, (t: string) => string][] = [[`${i + 1}. ${c.text}`, (t) => t]];
      if (about) parts.push([`(${about})`, style.dim]);
      out.push(wrapStyled(parts, w, '  ', '     '));
    });
  }
  return `${out.join('\n')}\n`;
}

const STATUS_MARKS: Record<FollowUpStatus, string> = { kept: '✓', partly: '~', 'not-kept': '✗' };

/** The report opens with how the last round's commitments went. `report` is sanitised already. */
function followUpLines(report: Report, style: Style, width: number): string[] {
  const out = [style.heading(rolePhrases[report.role].followUp)];
  for (const f of report.followUp) {
    const paint = f.status === 'kept' ? style.good : style.warn;
    const mark = `${STATUS_MARKS[f.status]} ${statusWords[f.status]}`;
    out.push(
      wrapStyled(
        [
          [`${f.text}:`, (t) => t],
          [mark, paint],
        ],
        width,
        '  ',
      ),
    );
    if (f.note) out.push(style.dim(wrap(f.note, width, '    ')));
  }
  return out;
}
