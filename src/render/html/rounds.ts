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
}

const figure = (n: number | null | undefined) => (n === null || n === undefined ? '–' : oneDecimal(n));

/**
 * The balance over rounds as a line, with the band where it counts as balanced (a difference of `tolerance` or
 * less between the ledgers, so a balance of 100 − tolerance or more).
 */
export function balanceOverRounds(rounds: RoundPoint[], tolerance: number, id = 'rounds'): Html {
  const shown = rounds.filter((r) => r.balance !== null);
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
      head: ['Round', 'Asked', 'Given', 'Balance', 'Leaning'],
      rows: rounds.map((r) => [
        r.label,
        figure(r.asked),
        figure(r.given),
        figure(r.balance),
        r.leaning ?? '',
      ]),
      numeric: [1, 2, 3],
      widths: [26, 15, 15, 17, 27],
    }),
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
    table: dataTable({
      caption: `Answers on the scale (${scale.min}–${scale.max}), largest move first`,
      head: ['Item', 'Before', 'After', 'Change'],
      rows: sorted.map((m) => [m.label, oneDecimal(m.before), oneDecimal(m.after), signed(m.change)]),
      numeric: [1, 2, 3],
      widths: [46, 18, 16, 20],
    }),
  });
}
