import { statusWords } from '../core/report.js';
import type { TeamReport } from '../core/team.js';
import type { FollowUpCounts, TeamCommitment } from '../core/team-commitments.js';
import { FOLLOW_UP_STATUSES } from '../core/types.js';
import { escapeMarkdown } from './markdown.js';
import { sanitize } from './sanitize.js';
import type { Style } from './style.js';
import { fitLine, wrap } from './wrap.js';

// Last round's commitments in the team report: what the manager says of each beside what the reps say.

const HEADING = "Last round's commitments: the manager's account beside the reps'";

/** "kept" for one answer; "3 kept, 1 partly kept" for several; the reason when withheld. */
function countWords(group: FollowUpCounts): string {
  if (group.withheld !== null) return `withheld: ${group.withheld}`;
  if (group.n === 0 || group.counts === null) return 'not answered';
  const { counts } = group;
  if (group.n === 1) return statusWords[FOLLOW_UP_STATUSES.find((s) => counts[s] === 1) ?? 'kept'];
  const parts = FOLLOW_UP_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${statusWords[s]}`);
  return `${parts.join(', ')} (n=${group.n})`;
}

const titleOf = (c: TeamCommitment) => (c.label ? `${c.text} (${c.label})` : c.text);

export function commitmentTextLines(report: TeamReport, style: Style, width: number): string[] {
  if (!report.commitments?.length) return [];
  const out = ['', style.heading(wrap(HEADING, width, '', '  '))];
  for (const c of report.commitments) {
    out.push(wrap(sanitize(titleOf(c)), width, '  ', '    '));
    for (const [who, group] of [
      ['manager', c.manager],
      ['reps', c.rep],
    ] as const) {
      out.push(fitLine(`      ${who.padEnd(9)}${countWords(group)}`, width, '        '));
      for (const note of group.notes)
        out.push(style.dim(wrap(`- ${sanitize(note)}`, width, '        ', '          ')));
    }
  }
  return out;
}

export function commitmentMarkdownLines(report: TeamReport): string[] {
  if (!report.commitments?.length) return [];
  const out = [`### ${HEADING}`, '', '| Commitment | Manager | Reps |', '|---|---|---|'];
  for (const c of report.commitments) {
    out.push(
      `| ${escapeMarkdown(titleOf(c))} | ${escapeMarkdown(countWords(c.manager))} | ${escapeMarkdown(countWords(c.rep))} |`,
    );
  }
  out.push('');
  const notes = report.commitments.flatMap((c) =>
    [...c.manager.notes.map((n) => ['manager', n]), ...c.rep.notes.map((n) => ['reps', n])].map(
      ([who, note]) => `- ${escapeMarkdown(c.text)} (${who}): ${escapeMarkdown(note ?? '')}`,
    ),
  );
  if (notes.length > 0) out.push(...notes, '');
  return out;
}
