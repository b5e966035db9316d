import type { ItemScore, Score } from './score.js';
import type { Answers, Bank, FollowUpStatus, Leaning, Role, Side, View } from './types.js';

export interface ReportItem {
  id: string;
  label: string;
  answer: number | string;
  display: string;
  /** 0–100 */
  score: number;
  weight: number;
}

export interface Report {
  schemaVersion: 1;
  /** What the document is; with schemaVersion first, it tells a report of ours from anyone's JSON. */
  kind: 'assessment';
  bank: { id: string; version: number; title: string };
  /** Whose view this is: the manager's own, or a rep's view of their manager. */
  role: Role;
  respondent: { role?: string; name?: string; date?: string };
  scores: { asked: number; given: number; balance: number };
  leaning: Leaning;
  tolerance: number;
  verdict: string;
  selfView: { answer: string; view: View; matches: boolean | null; message: string } | null;
  gaps: { asked: ReportItem; lagging: ReportItem[]; size: number; source: string | null }[];
  ledgers: Record<Side, { answered: number; total: number; items: ReportItem[] }>;
  missing: string[];
  missingDetails: { id: string; prompt: string; side: Side | null }[];
  reflections: { id: string; prompt: string; answer: string }[];
  /** The commitments made for the next round; `label` is the owed item's, when it names one. */
  commitments: { text: string; item: string | null; label: string | null; due: string | null }[];
  /** How the last round's commitments went (for a rep: how their manager's went). */
  followUp: {
    text: string;
    item: string | null;
    label: string | null;
    status: FollowUpStatus;
    note: string | null;
  }[];
}

const toReportItem = (item: ItemScore): ReportItem => ({
  id: item.id,
  label: item.label,
  answer: item.answer,
  display: item.display,
  score: Math.round(item.normalized * 1000) / 10,
  weight: item.weight,
});

/** How the renderers speak to each role. */
export const rolePhrases: Record<
  Role,
  {
    asked: string;
    given: string;
    holds: string;
    askedShort: string;
    lagShort: string;
    followUp: string;
    commitments: string;
  }
> = {
  manager: {
    asked: 'What you ask of your reps',
    given: 'What you give them',
    holds: 'You hold reps to',
    askedShort: 'We hold reps to',
    lagShort: 'But we lag on',
    followUp: "Last round's commitments",
    commitments: 'Your commitments for the next round',
  },
  rep: {
    asked: 'What your manager asks of you',
    given: 'What your manager gives you',
    holds: 'Your manager holds you to',
    askedShort: 'Your manager holds you to',
    lagShort: 'But lags on',
    followUp: "Your manager's commitments from last round",
    commitments: 'Commitments for the next round',
  },
};

export const statusWords: Record<FollowUpStatus, string> = {
  kept: 'kept',
  partly: 'partly kept',
  'not-kept': 'not kept',
};

export const leaningWords: Record<Leaning, string> = {
  'asks-exceed-gives': 'asks exceed gives',
  balanced: 'balanced',
  'gives-exceed-asks': 'gives exceed asks',
};

const viewWords: Record<View, string> = {
  'out-of-balance': 'out of balance',
  balanced: 'in balance',
  unsure: 'not sure',
};

function selfViewMessage(view: View, matches: boolean | null, leaning: Leaning): string {
  const computed = leaning === 'balanced' ? 'in balance' : 'out of balance';
  if (view === 'unsure') return `You were not sure. The score says they are ${computed}.`;
  if (matches) return `You said they are ${viewWords[view]}, and the score agrees.`;
  return `You said they are ${viewWords[view]}, but the score says they are ${computed}. Worth a second look.`;
}

/**
 * The report model every renderer works from; it is also the JSON output, so its shape is versioned
 * by schemaVersion. Call only with a score whose ledgers could both be scored.
 */
export function buildReport(bank: Bank, answers: Answers, result: Score): Report {
  const { asked, given, balance, leaning } = result;
  if (asked.score === null || given.score === null || balance === null || leaning === null) {
    throw new Error('buildReport needs both ledgers scored');
  }
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const articleQuote = (id: string | undefined): string | null => {
    const source = id === undefined ? undefined : byId.get(id)?.source;
    return source && 'article' in source ? source.article : null;
  };
  const labelOf = (id: string | undefined) => (id === undefined ? null : (byId.get(id)?.label ?? null));
  const respondent: Report['respondent'] = {};
  if (answers.meta.role) respondent.role = answers.meta.role;
  if (answers.meta.respondent) respondent.name = answers.meta.respondent;
  if (answers.meta.date) respondent.date = answers.meta.date;

  return {
    schemaVersion: 1,
    kind: 'assessment',
    bank: { id: bank.id, version: bank.version, title: bank.title },
    role: answers.meta.role ?? 'manager',
    respondent,
    scores: { asked: asked.score, given: given.score, balance },
    leaning,
    tolerance: bank.scoring.tolerance,
    verdict: bank.verdicts[leaning],
    selfView: result.selfView && {
      answer: result.selfView.answer,
      view: result.selfView.view,
      matches: result.selfView.matches,
      message: selfViewMessage(result.selfView.view, result.selfView.matches, leaning),
    },
    gaps: result.gaps.map((gap) => ({
      asked: toReportItem(gap.asked),
      lagging: gap.lagging.map(toReportItem),
      size: gap.size,
      // The line about what we owe explains a gap better than the line about what we ask.
      source: articleQuote(gap.lagging[0]?.id) ?? articleQuote(gap.asked.id),
    })),
    ledgers: {
      asked: { answered: asked.answered, total: asked.total, items: asked.items.map(toReportItem) },
      owed: { answered: given.answered, total: given.total, items: given.items.map(toReportItem) },
    },
    missing: result.missing,
    missingDetails: result.missing.map((id) => {
      const q = byId.get(id);
      return { id, prompt: q?.prompt ?? id, side: q?.side ?? null };
    }),
    reflections: bank.questions.flatMap((q) => {
      const answer = answers.values.get(q.id);
      return q.type === 'text' && typeof answer === 'string' ? [{ id: q.id, prompt: q.prompt, answer }] : [];
    }),
    commitments: (answers.commitments ?? []).map((c) => ({
      text: c.text,
      item: c.item ?? null,
      label: labelOf(c.item),
      due: c.due ?? null,
    })),
    followUp: (answers.followUp ?? []).map((f) => ({
      text: f.text,
      item: f.item ?? null,
      label: labelOf(f.item),
      status: f.status,
      note: f.note ?? null,
    })),
  };
}
