import type { Bank, Question } from '../core/types.js';
import { jsonDocument } from './json.js';
import { sanitizeAll } from './sanitize.js';

export interface QuestionListing {
  id: string;
  section: string;
  type: Question['type'];
  side: Question['side'] | null;
  prompt: string;
  weight: number;
  scale?: { min: number; max: number; labels: Record<string, string> };
  choices?: { value: string; label: string; score: number | null }[];
  supportedBy?: string[];
}

export function listQuestions(bank: Bank): QuestionListing[] {
  return bank.questions.map((q) => {
    const listing: QuestionListing = {
      id: q.id,
      section: q.section,
      type: q.type,
      side: q.side ?? null,
      prompt: q.prompt,
      weight: q.weight,
    };
    if (q.type === 'scale' && q.scale)
      listing.scale = { min: q.scale.min, max: q.scale.max, labels: q.scale.labels };
    if (q.choices)
      listing.choices = q.choices.map((c) => ({ value: c.value, label: c.label, score: c.score ?? null }));
    if (q.supportedBy.length > 0) listing.supportedBy = q.supportedBy;
    return listing;
  });
}

export function renderQuestionsJson(bank: Bank): string {
  const document = {
    bank: { id: bank.id, version: bank.version, title: bank.title },
    questions: listQuestions(bank),
  };
  return jsonDocument(document);
}

export function renderQuestionsText(source: Bank): string {
  const bank = sanitizeAll(source);
  const out = [`${bank.title} (bank ${bank.id}, version ${bank.version})`];
  for (const section of bank.sections) {
    out.push('', section.title);
    for (const q of listQuestions(bank).filter((l) => l.section === section.id)) {
      const kind = q.side ? `${q.side}, ${q.type}` : q.type;
      const weight = q.weight !== 1 && q.side ? `, weight ${q.weight}` : '';
      out.push(`  ${q.id.padEnd(24)} ${q.prompt} [${kind}${weight}]`);
    }
  }
  return `${out.join('\n')}\n`;
}
