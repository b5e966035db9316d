import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { InputStream, PromptOutput } from '../../src/io.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** An arrow key's sequence, or any one character. */
const KEY_OR_CHARACTER = new RegExp(`${ESC}\\[[A-D]|[\\s\\S]`, 'g');
/** A control sequence (CSI or OSC), or any one character. */
const TOKEN = new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}]*${BEL}|[\\s\\S]`, 'gu');

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

export interface FakeTerminal {
  input: InputStream & PassThrough;
  output: PromptOutput;
  /** Everything drawn so far, control sequences stripped. */
  text(): string;
  /** Everything drawn so far, as written. */
  raw(): string;
  /** The lines as a terminal of this width shows them now, scrollback included (see emulate()). */
  screen(): string[];
  /** How many times text ran past the right edge, which a terminal wraps wherever it falls, mid-word. */
  overflows(): number;
  /**
   * Waits until `needle` is drawn after what the previous wait found, then types `keys`: keys typed before a
   * prompt is up would be lost, as on a real terminal.
   */
  step(needle: string, keys?: string): Promise<void>;
}

/** A terminal of `columns` for the prompts to draw on, in-process: no pty, no child process. */
export function fakeTerminal(columns = 80, rows = 40): FakeTerminal {
  const input = new PassThrough() as PassThrough & InputStream;
  input.isTTY = true;
  input.setRawMode = () => input;
  const chunks: string[] = [];
  const output = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  }) as PromptOutput & { rows: number };
  // Each prompt pipes into it and ends its pipe when done; a terminal, like process.stdout, outlives them.
  output.end = () => output;
  output.isTTY = true;
  output.columns = columns;
  output.rows = rows;
  const text = () => stripVTControlCharacters(chunks.join('')).replace(/\r/g, '');
  let seen = 0;
  return {
    input,
    output,
    text,
    raw: () => chunks.join(''),
    screen: () => emulate(chunks.join(''), columns).lines,
    overflows: () => emulate(chunks.join(''), columns).overflows,
    async step(needle, keys) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const at = text().indexOf(needle, seen);
        if (at >= 0) {
          seen = at + needle.length;
          break;
        }
        if (Date.now() > deadline)
          throw new Error(`"${needle}" never appeared; the screen ends:\n${text().slice(-800)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // The prompt listens once its first frame is drawn: a tick later.
      await new Promise((resolve) => setImmediate(resolve));
      if (keys !== undefined) for (const key of keys.match(KEY_OR_CHARACTER) ?? []) input.write(key);
    },
  };
}

/**
 * Just enough of a terminal to lay out what the prompt library writes: text with auto-wrap at the right edge, a
 * newline as carriage return and line feed (as a pty's ONLCR makes it), cursor up, down and to a column, and
 * erasing lines. Colour and cursor visibility change nothing here.
 */
export function emulate(written: string, columns: number): { lines: string[]; overflows: number } {
  const grid: string[][] = [[]];
  let row = 0;
  let col = 0;
  let overflows = 0;
  const line = (r: number) => {
    while (grid.length <= r) grid.push([]);
    return grid[r] as string[];
  };
  const tokens = written.match(TOKEN) ?? [];
  for (const token of tokens) {
    if (token.startsWith('\u001b[')) {
      const n = Number.parseInt(token.slice(2), 10);
      const final = token.at(-1);
      if (final === 'A') row = Math.max(0, row - (Number.isNaN(n) ? 1 : n));
      else if (final === 'B') row += Number.isNaN(n) ? 1 : n;
      else if (final === 'G') col = (Number.isNaN(n) ? 1 : n) - 1;
      else if (final === 'C') col += Number.isNaN(n) ? 1 : n;
      else if (final === 'D') col = Math.max(0, col - (Number.isNaN(n) ? 1 : n));
      else if (final === 'K') {
        const cells = line(row);
        if (token === '\u001b[2K') cells.length = 0;
        else cells.length = Math.min(cells.length, col);
      } else if (final === 'J') {
        line(row).length = Math.min(line(row).length, col);
        grid.length = row + 1;
      }
      continue;
    }
    if (token.startsWith('\u001b')) continue;
    if (token === '\n') {
      row += 1;
      col = 0;
      line(row);
      continue;
    }
    if (token === '\r') {
      col = 0;
      continue;
    }
    if (col >= columns) {
      overflows += 1;
      row += 1;
      col = 0;
    }
    const cells = line(row);
    while (cells.length < col) cells.push(' ');
    cells[col] = token;
    col += 1;
  }
  return { lines: grid.map((cells) => cells.join('').trimEnd()), overflows };
}
