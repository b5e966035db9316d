import type { Answers, Bank, Commitment, FollowUp, Question } from '../core/types.js';
import { escapeUnsafeInJson, sanitize, sanitizeAll } from './sanitize.js';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A double-quoted YAML scalar (JSON's escapes are YAML's too) that keeps the value exactly and is safe to print. */
const quoted = (value: string | number) => escapeUnsafeInJson(JSON.stringify(value));

function allowedComment(q: Question): string[] {
  if (q.type === 'text') return ['  #   (free text; leave empty to skip)'];
  if (q.type === 'choice') return (q.choices ?? []).map((c) => `  #   ${c.value}: ${oneLine(c.label)}`);
  const scale = q.scale;
  if (!scale) return [];
  const points: string[] = [];
  for (let n = scale.min; n <= scale.max; n++) {
    const label = scale.labels[String(n)];
    points.push(label ? `${n} ${oneLine(label)}` : String(n));
  }
  return [`  #   ${points.join(' · ')}`];
}

/**
 * An answers file as YAML, with each prompt and its allowed values as comments. With no answers it is the blank
 * template; with answers it is what --save-answers writes, so a saved run reads like a filled-in template.
 * `schemaLine` (a `# yaml-language-server: $schema=…` comment) goes first, for editors.
 */
export function renderAnswersFile(
  source: Bank,
  answers?: Answers,
  schemaLine?: string,
  toFollowUp?: FollowUpToAsk,
): string {
  // The bank's words only go into comments and keys: a comment is one line, and the file may be printed.
  const bank = sanitizeAll(source);
  const meta = answers?.meta ?? {};
  const out = [
    ...(schemaLine === undefined ? [] : [schemaLine]),
    `# Answers for "${oneLine(bank.title)}" (bank ${bank.id}, version ${bank.version}).`,
    '# Leave an answer empty to skip it: a skipped question is left out of the score, never counted as 0.',
    '# Score it with: who-failed-whom --answers this-file.yaml',
    `bank: ${bank.id}`,
    `bankVersion: ${bank.version}`,
    `role: ${meta.role ?? 'manager'}`,
    `respondent:${meta.respondent ? ` ${quoted(meta.respondent)}` : ''}`,
    // Optional: the team, for `team --by team` across a sales org.
    `team:${meta.team ? ` ${quoted(meta.team)}` : ''}`,
    `date:${meta.date ? ` ${quoted(meta.date)}` : ''}`,
    ...followUpLines(answers?.followUp ?? []),
    ...(toFollowUp ? followUpToAskLines(toFollowUp) : []),
    'answers:',
  ];
  for (const section of bank.sections) {
    const questions = bank.questions.filter((q) => q.section === section.id);
    if (questions.length === 0) continue;
    out.push('', `  # ── ${oneLine(section.title)} ──`);
    for (const q of questions) {
      const value = answers?.values.get(q.id);
      out.push(`  # ${oneLine(q.prompt)}`, ...allowedComment(q));
      out.push(`  ${q.id}:${value === undefined ? '' : ` ${quoted(value)}`}`);
    }
  }
  out.push(...commitmentLines(answers?.commitments ?? []));
  return `${out.join('\n')}\n`;
}

/** `key: "value"` for each field that is set, as one item of a YAML list. */
function listItem(fields: [string, string | undefined][]): string[] {
  return fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${quoted(value)}`);
}

/** Commitments a template asks about: each with its status (and a note) left to fill in. */
export interface FollowUpToAsk {
  commitments: Commitment[];
  /** The question, as the bank words it ("Did your manager keep this?"). */
  prompt: string;
}

function followUpToAskLines({ commitments, prompt }: FollowUpToAsk): string[] {
  return [
    `# ${oneLine(sanitize(prompt))} For each: status kept, partly or not-kept (empty: not answered), and a note if you like.`,
    'followUp:',
    ...commitments.flatMap((c) => [
      ...listItem([
        ['text', c.text],
        ['item', c.item],
      ]),
      '    status:',
      '    note:',
    ]),
  ];
}

function followUpLines(followUp: FollowUp[]): string[] {
  if (followUp.length === 0) return [];
  return [
    "# How the last round's commitments went: status is kept, partly or not-kept.",
    'followUp:',
    ...followUp.flatMap((f) =>
      listItem([
        ['text', f.text],
        ['item', f.item],
        ['status', f.status],
        ['note', f.note],
      ]),
    ),
  ];
}

function commitmentLines(commitments: Commitment[]): string[] {
  if (commitments.length === 0) return [];
  return [
    '',
    '# What you commit to before the next round, which starts by asking how each went.',
    'commitments:',
    ...commitments.flatMap((c) =>
      listItem([
        ['item', c.item],
        ['text', c.text],
        ['due', c.due],
      ]),
    ),
  ];
}
