import { leaningWords } from '../../core/report.js';
import type { RoleStats, TeamItem, TeamReport, TeamView } from '../../core/team.js';
import type { Bank, Role, Side } from '../../core/types.js';
import { type BarGroup, barChart } from './bars.js';
import { type DivergingCategory, divergingChart, shadeClasses, sideOf } from './diverging.js';
import { dumbbellChart } from './dumbbell.js';
import { dataTable } from './figure.js';
import { groupsSection } from './groups.js';
import { type Html, html, oneDecimal, type Part, signed } from './markup.js';
import { orgSection } from './org.js';
import { htmlPage } from './page.js';
import { leaningBadge } from './report-page.js';
import { baselineSection, groupBaselinePart } from './team-baseline.js';

const roles: Role[] = ['manager', 'rep'];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function viewName(role: Role, respondents: number): string {
  if (role === 'rep') return "Reps' view";
  return respondents === 1 ? "The manager's view" : "Managers' view";
}

const sideWords: Record<Side, string> = { asked: 'what is asked of reps', owed: 'what is owed to reps' };

/** An answer category of an item, in scale order: `key` as the distribution counts it, `code` for the table. */
interface Category extends DivergingCategory {
  key: string;
  code: string;
}

/** The labels an item's answers can carry; the team model may hold them, else the bank does. */
interface ItemScale {
  id: string;
  type: TeamItem['type'];
  scale: { min: number; max: number; labels?: Record<string, string> } | null;
  choices?: { value: string; label: string; score: number | null }[] | null;
}

/**
 * An item's categories for the diverging bars: the points of its scale, or its scored choices by score.
 * Null when its answers have no order (an unscored choice).
 */
export function categoriesOf(item: ItemScale, role: Role, bank?: Bank): Category[] | null {
  if (!item.scale) return null;
  const { min, max } = item.scale;
  const question = bank?.questions.find((q) => q.id === item.id);
  if (item.type === 'scale') {
    const labels = item.scale.labels ?? question?.scale?.labels ?? {};
    const out: Category[] = [];
    for (let p = min; p <= max; p++) {
      const key = String(p);
      out.push({
        key,
        code: key,
        label: labels[key] ? `${p} · ${labels[key]}` : key,
        side: sideOf(p, min, max),
      });
    }
    return out;
  }
  const choices =
    item.choices ??
    question?.choices?.map((c) => ({
      value: c.value,
      label: (role === 'rep' ? c.rep?.label : undefined) ?? c.label,
      score: c.score ?? null,
    }));
  const scored = (choices ?? []).flatMap((c) => (c.score === null ? [] : [{ ...c, score: c.score }]));
  if (scored.length === 0) return null;
  return [...scored]
    .sort((a, b) => a.score - b.score)
    .map((c, i) => ({
      key: c.value,
      code: String(i + 1),
      label: `${i + 1} · ${c.label}`,
      side: sideOf(c.score, min, max),
    }));
}

function viewsSection(report: TeamReport): Html {
  const cards = roles.map((role) => {
    const view = report.scores[role];
    const name = viewName(role, view.respondents);
    if (view.withheld !== null) {
      return html`<div class="card"><h3>${name}</h3><p class="muted">Withheld: ${view.withheld}.</p></div>`;
    }
    return html`<div class="card"><h3>${name} · ${count(view.respondents, 'answer', 'answers')}</h3>
<div class="score-line"><span class="big">${oneDecimal(view.balance)} <small>of 100 balance</small></span>${leaningBadge(view.leaning)}</div></div>`;
  });
  const shown = roles.flatMap((role) => {
    const view = report.scores[role];
    return view.withheld === null ? [{ role, view }] : [];
  });
  const groups: BarGroup[] = shown.map(({ role, view }) => ({
    heading: viewName(role, view.respondents),
    bars: [
      { label: 'Asked of reps', value: view.asked, valueText: oneDecimal(view.asked), kind: 'asked' },
      { label: 'Given to reps', value: view.given, valueText: oneDecimal(view.given), kind: 'given' },
    ],
  }));
  const row = (role: Role, view: TeamView): Part[] =>
    view.withheld === null
      ? [
          viewName(role, view.respondents),
          String(view.respondents),
          oneDecimal(view.asked),
          oneDecimal(view.given),
          html`<strong>${oneDecimal(view.balance)}</strong>`,
          leaningWords[view.leaning],
        ]
      : [
          viewName(role, view.respondents),
          String(view.respondents),
          '–',
          '–',
          '–',
          `withheld: ${view.withheld}`,
        ];
  const chart =
    groups.length === 0
      ? null
      : barChart({
          id: 'views',
          title: 'Both views of the two ledgers',
          summary: shown
            .map(
              ({ role, view }) =>
                `${viewName(role, view.respondents)}: asked ${oneDecimal(view.asked)}, given ${oneDecimal(view.given)}, balance ${oneDecimal(view.balance)}, ${leaningWords[view.leaning]}.`,
            )
            .join(' '),
          legend: [
            { label: 'Asked of reps (hatched)', swatch: 'bar-asked' },
            { label: 'Given to reps (solid)', swatch: 'bar-given' },
          ],
          groups,
          max: 100,
          ticks: [0, 25, 50, 75, 100],
          table: dataTable({
            caption: 'Scores, 0–100, by view',
            head: ['View', 'n', 'Asked', 'Given', 'Balance', 'Leaning'],
            rows: roles.map((role) => row(role, report.scores[role])),
            numeric: [1, 2, 3, 4],
            widths: [23, 7, 15, 15, 16, 24],
          }),
        });
  return html`<section aria-labelledby="views-heading">
<h2 id="views-heading">The balance, as managers and reps see it</h2>
<div class="views">${cards}</div>
${topDifferences(report)}
${chart}
</section>`;
}

/** The three owed items managers and reps rate most differently, in words: the first thing a retro discusses. */
function topDifferences(report: TeamReport): Html | null {
  const top = report.perceptionGaps.slice(0, 3);
  if (top.length === 0) return null;
  return html`<div class="card differences"><h3>Where managers and reps differ most</h3><ol class="plain">${top.map(
    (gap) =>
      html`<li><strong>${gap.label}</strong>: managers rate it ${oneDecimal(gap.manager)} of ${String(gap.scale.max)}; reps rate it ${oneDecimal(gap.rep)} (${signed(gap.gap)}).</li>`,
  )}</ol></div>`;
}

function perceptionSection(report: TeamReport): Html {
  const gaps = report.perceptionGaps;
  if (gaps.length === 0) {
    return html`<section aria-labelledby="perception-heading">
<h2 id="perception-heading">Perception gap</h2>
<p class="notice">None to show: it needs a manager and at least ${String(report.minGroup)} reps answering an owed item.</p>
</section>`;
  }
  const min = Math.min(...gaps.map((g) => g.scale.min));
  const max = Math.max(...gaps.map((g) => g.scale.max));
  const managers = report.respondents.manager === 1 ? 'Manager' : 'Managers (mean)';
  const chart = dumbbellChart({
    id: 'perception',
    title: 'What is owed to reps: as managers rate it, and as reps rate it',
    summary: `Largest gap first. ${gaps
      .slice(0, 3)
      .map((g) => `${g.label}: managers ${oneDecimal(g.manager)}, reps ${oneDecimal(g.rep)}.`)
      .join(' ')}`,
    legend: [
      { label: managers, shape: 'square' },
      { label: 'Reps (mean)', shape: 'circle' },
    ],
    names: { a: managers, b: 'Reps (mean)' },
    scale: { min, max },
    rows: gaps.map((g) => ({ label: g.label, a: g.manager, b: g.rep })),
    table: dataTable({
      caption: `Ratings on the scale (${min}–${max}); gap = managers − reps, largest first`,
      head: ['What is owed to reps', 'Managers', 'Reps', 'Gap'],
      rows: gaps.map((g) => [g.label, oneDecimal(g.manager), oneDecimal(g.rep), signed(g.gap)]),
      numeric: [1, 2, 3],
      widths: [44, 22, 16, 18],
    }),
  });
  const withheld = report.items.filter((i) => i.side === 'owed' && i.byRole.rep.withheld !== null);
  return html`<section aria-labelledby="perception-heading">
<h2 id="perception-heading">Perception gap</h2>
<p class="muted intro">A positive gap: managers think they give more than reps say they receive.</p>
${chart}
${withheld.length > 0 ? html`<p class="notice">Not shown, fewer than ${String(report.minGroup)} reps answered: ${withheld.map((i) => i.label).join('; ')}.</p>` : null}
</section>`;
}

interface DistributionGroup {
  role: Role;
  side: Side;
  categories: Category[];
  items: { item: TeamItem; stats: RoleStats }[];
}

/** Items grouped into one chart per role, ledger and answer scale (a chart has one key). */
function distributionGroups(report: TeamReport, bank?: Bank): DistributionGroup[] {
  const groups = new Map<string, DistributionGroup>();
  for (const role of roles) {
    // One answer is not a distribution: a lone manager's ratings are in the perception gap and the tables.
    if (report.respondents[role] < 2) continue;
    for (const item of report.items) {
      const stats = item.byRole[role];
      if (item.side === null || stats.withheld !== null || stats.n === 0 || !stats.distribution) continue;
      const categories = categoriesOf(item, role, bank);
      if (!categories) continue;
      const key = [role, item.side, ...categories.map((c) => `${c.key}=${c.label}`)].join('\u0000');
      const group = groups.get(key) ?? { role, side: item.side, categories, items: [] };
      group.items.push({ item, stats });
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

function distributionsSection(report: TeamReport, bank?: Bank): Html | null {
  const groups = distributionGroups(report, bank);
  if (groups.length === 0) return null;
  const figures = groups.map((group, index) => {
    const who = group.role === 'rep' ? 'Reps' : 'Managers';
    const shades = shadeClasses(group.categories);
    const rows = group.items.map(({ item, stats }) => ({
      label: item.label,
      counts: group.categories.map((c) => stats.distribution?.[c.key] ?? 0),
    }));
    return divergingChart({
      id: `answers-${index + 1}`,
      title: `${who}: ${sideWords[group.side]}`,
      summary: `How ${who.toLowerCase()} answered each item, as shares of those who answered: below the scale's middle to the left of the centre line, above it to the right. ${rows
        .map(
          (r, i) =>
            `${r.label}: ${group.categories.map((c, j) => `${r.counts[j]} ${c.label}`).join(', ')}${i < rows.length - 1 ? ';' : '.'}`,
        )
        .join(' ')}`,
      legend: group.categories.map((c, i) => ({ label: c.label, swatch: shades[i] ?? 'd-0' })),
      categories: group.categories,
      rows,
      table: dataTable({
        caption: 'Answers per point of the scale (counts), with the mean',
        head: ['Item', 'n', 'Mean', ...group.categories.map((c) => c.code)],
        rows: group.items.map(({ item, stats }) => [
          item.label,
          String(stats.n),
          stats.mean === null ? '–' : oneDecimal(stats.mean),
          ...group.categories.map((c) => String(stats.distribution?.[c.key] ?? 0)),
        ]),
        numeric: [1, 2, ...group.categories.map((_, i) => i + 3)],
        widths: columnWidths(group.categories.length),
      }),
    });
  });
  return html`<section class="team-part" aria-labelledby="answers-heading">
<h2 id="answers-heading">How each item was answered</h2>
<p class="muted intro">Each bar is 100% of those who answered, centred on the middle of the scale (Heiberger &amp; Robbins, 2014).</p>
${figures}
</section>`;
}

/** The item's name, n and mean, then the categories sharing what is left. */
function columnWidths(categories: number): number[] {
  return [38, 8, 14, ...Array<number>(categories).fill(40 / categories)];
}

function reflectionsSection(report: TeamReport): Html | null {
  if (report.reflections.length === 0) return null;
  return html`<section class="team-part" aria-labelledby="reflections-heading">
<h2 id="reflections-heading">Reflections, without names</h2>
<div class="reflections">${report.reflections.map(
    (
      r,
    ) => html`<div class="reflection"><h3>${r.prompt} <span class="muted">(${r.role === 'rep' ? 'reps' : 'managers'})</span></h3>
${r.withheld ? html`<p class="muted">Withheld: ${r.withheld}.</p>` : html`<ul class="plain">${r.answers.map((a) => html`<li>${a}</li>`)}</ul>`}</div>`,
  )}</div>
</section>`;
}

function peopleSection(report: TeamReport): Html | null {
  if (!report.people) return null;
  const figure = (n: number | null) => (n === null ? '–' : oneDecimal(n));
  return html`<section class="team-part" aria-labelledby="people-heading">
<h2 id="people-heading">People</h2>
${dataTable({
  caption: 'Each respondent (shown because of --show-names)',
  head: ['Name', 'Role', 'Asked', 'Given', 'Balance'],
  rows: report.people.map((p) => [p.name, p.role, figure(p.asked), figure(p.given), figure(p.balance)]),
  numeric: [2, 3, 4],
  widths: [36, 16, 16, 16, 16],
})}
</section>`;
}

function skippedSection(report: TeamReport): Html | null {
  if (report.skipped.length === 0) return null;
  return html`<section class="team-part" aria-labelledby="skipped-heading">
<h2 id="skipped-heading">Skipped (${String(report.skippedCount)} invalid)</h2>
<ul class="plain">${report.skipped.map((s) => html`<li>${s.reason}</li>`)}</ul>
</section>`;
}

/**
 * The team report as one self-contained page. `bank` only supplies the words of the scale points and choices
 * when the report does not carry them.
 */
export function renderTeamHtml(report: TeamReport, bank?: Bank): string {
  const { manager, rep } = report.respondents;
  return htmlPage({
    title: `${report.bank.title} — team retro`,
    eyebrow: 'Team retro',
    heading: report.bank.title,
    meta: [`${count(manager, 'manager', 'managers')} and ${count(rep, 'rep', 'reps')} answered`],
    body: html`${viewsSection(report)}
${report.summary ? orgSection(report.summary.ranking, report.summary.heatmap) : null}
${baselineSection(report)}
${report.groups && report.groups.length > 0 ? groupsSection(report.groups, report.selfOtherThreshold, (group) => groupBaselinePart(report, group)) : null}
${perceptionSection(report)}
${distributionsSection(report, bank)}
${reflectionsSection(report)}
${peopleSection(report)}
${skippedSection(report)}`,
  });
}
