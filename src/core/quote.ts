/** Longer text is cut: a message quotes a key or a value to point at it, not to print a whole file. */
const MAX_QUOTED_LENGTH = 200;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['\0', '\\0'],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['"', '\\"'],
  ['\\', '\\\\'],
]);

// Characters that do not show as themselves: C0 and C1 controls, DEL, soft hyphen, zero-width and bidi
// marks, invisible operators, line and paragraph separators, the byte-order mark, lone surrogates.
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\0-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\p{Cs}/u;
const BEYOND_ASCII = /[^\x20-\x7e]/u;

function escapeChar(char: string): string {
  const named = NAMED.get(char);
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Text from a file, in double quotes, every character that would not show as itself written as an escape:
 * `"give\0time"`, never a `"give-time"` that hides a NUL. With `ascii`, everything beyond ASCII is escaped
 * too: ids and keys are ASCII, so a look-alike letter (a Cyrillic "е") shows as what it is.
 */
export function quote(text: string, options: { ascii?: boolean; max?: number } = {}): string {
  const hidden = options.ascii ? BEYOND_ASCII : HIDDEN;
  const max = options.max ?? MAX_QUOTED_LENGTH;
  // By code point, so an emoji is never cut in half; a text of over 2 × max code units is over max.
  const chars = Array.from(text.length > 2 * max ? text.slice(0, 2 * max) : text);
  const cut = text.length > 2 * max || chars.length > max;
  const shown = cut ? chars.slice(0, max - 3) : chars;
  const body = shown.map((char) => (NAMED.has(char) || hidden.test(char) ? escapeChar(char) : char)).join('');
  return `"${body}${cut ? '...' : ''}"`;
}
