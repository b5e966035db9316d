import { sanitize } from '../sanitize.js';

/**
 * Markup that is already safe: built only by `html` (which escapes every value it is given) or by `trusted`
 * (for the page's own constants). A string is never markup, so text from a file cannot become a tag.
 */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/**
 * What may stand in a template: text is escaped, markup is kept, nothing at all is left out. Numbers are written
 * plainly (ASCII, to a hundredth), as SVG attributes need them; figures for reading go through formatNumber.
 */
export type Part = string | number | Html | null | undefined | false | readonly Part[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * What the escape may change: the five characters with a meaning in HTML, and what the sanitiser strips: controls
 * (Cc), format characters (Cf: the soft hyphen, bidi marks and overrides, zero-width ones) and line and paragraph
 * separators, as listed for the Basic Multilingual Plane; a character beyond it (a surrogate) always takes the full
 * path. Spelt out rather than \p{Cf}: a Unicode property class costs a scoring run a third of a millisecond to build.
 */
const NEEDS_WORK =
  /[&<>"'\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/;

/** The one escape for every piece of text on the page, in element content and in attribute values alike. */
export function escapeHtml(text: string): string {
  // Most text (labels, figures) has none of those, and is returned as it is: a page escapes thousands of strings.
  if (!NEEDS_WORK.test(text)) return text;
  return sanitize(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function flatten(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (typeof part === 'number') return coord(part);
  if (Array.isArray(part)) {
    // Concatenated, not joined: join would copy the whole text again at every level of nesting.
    let out = '';
    for (const item of part) out += flatten(item);
    return out;
  }
  return escapeHtml(String(part));
}

/** A template tag: `html\`<p>${text}</p>\`` escapes text and keeps markup made by html. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += flatten(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** The page's own constants (its stylesheet, its marker comment): never text from a file. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Numbers as the other formats print them: at most two decimals, no trailing zeros, a real minus sign. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const rounded = Math.round(n * 100) / 100;
  return (Object.is(rounded, -0) ? 0 : rounded).toString().replace('-', '−');
}

/** A number with one decimal always shown (means and gaps read better aligned): 4 → "4.0". */
export function oneDecimal(n: number): string {
  return formatNumber(Math.round(n * 10) / 10).replace(/^(−?\d+)$/, '$1.0');
}

/** A signed number: +1.5, −0.3, 0.0. */
export function signed(n: number): string {
  const text = oneDecimal(n);
  return n > 0 && text !== '0.0' ? `+${text}` : text;
}

/** Coordinates and sizes for SVG attributes: plain ASCII, rounded to a hundredth. */
export function coord(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100 || 0) : '0';
}
