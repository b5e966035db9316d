import type { Style } from '../render/style.js';
import { wrap } from '../render/wrap.js';

// How every prompt of the questionnaire is laid out: the question wrapped to the terminal's width behind a
// marker, and a dim line of keys under it. Colour comes only from the Style, so --no-color and NO_COLOR hold here
// too.

/**
 * The width to lay a prompt out for: a number, or the terminal's width as it is now, read at every frame, so that a
 * terminal resized during the questionnaire gets its new width at the next key.
 */
export type Width = number | (() => number);

export const widthOf = (width: Width): number => (typeof width === 'function' ? width() : width);

/** Hides the cursor while a list is up; the prompt library shows it again when the prompt ends. */
export const HIDE_CURSOR = '\u001b[?25l';

export function questionLines(message: string, style: Style, width: number, done: boolean): string {
  const text = wrap(message, width, '  ', '  ');
  const marker = done ? style.good('✔') : style.asked('?');
  return `${marker}${style.strong(text.slice(1))}`;
}

/** The keys a prompt takes, dim, wrapped between its parts so that no part is split. */
export function keyHint(parts: readonly string[], style: Style, width: number): string {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 3 + part.length <= width)
      lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(wrap(part, width, '  '));
  }
  return style.dim(lines.join('\n'));
}

/** What a prompt left for going back: the question it was is asked again below. */
export const backLine = (style: Style) => style.dim('  ← back');
