import { MAX_INPUT_BYTES } from '../limits.js';

/*
 * A reader for the plain block YAML that answers files are written in (what `template` and --save-answers
 * write): a key per line, nested by indentation, each value a plain, 'single' or "double" quoted scalar on the
 * same line, comments anywhere. It is not a YAML parser: anything outside that subset (flow collections,
 * multi-line scalars, anchors, tags, tabs, document markers, odd numbers like 0x1F or .5) makes it give up,
 * and the caller parses the text with the YAML library, which keeps positions for messages.
 *
 * Why not a library: loading js-yaml and its first parse cost about 3 ms of the 14 ms a scoring run may take
 * beyond bare node (issue 6); this costs a tenth of a millisecond. The YAML library is the reference: property
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

const WORDS_AS = new Map<string, null | boolean>([
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

type Mapping = Record<string, unknown>;
/** No prototype: a key is data, whatever its name ("__proto__", "constructor"), as the YAML library keeps it. */
const mapping = (): Mapping => Object.create(null);

/** The document as data, or undefined when it is not of the plain subset (or holds nothing). */
export function readPlainYaml(text: string): Mapping | undefined {
  const root = mapping();
  const open: { indent: number; mapping: Mapping }[] = [{ indent: 0, mapping: root }];
  // A key with no value: it holds null, or the mapping that the next, deeper line starts.
  let parent: { mapping: Mapping; key: string; indent: number } | undefined;
  let keys = 0;
  // A carriage return ends a line only as half of CRLF; alone, YAML readers disagree about it.
  if (/\r(?!\n)/.test(text)) return undefined;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (const line of body.split('\n')) {
    const match = LINE.exec(line);
    if (!match) return undefined;
    const [, spaces = '', key, raw] = match;
    if (key === undefined) continue;
    if (WORDS_AS.has(key)) return undefined;
    const indent = spaces.length;
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
    if (raw === undefined) {
      current.mapping[key] = null;
      parent = { mapping: current.mapping, key, indent };
    } else {
      current.mapping[key] = scalar(raw);
    }
  }
  return keys > 0 ? root : undefined;
}

/**
 * A fast read without positions, or undefined whenever it cannot vouch for the result; the caller then parses
 * with positions to say what is wrong and where.
 */
export function quickParse(text: string): unknown {
  if (text.length > MAX_INPUT_BYTES) return undefined;
  return readPlainYaml(text);
}
