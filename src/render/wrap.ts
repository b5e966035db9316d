// Text laid out for a terminal of a given width: words are moved to the next line, never split. Widths are
// counted in characters; every line this tool wraps is plain text (colour is added after wrapping).

/** The narrowest terminal laid out for; anything narrower gets this width's layout. */
export const MIN_WIDTH = 40;

/** The width to lay out for: the terminal's, within bounds (a line longer than `max` is hard to read). */
export function layoutWidth(columns: number | undefined, max = 100): number {
  return Math.max(MIN_WIDTH, Math.min(columns ?? 80, max));
}

/**
 * Word-wraps to `width`; continuation lines take `hanging` (the indent by default), for numbered items. A word
 * longer than a line gets a line of its own, unbroken.
 */
export function wrap(text: string, width: number, indent = '', hanging = indent): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = lines.length === 0 ? indent : hanging;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line);
        prefix = hanging;
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(prefix + line);
  }
  return lines.join('\n');
}

/**
 * Like wrap(), for text in parts that are styled differently: each word keeps its part's style, and lines break
 * between words as they would in the plain text.
 */
export function wrapStyled(
  parts: readonly (readonly [string, (text: string) => string])[],
  width: number,
  indent = '',
  hanging = indent,
): string {
  const words = parts.flatMap(([text, paint]) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => ({ word, paint })),
  );
  const lines: string[] = [];
  let line: typeof words = [];
  let length = 0;
  const flush = () => {
    const prefix = lines.length === 0 ? indent : hanging;
    // Words of one style are painted together: one pair of colour codes per run, not per word.
    const runs: { text: string; paint: (text: string) => string }[] = [];
    for (const { word, paint } of line) {
      const last = runs.at(-1);
      if (last && last.paint === paint) last.text += ` ${word}`;
      else runs.push({ text: word, paint });
    }
    lines.push(prefix + runs.map(({ text, paint }) => paint(text)).join(' '));
  };
  for (const entry of words) {
    const prefix = lines.length === 0 ? indent : hanging;
    if (line.length > 0 && prefix.length + length + 1 + entry.word.length > width) {
      flush();
      line = [];
      length = 0;
    }
    length += (line.length > 0 ? 1 : 0) + entry.word.length;
    line.push(entry);
  }
  flush();
  return lines.join('\n');
}

/**
 * A command line to show in help, wrapped as a shell would take it: each line but the last ends with ` \`.
 */
export function wrapCommand(command: string, width: number, indent = '  '): string {
  const hanging = `${indent}    `;
  const lines: string[] = [];
  let line = '';
  for (const word of command.split(' ')) {
    const prefix = lines.length === 0 ? indent : hanging;
    if (line && prefix.length + line.length + 1 + word.length + 2 > width) {
      lines.push(`${prefix}${line} \\`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push((lines.length === 0 ? indent : hanging) + line);
  return lines.join('\n');
}

/** The examples at the end of a command's help, each as what it does then the command line. */
export function renderExamples(examples: readonly (readonly [string, string])[], width: number): string {
  const blocks = examples.map(
    ([command, what]) => `${wrap(what, width, '  # ')}\n${wrapCommand(command, width)}`,
  );
  return `\nExamples:\n${blocks.join('\n')}`;
}

/**
 * Pieces laid out as wrap() lays out words, `separator` between two on a line: a piece ("4 +1.2", "asked 85.7")
 * is never split, so a figure stays beside its name.
 */
export function wrapPieces(
  pieces: readonly string[],
  width: number,
  indent = '',
  hanging = indent,
  separator = '  ',
): string {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    const prefix = lines.length === 0 ? indent : hanging;
    if (line && prefix.length + line.length + separator.length + piece.length > width) {
      lines.push(prefix + line);
      line = piece;
    } else line = line ? `${line}${separator}${piece}` : piece;
  }
  lines.push((lines.length === 0 ? indent : hanging) + line);
  return lines.join('\n');
}

/**
 * A line as it is when it fits (its columns lined up with the lines around it), else wrapped from its own
 * indent, continuation lines taking `hanging`.
 */
export function fitLine(line: string, width: number, hanging: string): string {
  if (line.length <= width) return line;
  const indent = /^ */.exec(line)?.[0] ?? '';
  return wrap(line, width, indent, hanging);
}

/** Where a message is written: a terminal, with its width, or a file or a pipe. */
export interface MessageStream {
  isTTY?: boolean;
  columns?: number;
}

/**
 * A message as `stream` shows it: on a terminal, each line wrapped at its width (never under MIN_WIDTH), so that no
 * word is split at the edge, a wrapped line going on two spaces further in; to a file or a pipe, each line as it is,
 * whole, to grep.
 */
export function messageFor(text: string, stream: MessageStream): string {
  if (!stream.isTTY || !stream.columns) return text;
  const width = Math.max(MIN_WIDTH, stream.columns);
  return text
    .split('\n')
    .map((line) => fitLine(line, width, `${/^ */.exec(line)?.[0] ?? ''}  `))
    .join('\n');
}
