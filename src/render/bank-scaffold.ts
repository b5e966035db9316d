import { isMap, isScalar, isSeq, type Node, Parser, parseDocument } from 'yaml';
import { type FieldNotes, noteFor } from '../core/field-notes.js';
import { visible } from './sanitize.js';

export interface ScaffoldOptions {
  /** The new bank's id. */
  id: string;
  /** Where it is written, for the header's commands. */
  file: string;
  /** The `# yaml-language-server: $schema=…` line that goes first. */
  schemaLine: string;
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

const WIDTH = 110;

/**
 * A bank to start from: the given (valid) bank's text as written, with its own comments removed, a new id and
 * version 1, and each field explained by a comment at its first use. Edits the text rather than re-printing the
 * document, so the layout (folded paragraphs, flow lists) stays as the bank's author wrote it. A character a
 * terminal would obey (YAML forbids most of them raw anyway) is written as its escape: in a double-quoted
 * string that is the same character, elsewhere the visible text of it.
 */
export function renderBankScaffold(bankText: string, notes: FieldNotes, options: ScaffoldOptions): string {
  const doc = parseDocument(bankText);
  const edits: Edit[] = [...commentRanges(bankText)];
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
      const range = pair.value.range;
      const replacement =
        pair.key.value === 'id' ? options.id : pair.key.value === 'version' ? '1' : undefined;
      if (range && replacement !== undefined) edits.push({ from: range[0], to: range[1], text: replacement });
    }
  }
  const inserts = new Map<number, string[]>();
  annotate(root, [], { text: bankText, notes: notes.bank, seen: new Set(), inserts });
  for (const [at, lines] of inserts) edits.push({ from: at, to: at, text: lines.join('') });

  let text = bankText;
  for (const edit of edits.sort((a, b) => b.from - a.from || b.to - a.to)) {
    text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
  }
  const header = notes.scaffold
    .replaceAll('{file}', options.file)
    .split('\n')
    .flatMap((line) => wrap(line, '', WIDTH));
  const scaffold = `${[options.schemaLine, ...header].join('\n')}\n\n${text.replace(/^\s*\n/, '')}`;
  return visible(scaffold, { keepLayout: true });
}

interface Walk {
  text: string;
  notes: Record<string, string>;
  seen: Set<string>;
  inserts: Map<number, string[]>;
}

function annotate(node: unknown, path: string[], walk: Walk): void {
  if (isSeq(node)) {
    for (const item of node.items) annotate(item, [...path, '[]'], walk);
    return;
  }
  if (!isMap(node)) return;
  node.items.forEach((pair, i) => {
    if (!isScalar(pair.key)) return;
    const key = String(pair.key.value);
    const segments = [...path, key];
    const notePath = noteFor(walk.notes, segments);
    const offset = pair.key.range?.[0];
    if (notePath !== undefined && offset !== undefined && !walk.seen.has(notePath)) {
      walk.seen.add(notePath);
      const lineStart = walk.text.lastIndexOf('\n', offset - 1) + 1;
      const before = walk.text.slice(lineStart, offset);
      // The first key of a list item shares its line with the dash: the comment goes above the dash.
      const dash = i === 0 ? /^(\s*)-\s+$/.exec(before) : null;
      const indent = dash ? (dash[1] ?? '') : before.replace(/\S.*$/, '');
      const note = dash ? `${key}: ${walk.notes[notePath]}` : (walk.notes[notePath] ?? '');
      const lines = walk.inserts.get(lineStart) ?? [];
      lines.push(...wrap(note, indent, WIDTH).map((line) => `${line}\n`));
      walk.inserts.set(lineStart, lines);
    }
    annotate(pair.value as Node | null, segments, walk);
  });
}

/** Every comment of the text, as an edit that removes it (a whole line when the comment has it to itself). */
function commentRanges(text: string): Edit[] {
  const comments: { offset: number; source: string }[] = [];
  const visit = (token: unknown): void => {
    if (Array.isArray(token)) token.forEach(visit);
    else if (token && typeof token === 'object') {
      const t = token as { type?: string; offset?: number; source?: string };
      if (t.type === 'comment' && t.offset !== undefined && t.source !== undefined)
        comments.push({ offset: t.offset, source: t.source });
      for (const value of Object.values(token)) if (typeof value === 'object') visit(value);
    }
  };
  for (const token of new Parser().parse(text)) visit(token);
  return comments.map(({ offset, source }) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const end = offset + source.length;
    if (text.slice(lineStart, offset).trim() === '') {
      return { from: lineStart, to: text[end] === '\n' ? end + 1 : end, text: '' };
    }
    const from = offset - (/\s*$/.exec(text.slice(lineStart, offset))?.[0].length ?? 0);
    return { from, to: end, text: '' };
  });
}

/** Words wrapped into `# ` comment lines no wider than `width`. */
function wrap(note: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = `${indent}#`;
  for (const word of note.split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > width && line !== `${indent}#`) {
      lines.push(line);
      line = `${indent}#`;
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
