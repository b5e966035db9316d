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
import { quote } from '../core/quote.js';
import { andMore } from '../core/suggest.js';
import type { PathSegment, Problem, Remedy } from '../core/types.js';
import { InputError } from '../errors.js';
import { MAX_INPUT_BYTES, TOO_LARGE } from '../limits.js';

export interface ParsedSource {
  name: string;
  data: unknown;
  /** "name:line:col" for a path inside the document, as close as the document allows. */
  locate(path: PathSegment[], atKey?: boolean): string;
}

// logLevel 'error': the parser's warnings (a mapping used as a key, say) would go to the process's stderr raw;
// what matters about such a file is reported by the checks that follow. uniqueKeys false: repeated keys are
// found by repeatedKeys(), in one pass; the library compares each key with every earlier one, quadratic in
// the keys of a mapping.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' } as const;

/**
 * Problems past this in one file are counted, not shown: nobody reads thousands, and locating each one walks
 * the document again.
 */
const MAX_LINES_PER_FILE = 50;

/** The first `max` items, and in place of the rest one that counts them, at the first one left out. */
function listed<T extends { message: string }>(items: T[], max: number, what: string): T[] {
  const unlisted = items[max];
  if (unlisted === undefined) return items;
  return [...items.slice(0, max), { ...unlisted, message: andMore(items.length - max, what) }];
}

const SYNTAX_HINT = 'Check the YAML syntax at that line (indentation, a missing colon, an unclosed quote).';
const MULTIPLE_DOCUMENTS_HINT =
  'Keep one document per file (remove the --- line and what follows it), or score many at once with: who-failed-whom team';

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
  return fromDocument(doc, lineCounter, name);
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
      return fromDocument(doc, lineCounter, name);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
  });
}

function fromDocument(doc: Document.Parsed, lineCounter: LineCounter, name: string): ParsedSource {
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  // Running out of stack may be reported more than once; once says it all, and the rest is noise.
  const tooDeep = doc.errors.find((error) => isTooDeep(error.message));
  const errors: { offset: number; message: string }[] = tooDeep
    ? [{ offset: tooDeep.pos[0], message: firstLine(tooDeep.message) }]
    : [
        ...doc.errors.map((error) => ({ offset: error.pos[0], message: yamlMessage(error) })),
        ...repeatedKeys(doc.contents, (offset) => lineCounter.linePos(offset).line),
      ].sort((a, b) => a.offset - b.offset);
  if (errors.length > 0) {
    const multipleDocuments = doc.errors.some((error) => error.code === 'MULTIPLE_DOCS');
    throw new InputError(
      listed(errors, MAX_LINES_PER_FILE, 'problems').map(
        ({ offset, message }) => `${position(offset)}: ${message}`,
      ),
      multipleDocuments
        ? MULTIPLE_DOCUMENTS_HINT
        : !tooDeep && doc.errors.length > 0
          ? SYNTAX_HINT
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

/** The parser's message in our words where its own would speak of its API. */
function yamlMessage(error: YAMLError): string {
  if (error.code === 'MULTIPLE_DOCS') {
    return 'holds more than one YAML document (a --- line starts another); a file holds one';
  }
  return firstLine(error.message);
}

/**
 * Every key that repeats an earlier key of its mapping, with the line of the first: one pass, a set per
 * mapping. Walked with a stack of its own, as deep as the parser let the document be.
 */
function repeatedKeys(
  root: unknown,
  lineOf: (offset: number) => number,
): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const offset = key.range?.[0] ?? 0;
          const first = seen.get(key.value);
          if (first === undefined) seen.set(key.value, offset);
          else {
            const name = quote(String(key.value));
            found.push({
              offset,
              message: `duplicate key ${name} (first on line ${lineOf(first)}); each key may appear once`,
            });
          }
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return found;
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

/** The core's remedies in the command line's terms, each joined to its problem's message. */
const REMEDIES: Record<Remedy, string> = {
  'the-other-bank': '; pass its bank with --questions',
  'the-question-ids': ' See the ids with: who-failed-whom questions',
};

/** A problem's message, with what to do about it on the command line. */
export function problemMessage(p: Problem): string {
  return p.remedy ? `${p.message}${REMEDIES[p.remedy]}` : p.message;
}

/** Turns a list of located problems into the InputError lines. */
export function problemLines(source: ParsedSource, problems: Problem[]): string[] {
  const said = problems.map((p) => ({ ...p, message: problemMessage(p) }));
  return listed(said, MAX_LINES_PER_FILE, 'problems').map(
    (p) => `${source.locate(p.path, p.atKey)}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`,
  );
}

/** Sorts `name:line:col: …` lines by line, then column, keeping the order of lines at the same place. */
export function sortedByPosition(lines: string[], name: string): string[] {
  const place = (line: string) => {
    const match = /^(\d+):(\d+):/.exec(line.slice(name.length + 1));
    return match ? Number(match[1]) * 1e6 + Number(match[2]) : 0;
  };
  return lines
    .map((line, i) => ({ line, i, at: place(line) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ line }) => line);
}
