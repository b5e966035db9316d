/*
 * The one sanitiser for text that came from a file, an answer or a command line, before it reaches a terminal.
 *
 * A terminal obeys what it is sent: an escape sequence can set the clipboard (OSC 52), the window title, a link,
 * clear the screen; a carriage return or a bidi override redraws or reorders what is shown; a zero-width
 * character hides a difference. So every character of these kinds is unsafe in displayed text:
 * - C0 controls (tab, newline and carriage return included), DEL, and C1 controls (8-bit CSI, OSC, DCS, NEL);
 * - bidi controls: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069;
 * - invisible ones: U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB and the tag
 *   characters U+E0000–U+E007F (which can carry hidden ASCII);
 * - line and paragraph separators, U+2028/9.
 * A renderer that wants a line break writes "\n" itself, between values; never inside one.
 */

// The patterns below match control characters on purpose; biome.json turns that lint off for this file alone.

/** Everything unsafe but C0, which JSON.stringify escapes itself (and uses, between values, for layout). */
const BEYOND_C0 =
  '\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'u');
const UNSAFE_ALL = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'gu');
const UNSAFE_BEYOND_C0 = new RegExp(`[${BEYOND_C0}]`, 'u');
const UNSAFE_BEYOND_C0_ALL = new RegExp(`[${BEYOND_C0}]`, 'gu');

/**
 * Whole escape sequences, 7-bit (ESC …) and 8-bit (U+009B CSI, U+009D OSC, …): removed with their parameters,
 * so that "\x1b]52;c;aGk=\x07" leaves nothing behind, not "52;c;aGk=". A string sequence (OSC, DCS, SOS, PM,
 * APC) runs to its terminator (BEL or ST), or, unterminated, to the next ESC or the end of the text.
 */
const SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;
/** What reads as a line break or a tab: a space in a one-line value, so words do not run together. */
const BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;

/** Whether text holds a character that sanitize() would remove or visible() would escape. */
export function hasUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * Prose for display (a bank's title, a prompt, an answer, a name): escape sequences removed whole, line breaks
 * and tabs made spaces, every other unsafe character removed. The result is one line.
 */
export function sanitize(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(SEQUENCE, '').replace(BREAK, ' ').replace(UNSAFE_ALL, '');
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * For diagnostics and file names: every unsafe character shown as an escape ("\n", "\x1b", "\u202e"), so a
 * name or a quoted value reads as what it is, and a newline in it cannot start a line of its own.
 * `keepLayout` keeps line feeds, CRLF and tabs, for text that is a file (a YAML scaffold) rather than a value.
 */
export function visible(text: string, { keepLayout = false } = {}): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (char, offset: number) => {
    if (keepLayout && (char === '\n' || char === '\t' || (char === '\r' && text[offset + 1] === '\n')))
      return char;
    return escapeOne(char);
  });
}

/**
 * For the output of JSON.stringify, which escapes C0 controls but not DEL, C1 or the rest: those as JSON escapes
 * (`\u202e`) too, so the data is unchanged for any reader (of JSON, or of YAML, whose double-quoted strings take
 * the same escapes) and the text is safe to print.
 */
export function escapeUnsafeInJson(json: string): string {
  if (!UNSAFE_BEYOND_C0.test(json)) return json;
  return json.replace(UNSAFE_BEYOND_C0_ALL, (char) => {
    let escaped = '';
    // Code units, so a tag character outside the BMP becomes its surrogate pair, as JSON spells it.
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/**
 * Every string in a plain data model (a report, a bank), keys included, passed through sanitize(): what a
 * text renderer does first, so no field of the model can reach the terminal raw, however the model grows.
 */
export function sanitizeAll<T>(value: T): T {
  if (typeof value === 'string') return sanitize(value) as T;
  if (Array.isArray(value)) return value.map(sanitizeAll) as T;
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines each key as data, so a "__proto__" key stays a key.
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [sanitize(key), sanitizeAll(inner)]),
  ) as T;
}
