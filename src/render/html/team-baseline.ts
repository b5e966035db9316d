import type { ChangeVerdict, TeamChange } from '../../core/change.js';
import type { GroupModel, TeamReport } from '../../core/team.js';
import type { Role } from '../../core/types.js';
import { changedItems, groupBaselineRows, methodWords, sourceWords } from '../team-baseline.js';
import { plural } from '../team-words.js';
import { dataTable } from './figure.js';
import { type Html, html, type Part } from './markup.js';

// The change since the baseline round (team --baseline) on the team page: the org's, and each team's.

const roleName: Record<Role, string> = { manager: 'managers', rep: 'reps' };

const verdictWords = (verdict: ChangeVerdict) => (verdict === 'within-noise' ? 'within noise' : verdict);

/** A change's cells: the change, and the verdict with its p-value and how many answered before and after. */
function cells(change: TeamChange, digits: number): Part[] {
  if ('withheld' in change) return ['–', `withheld: ${change.withheld}`];
  const text = change.delta.toFixed(digits).replace('-', '−');
  return [
    change.delta > 0 ? `+${text}` : text,
    `${verdictWords(change.verdict)} (p = ${change.p}; n = ${change.n.before} → ${change.n.after})`,
  ];
}

/** The table of changes: narrow enough for a phone inside a team's folded section. */
const changeTable = (rows: Part[][]) =>
  dataTable({
    caption: 'Change since last round: balance in points of 100, items in scale points',
    head: ['What', 'Change', 'Verdict'],
    rows,
    numeric: [1],
    widths: [42, 19, 39],
  });

/** The org's change per view and per item, the largest move first, with how it was tested. */
export function baselineSection(report: TeamReport): Html | null {
  if (!report.baseline) return null;
  const rows: Part[][] = [];
  for (const role of ['manager', 'rep'] as const) {
    const change = report.scores[role].change;
    if (change) rows.push([html`<strong>${roleName[role]}' balance</strong>`, ...cells(change, 1)]);
  }
  for (const item of changedItems(report)) {
    for (const role of ['manager', 'rep'] as const) {
      const change = item.byRole[role].change;
      if (change) rows.push([`${item.label} (${roleName[role]})`, ...cells(change, 2)]);
    }
  }
  return html`<section aria-labelledby="baseline-heading">
<h2 id="baseline-heading">Since last round</h2>
<p class="muted">Against ${sourceWords(report)}. ${methodWords(report)}</p>
${changeTable(rows)}
</section>`;
}

/** One team's change since last round, in short: its views and the item changes that count; the rest counted. */
export function groupBaselinePart(report: TeamReport, group: GroupModel): Html | null {
  const part = groupBaselineRows(report, group);
  if (!part) return null;
  if (part.earlier === null) {
    return html`<h4>Since last round</h4><p class="muted">No team of this name in the baseline round.</p>`;
  }
  const { manager, rep } = part.earlier;
  return html`<h4>Since last round <span class="muted">(then ${plural(manager, 'manager')}, ${plural(rep, 'rep')})</span></h4>
${
  part.rows.length > 0
    ? changeTable(part.rows.map((row) => [row.what, ...cells(row.change, row.digits)]))
    : null
}
${part.rest ? html`<p class="muted">${part.rest}.</p>` : null}`;
}
