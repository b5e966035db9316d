import { dumbbellChart } from './dumbbell.js';
import { dataTable } from './figure.js';
import { lineChart, sparkline } from './line.js';
import { type Html, oneDecimal, signed } from './markup.js';

// Sections for reports over rounds (history, compare): plain data in, a figure with its table out.

export interface RoundPoint {
  /** The round's name on the page: its date, or "before" and "after". */
  label: string;
  balance: number | null;
  asked?: number | null;
  given?: number | null;
  /** In words ("asks exceed gives"). */
  leaning?: string | null;
  /** What else the table says of the round (its commitments and their follow-up); a column only when any has one. */
  note?: string;
}

const figure = (n: number | null | undefined) => (n === null || n === undefined ? '–' : oneDecimal(n));

/**
 * The balance over rounds as a line, with the band where it counts as balanced (a difference of `tolerance` or
 * less between the ledgers, so a balance of 100 − tolerance or more).
 */
export function balanceOverRounds(rounds: RoundPoint[], tolerance: number, id = 'rounds'): Html {
  const shown = rounds.filter((r) => r.balance !== null);
  const noted = rounds.some((r) => r.note);
  const first = shown[0];
  const last = shown.at(-1);
  const summary =
    first && last
      ? `${shown.length} rounds with a balance: from ${figure(first.balance)} (${first.label}) to ${figure(last.balance)} (${last.label}).`
      : 'No round has a balance yet.';
  return lineChart({
    id,
    title: 'The balance over rounds',
    summary,
    points: rounds.map((r) => ({ label: r.label, value: r.balance })),
    min: 0,
    max: 100,
    band: { from: 100 - tolerance, to: 100, label: 'balanced' },
    table: dataTable({
      caption: 'Scores, 0–100, per round',
      head: ['Round', 'Asked', 'Given', 'Balance', 'Leaning', ...(noted ? ['Commitments'] : [])],
      rows: rounds.map((r) => [
        r.label,
        figure(r.asked),
        figure(r.given),
        figure(r.balance),
        r.leaning ?? '',
        ...(noted ? [r.note ?? ''] : []),
      ]),
      numeric: [1, 2, 3],
      widths: noted ? [18, 12, 12, 13, 20, 25] : [26, 15, 15, 17, 27],
    }),
    // A column of words more makes the table too wide to stand beside the chart.
    tablePlacement: noted ? 'below' : 'beside',
  });
}

/** A balance trend small enough for a table cell, described in words. */
export function balanceSparkline(rounds: RoundPoint[]): Html {
  const values = rounds.map((r) => r.balance);
  const words = rounds.map((r) => `${r.label} ${figure(r.balance)}`).join(', ');
  return sparkline(values, 0, 100, `Balance over rounds: ${words}`);
}

export interface ItemMove {
  label: string;
  /** On the item's scale. */
  before: number;
  after: number;
  /** after − before. */
  change: number;
  /** The two points in the words they were picked by ("Never", "Usually"), for the table. */
  words?: { before: string; after: string };
  /** The commitment made for the item and what its follow-up said, beside its move in the table. */
  commitment?: string;
}

/** Each item that moved between two rounds, a dumbbell from before (square) to after (circle), largest move first. */
export function itemMoves(moves: ItemMove[], scale: { min: number; max: number }, id = 'moves'): Html {
  const sorted = [...moves].sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  return dumbbellChart({
    id,
    title: 'What moved between the rounds',
    summary: sorted
      .slice(0, 3)
      .map((m) => `${m.label}: from ${oneDecimal(m.before)} to ${oneDecimal(m.after)} (${signed(m.change)}).`)
      .join(' '),
    legend: [
      { label: 'Before', shape: 'square' },
      { label: 'After', shape: 'circle' },
    ],
    names: { a: 'Before', b: 'After' },
    scale,
    rows: sorted.map((m) => ({ label: m.label, a: m.before, b: m.after })),
    table: movesTable(sorted, scale),
    // Words and commitments make a table too wide to stand beside the chart.
    tablePlacement: sorted.some((m) => m.words || m.commitment) ? 'below' : 'beside',
  });
}

/** A point with its words, when it has them: "1 · Never". */
const point = (value: number, words: string | undefined) =>
  words === undefined || words === String(value) ? oneDecimal(value) : `${oneDecimal(value)} · ${words}`;

/**
 * The moves as a table. Points with their words are text that wraps (a narrow column must not be widened by
 * "Without exception"), so only bare figures are aligned as numbers.
 */
function movesTable(moves: ItemMove[], scale: { min: number; max: number }): Html {
  const worded = moves.some((m) => m.words);
  const committed = moves.some((m) => m.commitment);
  const widths = committed ? [24, 18, 18, 13, 27] : worded ? [40, 21, 21, 18] : [46, 18, 16, 20];
  return dataTable({
    caption: `Answers on the scale (${scale.min}–${scale.max}), largest move first`,
    head: ['Item', 'Before', 'After', 'Change', ...(committed ? ['Commitment'] : [])],
    rows: moves.map((m) => [
      m.label,
      point(m.before, m.words?.before),
      point(m.after, m.words?.after),
      signed(m.change),
      ...(committed ? [m.commitment ?? ''] : []),
    ]),
    numeric: worded ? [3] : [1, 2, 3],
    widths,
  });
}
