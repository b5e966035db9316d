import { leaningWords } from '../../core/report.js';
import type { GroupModel } from '../../core/team.js';
import type { Role } from '../../core/types.js';
import { gapFigures, overallLine, rateWords, saidLine, voices, withheldByReason } from '../team-words.js';
import { dumbbellChart } from './dumbbell.js';
import { dataTable } from './figure.js';
import { type Html, html, oneDecimal, type Part, signed } from './markup.js';

// Each team of an org (team --by team|folder) as a folded section of its own: the page stays a list of 40 lines
// until a reader opens the team they care about. Everything drawn comes from the group's model, which holds
// nothing that is withheld (null figures, empty comments): the page cannot show what it was never given.

const roles: Role[] = ['manager', 'rep'];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function viewName(role: Role, respondents: number): string {
  if (role === 'rep') return 'Reps';
  return respondents === 1 ? 'The manager' : 'Managers';
}

/** The closed line: who answered, both balances, the widest gap. */
function summaryLine(group: GroupModel): Html {
  const balance = (role: Role) => {
    const view = group.scores[role];
    const who = role === 'rep' ? 'reps' : group.respondents.manager === 1 ? 'manager' : 'managers';
    return view.withheld === null ? `${who} ${oneDecimal(view.balance)}` : `${who} withheld`;
  };
  const widest = group.perceptionGaps[0];
  const facts = [
    `${count(group.respondents.manager, 'manager', 'managers')} + ${count(group.respondents.rep, 'rep', 'reps')}`,
    `balance: ${balance('manager')} · ${balance('rep')}`,
    ...(widest ? [`widest gap: ${widest.label} (${signed(widest.gap)})`] : []),
  ];
  return html`<summary><span class="group-name">${group.team}</span> <span class="group-facts">${facts.join(' · ')}</span></summary>`;
}

/** Both views as two lines, not a table: six columns do not fit a phone's width inside a folded section. */
function views(group: GroupModel): Html {
  const line = (role: Role) => {
    const view = group.scores[role];
    const who = html`<strong>${viewName(role, group.respondents.manager)}</strong> (${count(view.respondents, 'answer', 'answers')})`;
    if (view.withheld !== null) return html`<li>${who}: withheld, ${view.withheld}.</li>`;
    return html`<li>${who}: balance <strong>${oneDecimal(view.balance)}</strong> of 100, ${leaningWords[view.leaning]} (asked ${oneDecimal(view.asked)}, given ${oneDecimal(view.given)}).</li>`;
  };
  return html`<ul class="plain group-views">${roles.map(line)}</ul>`;
}

/** The three owed items the reps see most differently, in the bank's words, with what to discuss. */
function differences(group: GroupModel, threshold: number): Html {
  const who = voices(group.respondents.manager, true);
  const top = group.perceptionGaps.slice(0, 3);
  const overall = overallLine(group.selfOther, threshold, who);
  if (top.length === 0) {
    return html`<p class="notice">Nothing to compare: it needs a manager and enough reps answering an owed item.</p>`;
  }
  return html`<h4>What the reps see most differently</h4>
<ol class="plain differences">${top.map(
    (gap) =>
      html`<li><strong>${gap.label}</strong>: ${saidLine(gap, who)} (${gapFigures(gap, who)}).${gap.discuss ? html` <span class="muted">Discuss: ${gap.discuss}</span>` : null}</li>`,
  )}</ol>
${overall ? html`<p>${overall}</p>` : null}`;
}

/**
 * The perception gap of every owed item: the chart draws those with both sides shown, largest first; the table
 * lists every owed item the manager rated, "withheld" where the reps' figures are.
 */
function perception(group: GroupModel, id: string): Html | null {
  const gaps = group.perceptionGaps;
  const withheld = group.items.filter(
    (item) =>
      item.side === 'owed' &&
      item.scale !== null &&
      item.byRole.manager.mean !== null &&
      !gaps.some((g) => g.id === item.id),
  );
  if (gaps.length === 0 && withheld.length === 0) return null;
  const scales = [...gaps.map((g) => g.scale), ...withheld.flatMap((i) => (i.scale ? [i.scale] : []))];
  const min = Math.min(...scales.map((s) => s.min));
  const max = Math.max(...scales.map((s) => s.max));
  const manager = group.respondents.manager === 1 ? 'Manager' : 'Managers';
  const table = dataTable({
    caption: `Perception gap per owed item: ratings on the scale (${min}–${max}); gap = ${manager.toLowerCase()} − reps`,
    head: ['What is owed to reps', manager, 'Reps', 'Gap'],
    rows: [
      ...gaps.map((g) => [g.label, oneDecimal(g.manager), oneDecimal(g.rep), signed(g.gap)]),
      ...withheld.map((item) => [
        item.label,
        oneDecimal(item.byRole.manager.mean as number),
        'withheld',
        '–',
      ]),
    ],
    numeric: [1, 2, 3],
    widths: [40, 22, 20, 18],
  });
  if (gaps.length === 0) return html`<h4>Perception gap</h4>${table}`;
  return dumbbellChart({
    id: `${id}-perception`,
    title: `Perception gap, team ${group.team}`,
    summary: `Largest gap first. ${gaps
      .slice(0, 3)
      .map((g) => `${g.label}: ${manager.toLowerCase()} ${oneDecimal(g.manager)}, reps ${oneDecimal(g.rep)}.`)
      .join(' ')}`,
    legend: [
      { label: manager, shape: 'square' },
      { label: 'Reps (mean)', shape: 'circle' },
    ],
    names: { a: manager, b: 'Reps (mean)' },
    scale: { min, max },
    rows: gaps.map((g) => ({ label: g.label, a: g.manager, b: g.rep })),
    table,
  });
}

function withheldList(group: GroupModel): Html | null {
  const reasons = withheldByReason(group);
  if (reasons.length === 0) return null;
  return html`<div class="notice withheld"><strong>Withheld, and why</strong><ul class="plain">${reasons.map(
    (r) => html`<li>${r.parts.join('; ')}: ${r.reason}.</li>`,
  )}</ul></div>`;
}

function reflections(group: GroupModel): Html | null {
  if (group.reflections.length === 0) return null;
  return html`<h4>Reflections, without names</h4>
<div class="reflections">${group.reflections.map(
    (r) =>
      html`<div class="reflection"><h5>${r.prompt} <span class="muted">(${r.role === 'rep' ? 'reps' : 'managers'})</span></h5>
${r.withheld ? html`<p class="muted">Withheld: ${r.withheld}.</p>` : html`<ul class="plain">${r.answers.map((a) => html`<li>${a}</li>`)}</ul>`}</div>`,
  )}</div>`;
}

/** One team's section, folded; `extra` is what a report adds to every team (the change since last round). */
export function groupSection(group: GroupModel, index: number, threshold: number, extra?: Part): Html {
  const id = `team-${index + 1}`;
  return html`<details class="group" id="${id}">
${summaryLine(group)}
<div class="group-body">
${group.responseRate ? html`<p>${rateWords(group.responseRate)}.</p>` : null}
${views(group)}
${differences(group, threshold)}
${perception(group, id)}
${withheldList(group)}
${extra}
${reflections(group)}
</div>
</details>`;
}

/** Every team, in the report's order, each folded under its one-line summary. */
export function groupsSection(
  groups: GroupModel[],
  threshold: number,
  extra?: (g: GroupModel) => Part,
): Html {
  return html`<section aria-labelledby="teams-heading">
<h2 id="teams-heading">Each team</h2>
<p class="muted intro">Open a team to see its views, where its reps see things differently, and what is withheld.</p>
<div class="groups">${groups.map((group, i) => groupSection(group, i, threshold, extra?.(group)))}</div>
</section>`;
}
