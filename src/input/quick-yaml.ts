import { MAX_INPUT_BYTES } from '../limits.js';

/*
 * A reader for the plain block YAML that answers files are written in (what `template` and --save-answers
 * write): a key per line, nested by indentation, each value a plain, 'single' or "double" quoted scalar on the
 * same line, comments anywhere. It is not a YAML parser: anything outside that subset (flow collections,
 * multi-line scalars, anchors, tags, tabs, document markers, odd numbers like 0x1F or .5) makes it give up,
 * and the caller parses the text with the YAML library, which keeps positions for messages.
 *
 * Why not the YAML library: loading it and its first parse cost more than the rest of a scoring run (see the
 * README's Performance section). The YAML library is the reference: property
 * tests (test/unit/quick-parse.test.ts) check that whatever this reads, the library reads the same.
 */

// Characters that YAML forbids, reads as line breaks, or that the two readers might treat differently.
const CONTROL = '\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ud800-\\udfff';
// The escapes JSON has too, so JSON.parse decodes them exactly as YAML does; no raw tabs (JSON refuses them).
const DOUBLE = `"(?:[^"\\\\\\t${CONTROL}]|\\\\["\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*"`;
const SINGLE = `'(?:[^'${CONTROL}]|'')*'`;
// Numbers only in plain decimal: other spellings (0x1F, 0o7, .5, 1e3, +1) are read differently by YAML 1.1
// and 1.2 readers, so they take the library.
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?';
const WORDS = `[^\\s#:"'?,[\\]{}&*!|>%@\`0-9.+${CONTROL}-](?:[^#:\\t${CONTROL}]|:(?![ \\r]|$)|(?<! )#)*?`;
// Keys are names: one that looks like a number, null or a boolean would be read as one.
const KEY = '[A-Za-z_$][\\w$.-]*';
const COMMENT = `#[^${CONTROL}]*`;
const LINE = new RegExp(
  `^( *)(?:${COMMENT}|(${KEY}):(?: +(${DOUBLE}|${SINGLE}|${NUMBER}|${WORDS}))? *(?: ${COMMENT})?)?\\r?$`,
  // Code points, so an emoji is one character and only a lone surrogate is refused.
  'u',
);

/** Words read as null or a boolean: as a key, the quick readers leave them to the YAML library. */
export const WORDS_AS = new Map<string, null | boolean>([
  ...['null', 'Null', 'NULL', '~'].map((word) => [word, null] as const),
  ...['true', 'True', 'TRUE'].map((word) => [word, true] as const),
  ...['false', 'False', 'FALSE'].map((word) => [word, false] as const),
]);

function scalar(raw: string): unknown {
  if (raw.startsWith('"')) return JSON.parse(raw);
  if (raw.startsWith("'")) return raw.slice(1, -1).replaceAll("''", "'");
  if (/^-?[0-9]/.test(raw)) return Number(raw);
  return WORDS_AS.has(raw) ? WORDS_AS.get(raw) : raw;
}

/*
 * The common line read by hand, in one pass without the regular expression: printable ASCII, a key and a plain
 * number, a quoted string or plain words, or a comment. It answers only where it is sure to agree with LINE (each
 * choice it makes is the one LINE's would try first), and hands anything else to LINE: other characters, a tab,
 * a string whose end it cannot vouch for, a line LINE may refuse. Property tests hold the two to each other.
 */
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const TAB = 0x09;
/** The line could not be read by hand: LINE reads it. */
const UNSURE = -1;
/** LINE does not match the line: the document is not of the plain subset. */
export const REFUSED = 0;
/** A blank line or a comment. */
export const NOTHING = 1;
/** A key and its value, in `line` (the value NO_VALUE for a key alone). */
export const ENTRY = 2;
export const NO_VALUE = Symbol('no value');
/** What readLine found on an ENTRY line, kept here rather than in an object per line. */
export const line: {
  next: number;
  indent: number;
  keyStart: number;
  keyEnd: number;
  value: unknown;
  expected: boolean;
} = {
  next: 0,
  indent: 0,
  keyStart: 0,
  keyEnd: 0,
  value: NO_VALUE,
  expected: false,
};

// What each ASCII character may be in a key (KEY): 1 inside one, 2 at its start as well.
const KEY_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
  KEY_CHARS[c] = letter ? 3 : (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d ? 1 : 0;
}
/** Whether a word may be a key as LINE reads one (KEY). */
export const isKey = (word: string) => new RegExp(`^${KEY}$`).test(word);
const isKeyStart = (c: number) => c < 128 && ((KEY_CHARS[c] as number) & 2) !== 0;
const isKeyPart = (c: number) => c < 128 && ((KEY_CHARS[c] as number) & 1) !== 0;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** A character of a comment, as far as the hand reader goes (a tab, or printable ASCII). */
const isCommentChar = (c: number) => c === TAB || (c >= SPACE && c < 0x7f);
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
// What may follow a backslash in a double-quoted string (besides u and four hex digits): JSON's escapes.
const ESCAPED = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
// Characters that cannot start plain words (YAML indicators, digits, signs, the dot).
const NOT_WORDS_START = new Set([...'#:"\'?,[]{}&*!|>%@`.+-'].map((c) => c.charCodeAt(0)));

/** Whether from `at` to `end` there is only a comment (tab or printable ASCII after the #). */
function commentTo(text: string, at: number, end: number): boolean {
  for (let i = at + 1; i < end; i++) if (!isCommentChar(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether what follows a value, from `at` to `end`, is what LINE allows there: spaces, then the end or a
 * comment after at least one space. Null when the hand reader cannot tell (characters it does not read).
 */
function tailTo(text: string, at: number, end: number): boolean | null {
  let i = at;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  if (i === end) return true;
  if (i === at || text.charCodeAt(i) !== HASH) return false;
  return commentTo(text, i, end) ? true : null;
}

/** Whether the characters `codes` and then a colon are in `text` at `at`, before `end`. */
function isAt(text: string, at: number, codes: number[], end: number): boolean {
  const colon = at + codes.length;
  if (colon >= end || text.charCodeAt(colon) !== COLON) return false;
  for (let i = 0; i < codes.length; i++) if (text.charCodeAt(at + i) !== codes[i]) return false;
  return true;
}

/**
 * The line from `start` to `end` (no line break, no CR), after `indent` spaces, read by hand. `expected`: the
 * character codes of a key the caller expects there, which must follow KEY's rule.
 */
function lineByHand(text: string, start: number, end: number, indent: number, expected?: number[]): number {
  let i = start + indent;
  if (i === end) return NOTHING;
  let c = text.charCodeAt(i);
  if (c === HASH) return commentTo(text, i, end) ? NOTHING : UNSURE;
  const keyStart = i;
  // The key the caller expects (a key by KEY's rule) and a colon after it: what scanning the key would find.
  line.expected = expected !== undefined && isAt(text, i, expected, end);
  if (line.expected) i += (expected as number[]).length;
  else {
    if (!isKeyStart(c)) return UNSURE;
    do c = text.charCodeAt(++i);
    while (i < end && isKeyPart(c));
    if (c !== COLON) return UNSURE;
  }
  line.keyStart = keyStart;
  line.keyEnd = i;
  const afterColon = ++i;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  if (i === end) {
    line.value = NO_VALUE;
    return ENTRY;
  }
  if (i === afterColon) return UNSURE;
  const valueStart = i;
  c = text.charCodeAt(i);
  if (c === HASH) {
    line.value = NO_VALUE;
    return commentTo(text, i, end) ? ENTRY : UNSURE;
  }
  if (c === DOUBLE_QUOTE) {
    let escaped = false;
    for (i++; i < end; i++) {
      c = text.charCodeAt(i);
      if (c === DOUBLE_QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        const next = text.charCodeAt(i + 1);
        if (next === 0x75) {
          for (let k = i + 2; k < i + 6; k++) if (!isHex(text.charCodeAt(k))) return UNSURE;
          i += 5;
        } else if (ESCAPED.has(next)) i++;
        else return UNSURE;
      } else if (c < SPACE || c >= 0x7f) return UNSURE;
    }
    if (i >= end || tailTo(text, i + 1, end) !== true) return UNSURE;
    line.value = escaped ? JSON.parse(text.slice(valueStart, i + 1)) : text.slice(valueStart + 1, i);
    return ENTRY;
  }
  if (c === SINGLE_QUOTE) {
    let doubled = false;
    for (i++; i < end; i++) {
      c = text.charCodeAt(i);
      if (c === SINGLE_QUOTE) {
        if (text.charCodeAt(i + 1) !== SINGLE_QUOTE) break;
        doubled = true;
        i++;
      } else if (!isCommentChar(c)) return UNSURE;
    }
    if (i >= end || tailTo(text, i + 1, end) !== true) return UNSURE;
    const inner = text.slice(valueStart + 1, i);
    line.value = doubled ? inner.replaceAll("''", "'") : inner;
    return ENTRY;
  }
  if (c === 0x2d || isDigit(c)) {
    const negative = c === 0x2d;
    if (negative) c = text.charCodeAt(++i);
    let whole = 0;
    if (c === 0x30) i++;
    else if (isDigit(c)) {
      for (; i < end && isDigit(text.charCodeAt(i)); i++) whole = whole * 10 + (text.charCodeAt(i) - 0x30);
    } else return UNSURE;
    let fraction = false;
    if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
      fraction = true;
      i++;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
    }
    if (tailTo(text, i, end) !== true) return UNSURE;
    // A whole number of a few digits, the common case, as its digits add up; the rest as Number() reads it.
    line.value =
      fraction || i - valueStart > 15 ? Number(text.slice(valueStart, i)) : negative ? -whole : whole;
    return ENTRY;
  }
  // Plain words: they end at the first run of spaces that reaches the end of the line or a comment.
  if (c <= SPACE || c >= 0x7f || NOT_WORDS_START.has(c)) return UNSURE;
  for (i++; i < end; i++) {
    c = text.charCodeAt(i);
    if (c === SPACE) {
      let k = i + 1;
      while (k < end && text.charCodeAt(k) === SPACE) k++;
      if (k === end) break;
      if (text.charCodeAt(k) === HASH) {
        if (!commentTo(text, k, end)) return UNSURE;
        break;
      }
      i = k - 1;
    } else if (c === COLON) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= end || next === SPACE) return UNSURE;
    } else if (c <= SPACE || c >= 0x7f) return UNSURE;
  }
  const raw = text.slice(valueStart, i);
  line.value = raw.length <= 5 && WORDS_AS.has(raw) ? WORDS_AS.get(raw) : raw;
  return ENTRY;
}

type Mapping = Record<string, unknown>;
/** No prototype: a key is data, whatever its name ("__proto__", "constructor"), as the YAML library keeps it. */
const mapping = (): Mapping => Object.create(null);

/**
 * The line that starts at `start`, by hand or else by LINE: REFUSED, NOTHING or ENTRY, with what it holds and
 * where the next line starts in `line`. A text with a CR that is not half of a CRLF is refused before.
 * `expected`: see lineByHand; `line.expected` says whether the line's key is that one.
 */
export function readLine(text: string, start: number, byHand = true, expected?: number[]): number {
  let next = text.indexOf('\n', start);
  if (next < 0) next = text.length;
  line.next = next + 1;
  const end = text.charCodeAt(next - 1) === 0x0d && next > start ? next - 1 : next;
  let indent = 0;
  while (start + indent < end && text.charCodeAt(start + indent) === SPACE) indent++;
  line.indent = indent;
  const kind = byHand ? lineByHand(text, start, end, indent, expected) : UNSURE;
  if (kind !== UNSURE) return kind;
  line.expected = false;
  const match = LINE.exec(text.slice(start, next));
  if (!match) return REFUSED;
  const [, spaces = '', key, raw] = match;
  if (key === undefined) return NOTHING;
  line.indent = spaces.length;
  line.keyStart = start + spaces.length;
  line.keyEnd = line.keyStart + key.length;
  line.value = raw === undefined ? NO_VALUE : scalar(raw);
  return ENTRY;
}

/**
 * Where a text's lines start: after a byte-order mark. Undefined for a text that ends in a CR. Alone, a CR ends a
 * line for some YAML readers and not for others: a line with one anywhere but before its line break is refused
 * by both readers of a line (neither reads a CR there), which leaves one at the very end, which readLine would
 * take for half of a CRLF.
 */
export function firstLine(text: string): number | undefined {
  if (text.charCodeAt(text.length - 1) === 0x0d) return undefined;
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** The document as data, or undefined when it is not of the plain subset (or holds nothing). */
function readPlainYaml(text: string, byHand: boolean): Mapping | undefined {
  const root = mapping();
  const open: { indent: number; mapping: Mapping }[] = [{ indent: 0, mapping: root }];
  // A key with no value: it holds null, or the mapping that the next, deeper line starts.
  let parent: { mapping: Mapping; key: string; indent: number } | undefined;
  let keys = 0;
  const first = firstLine(text);
  if (first === undefined) return undefined;
  for (let start = first; start <= text.length; start = line.next) {
    const kind = readLine(text, start, byHand);
    if (kind === REFUSED) return undefined;
    if (kind === NOTHING) continue;
    const key = text.slice(line.keyStart, line.keyEnd);
    const indent = line.indent;
    if (WORDS_AS.has(key)) return undefined;
    if (parent && indent > parent.indent) {
      const child = mapping();
      parent.mapping[parent.key] = child;
      open.push({ indent, mapping: child });
    }
    parent = undefined;
    while (open.length > 1 && (open.at(-1)?.indent ?? 0) > indent) open.pop();
    const current = open.at(-1);
    if (!current || current.indent !== indent || Object.hasOwn(current.mapping, key)) return undefined;
    keys++;
    if (line.value === NO_VALUE) {
      current.mapping[key] = null;
      parent = { mapping: current.mapping, key, indent };
    } else {
      current.mapping[key] = line.value;
    }
  }
  return keys > 0 ? root : undefined;
}

/**
 * A fast read without positions, or undefined whenever it cannot vouch for the result; the caller then parses
 * with positions to say what is wrong and where. `byHand` false reads every line with LINE alone: the reference
 * the hand reader is tested against.
 */
export function quickParse(text: string, byHand = true): unknown {
  if (text.length > MAX_INPUT_BYTES) return undefined;
  return readPlainYaml(text, byHand);
}
