import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  parseDocument,
  type YAMLError,
} from 'yaml';
import type { PathSegment, Problem } from '../core/types.js';
import { InputError } from '../errors.js';
import { MAX_INPUT_BYTES, TOO_LARGE } from '../limits.js';

export { MAX_INPUT_BYTES };

export interface ParsedSource {
  name: string;
  data: unknown;
  /** "name:line:col" for a path inside the document, as close as the document allows. */
  locate(path: PathSegment[], atKey?: boolean): string;
}

// logLevel 'error': the parser's warnings (a mapping used as a key, say) would go to the process's stderr raw;
// what matters about such a file is reported by the checks that follow.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' } as const;

function refuseOversized(text: string, name: string): void {
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    throw new InputError([`${name}: ${TOO_LARGE}`]);
  }
}

/**
 * Parses YAML or JSON (JSON is read as YAML, which keeps positions for both) and throws InputError with
 * file:line:col for any syntax problem, including aliases that only fail when converted.
 */
export function parseSource(text: string, name: string): ParsedSource {
  refuseOversized(text, name);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
  return fromDocument(doc, lineCounter, name, text);
}

/**
 * A stream of documents separated by `---`. Each entry is a parsed source or the InputError that document
 * raised, so one bad document does not hide the others. Positions count from the start of the stream.
 */
export function parseSources(text: string, name: string): (ParsedSource | InputError)[] {
  refuseOversized(text, name);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, ...PARSE_OPTIONS });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    try {
      return fromDocument(doc, lineCounter, name, text);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
  });
}

function fromDocument(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  name: string,
  text: string,
): ParsedSource {
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    // Running out of stack may be reported more than once; once says it all, and the rest is noise.
    const tooDeep = doc.errors.find((error) => isTooDeep(error.message));
    const errors = tooDeep ? [tooDeep] : doc.errors;
    const syntax = errors.some((error) => error.code !== 'DUPLICATE_KEY' && !isTooDeep(error.message));
    throw new InputError(
      errors.map((error) => `${position(error.pos[0])}: ${yamlMessage(error, text, position)}`),
      syntax
        ? 'Check the YAML syntax at that line (indentation, a missing colon, an unclosed quote).'
        : undefined,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws for unresolved or excessive aliases even when doc.errors is empty.
    const message = error instanceof Error ? error.message : String(error);
    const alias = /: \*?(\S+)$/.exec(firstLine(message))?.[1];
    throw new InputError([`${position(aliasOffset(doc.contents, alias))}: ${firstLine(message)}`]);
  }
  return {
    name,
    data,
    locate(path, atKey = false) {
      return position(offsetOf(doc.contents, path, atKey));
    },
  };
}

// Node 20 and 22 say "Maximum call stack size exceeded"; Node 24 can run out while compiling a regular
// expression and say "Stack overflow" instead.
const isTooDeep = (message: string) => /maximum call stack|stack overflow/i.test(message);

function firstLine(message: string): string {
  // The parser recurses per level: a stack overflow means nesting far deeper than any real file.
  if (isTooDeep(message)) return 'nested too deeply to read; answers and banks are a few levels deep';
  if (message.startsWith('Excessive alias count')) {
    return 'too many aliases (*name) to expand; answers and banks need none';
  }
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** The parser's message, naming the key when it is a repeated one ("Map keys must be unique" does not). */
function yamlMessage(error: YAMLError, text: string, position: (offset: number) => string): string {
  if (error.code !== 'DUPLICATE_KEY') return firstLine(error.message);
  const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]+?)\s*:/.exec(text.slice(error.pos[0]))?.[1];
  if (key === undefined) return firstLine(error.message);
  const first = text.indexOf(key);
  const line = position(first).split(':').at(-2);
  const where = first >= 0 && first < error.pos[0] ? ` (first on line ${line})` : '';
  return `duplicate key ${/^["']/.test(key) ? key : `"${key}"`}${where}; each key may appear once`;
}

function offsetOf(root: unknown, path: PathSegment[], atKey: boolean): number {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return offset;
      const key = pair.key as Node;
      if (last && atKey) return key.range?.[0] ?? offset;
      const value = pair.value as Node | null;
      // An empty value has no range of its own: the key is the best place to point at.
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Where the named alias (or, without a name, the first alias) sits in the document. */
function aliasOffset(root: unknown, name: string | undefined): number {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && (name === undefined || node.source === name)) return node.range?.[0] ?? 0;
    if (isMap(node) || isSeq(node)) {
      for (const item of [...node.items].reverse()) {
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    }
  }
  return name === undefined ? 0 : aliasOffset(root, undefined);
}

/** Turns a list of located problems into the InputError lines, errors first. */
export function problemLines(source: ParsedSource, problems: Problem[]): string[] {
  return problems.map(
    (p) => `${source.locate(p.path, p.atKey)}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`,
  );
}
