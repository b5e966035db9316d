import type { Bank, Question } from '../core/types.js';
import { sanitizeAll } from './sanitize.js';
import { layoutWidth, wrapPieces } from './wrap.js';

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

/** The width of the id column; narrower than ID_WIDTH + QUESTION_WIDTH, each prompt goes under its id. */
const ID_WIDTH = 24;
const QUESTION_WIDTH = 40;

/**
 * The questions by section, each with its id, prompt, kind and weight. Without a width (a file, a pipe), one line
 * each, to grep; with one (a terminal), laid out for it.
 */
export function renderQuestionsText(source: Bank, width?: number): string {
  const bank = sanitizeAll(source);
  const w = width === undefined ? Number.POSITIVE_INFINITY : layoutWidth(width);
  // Pieces, not words: the kind in brackets stays on one line.
  const lay = (pieces: string[], indent = '', hanging = indent) =>
    width === undefined ? indent + pieces.join(' ') : wrapPieces(pieces, w, indent, hanging, ' ');
  const words = (text: string) => text.split(' ').filter(Boolean);
  const out = [lay(words(`${bank.title} (bank ${bank.id}, version ${bank.version})`), '', '  ')];
  const beside = w >= 2 + ID_WIDTH + 1 + QUESTION_WIDTH;
  for (const section of bank.sections) {
    out.push('', lay(words(section.title), '', '  '));
    for (const q of listQuestions(bank).filter((l) => l.section === section.id)) {
      const kind = q.side ? `${q.side}, ${q.type}` : q.type;
      const weight = q.weight !== 1 && q.side ? `, weight ${q.weight}` : '';
      const text = [...words(q.prompt), `[${kind}${weight}]`];
      if (beside) out.push(lay(text, `  ${q.id.padEnd(ID_WIDTH)} `, ''.padEnd(ID_WIDTH + 3)));
      else out.push(`  ${q.id}`, lay(text, '    '));
    }
  }
  return `${out.join('\n')}\n`;
}
