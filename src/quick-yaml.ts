import jsyaml from 'js-yaml';
import { MAX_INPUT_BYTES } from './limits.js';

// The plain block YAML answers files are written in, line by line: a blank, a comment, or `key:` with an
// optional one-line value (a plain, "double" or 'single' quoted scalar) and an optional comment. js-yaml and
// the positioned parser read every such file alike; they differ at the edges of the language (lone carriage
// returns, multi-line quoted scalars, byte-order marks mid-file, explicit keys, document markers), so anything
// else takes the positioned parser alone.
const CONTROL = '\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ud800-\\udfff';
const DOUBLE = `"(?:[^"\\\\${CONTROL}]|\\\\[^${CONTROL}])*"`;
const SINGLE = `'(?:[^'${CONTROL}]|'')*'`;
// Numbers only in plain decimal: the two parsers type 0b1, 0x1F, -.5 and the like differently.
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?';
const WORDS = `[^\\s#:"'?,[\\]{}&*!|>%@\`0-9.+${CONTROL}-](?:[^#:${CONTROL}]|:(?! |$)|(?<! )#)*`;
const PLAIN = `(?:${NUMBER}|${WORDS})`;
const KEY = `[A-Za-z0-9_$][\\w$.-]*`;
const SIMPLE_LINE = new RegExp(
  `^(?: *(?:#[^${CONTROL}]*)?| *${KEY}:(?: +(?:${DOUBLE}|${SINGLE}|${PLAIN}))? *(?: #[^${CONTROL}]*)?)\\r?$`,
);

/** Whether every line is of the plain subset above. */
export function isPlainBlockYaml(text: string): boolean {
  let start = text.startsWith('\uFEFF') ? 1 : 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? undefined : end);
    if (!SIMPLE_LINE.test(line)) return false;
    if (end === -1) return true;
    start = end + 1;
  }
  return true;
}

/**
 * A fast parse without positions: js-yaml loads in a fraction of the time of the positioned parser and parses
 * several times faster. It returns undefined whenever it cannot vouch for the result, and the caller parses
 * again with positions to say what is wrong and where: a text outside the plain subset, a syntax error, a
 * repeated key (js-yaml refuses those), an empty document, an oversized text.
 */
export function quickParse(text: string): unknown {
  if (text.length > MAX_INPUT_BYTES || !isPlainBlockYaml(text)) return undefined;
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) ?? undefined;
  } catch {
    return undefined;
  }
}
