import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FolderEntry, InputStream, Io, PromptOutput, WalkEntry } from '../../src/io.js';
import { MAX_INPUT_BYTES } from '../../src/limits.js';

/** Marks a folder in the virtual file map; every ancestor of a file is a folder too. */
export const DIR = Symbol('directory');
/** A file's text (stored as UTF-8) or its exact bytes (another encoding), or a folder. */
export type Entry = string | Uint8Array | typeof DIR;

/**
 * The repository root. The fuzz script bundles this file two folders deep too (.tmp/fuzz/), so the same
 * relative URL holds there.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILTIN_BANK_PATH = posix.join(ROOT, 'questions', 'who-failed-whom.yaml');
/** `init` reads the field notes from schema/, beside the JSON Schemas they describe. */
const FIELD_NOTES_PATH = posix.join(ROOT, 'schema', 'fields.yaml');
const builtins = new Map<string, string>([
  [BUILTIN_BANK_PATH, readFileSync(BUILTIN_BANK_PATH, 'utf8')],
  [FIELD_NOTES_PATH, readFileSync(FIELD_NOTES_PATH, 'utf8')],
]);

export interface MemoryIoOptions {
  /** Paths relative to `cwd` or absolute → content, or DIR. */
  files?: Record<string, Entry>;
  stdin?: string | Uint8Array;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Symbolic links: path → the path it points to (relative to cwd, or absolute). */
  links?: Record<string, string>;
  /** Files nobody may write. */
  readOnly?: string[];
  /** Folders a walk cannot read (as if EACCES); the files under them are not found. */
  unreadable?: string[];
  /** stdout is a terminal this many columns wide (else a pipe that says 80 columns, as before). */
  columns?: number;
  /** The files of another memory Io, shared with it: two runs at once in one file system. */
  sharing?: MemoryIo;
  /** This process's id (1000 unless told). */
  pid?: number;
  /** The ids of the processes that are running, besides this one. */
  running?: number[];
}

export interface MemoryIo extends Io {
  files: Map<string, Entry>;
  links: Map<string, string>;
  /** The files the run has read (resolved paths). */
  readonly inputs: ReadonlySet<string>;
  readonly stdoutText: string;
  readonly stderrText: string;
}

const isFile = (entry: Entry | undefined): entry is string | Uint8Array =>
  typeof entry === 'string' || entry instanceof Uint8Array;

/** An error shaped like the one node:fs throws, so code that reads `.code` sees what it would see for real. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

function collector(): { stream: PromptOutput; text: () => string } {
  const chunks: string[] = [];
  const stream: PromptOutput = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  stream.isTTY = false;
  stream.columns = 80;
  return { stream, text: () => chunks.join('') };
}

/** An in-memory Io for calling main() in-process: nothing touches the disk after the built-in bank is read. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const cwd = options.cwd ?? '/mem';
  const files = options.sharing?.files ?? new Map<string, Entry>(builtins);
  const pid = options.pid ?? 1000;
  const running = new Set([pid, ...(options.running ?? [])]);
  const resolve = (path: string) => posix.resolve(cwd, path);
  for (const [path, entry] of Object.entries(options.files ?? {})) files.set(resolve(path), entry);
  const links = new Map(
    Object.entries(options.links ?? {}).map(([from, to]) => [resolve(from), resolve(to)]),
  );
  const readOnly = new Set((options.readOnly ?? []).map(resolve));
  const unreadable = new Set((options.unreadable ?? []).map(resolve));
  /** What the run has read, as the real Io keeps it: -o never replaces one of these. */
  const inputs = new Set<string>();
  /** A link is followed where the real file system would follow it (reading), one level deep. */
  const follow = (full: string) => links.get(full) ?? full;

  /** Refuses what the kernel refuses before looking: NUL bytes and over-long names. */
  const checkPath = (path: string, syscall: string): string => {
    if (path.includes('\0')) throw fsError('ERR_INVALID_ARG_VALUE', syscall, path);
    if (path === '') throw fsError('ENOENT', syscall, path);
    const full = resolve(path);
    if (full.split('/').some((part) => Buffer.byteLength(part) > 255))
      throw fsError('ENAMETOOLONG', syscall, path);
    return full;
  };
  const kind = (full: string): 'file' | 'directory' | 'missing' => {
    const entry = files.get(full);
    if (isFile(entry)) return 'file';
    if (entry === DIR || full === '/' || full === cwd) return 'directory';
    for (const key of files.keys()) if (key.startsWith(`${full}/`)) return 'directory';
    return 'missing';
  };

  const stdin: InputStream = Readable.from(
    options.stdin === undefined || options.stdin.length === 0 ? [] : [Buffer.from(options.stdin)],
  );
  stdin.isTTY = false;
  const out = collector();
  const err = collector();
  if (options.columns !== undefined) Object.assign(out.stream, { isTTY: true, columns: options.columns });

  return {
    files,
    links,
    inputs,
    stdin,
    stdout: out.stream,
    stderr: err.stream,
    promptOutput: () => (out.stream.isTTY ? out.stream : err.stream),
    env: options.env ?? {},
    cwd,
    platform: 'linux',
    builtinBankPath: BUILTIN_BANK_PATH,
    get stdoutText() {
      return out.text();
    },
    get stderrText() {
      return err.text();
    },
    async readFile(path) {
      const full = follow(checkPath(path, 'open'));
      const entry = files.get(full);
      if (kind(full) === 'directory') throw fsError('EISDIR', 'read', path);
      // As the kernel says of a path that goes on through a file.
      for (let up = posix.dirname(full); up !== '/'; up = posix.dirname(up))
        if (isFile(files.get(up))) throw fsError('ENOTDIR', 'open', path);
      if (!isFile(entry)) throw fsError('ENOENT', 'open', path);
      const bytes = typeof entry === 'string' ? Buffer.from(entry) : entry;
      // Like the real Io: refuse an oversized file before reading it.
      if (bytes.length > MAX_INPUT_BYTES) throw fsError('EFBIG', 'read', path);
      inputs.add(full);
      return bytes;
    },
    async writeFileAtomic(path, content) {
      const full = checkPath(path, 'open');
      if (kind(full) === 'directory') throw fsError('EISDIR', 'rename', path);
      const parent = kind(posix.dirname(full));
      if (parent !== 'directory') throw fsError(parent === 'file' ? 'ENOTDIR' : 'ENOENT', 'open', path);
      // The rename replaces a link itself, as rename(2) does; it never writes where the link points.
      links.delete(full);
      files.set(full, content);
    },
    async createPrivateFile(path, content) {
      const full = checkPath(path, 'open');
      if (kind(full) !== 'missing' || links.has(full)) throw fsError('EEXIST', 'link', path);
      files.set(full, content);
    },
    async createLockFile(path, content, root) {
      await this.createPrivateFile(path, content, root);
    },
    pid,
    isRunning: (id) => running.has(id),
    async writePrivateFile(path, content) {
      const full = checkPath(path, 'open');
      if (kind(full) === 'directory') throw fsError('EISDIR', 'rename', path);
      links.delete(full);
      files.set(full, content);
    },
    async ensurePrivateFolder(folder) {
      const full = checkPath(folder, 'mkdir');
      for (let at = full; at !== '/'; at = posix.dirname(at)) {
        if (kind(at) === 'file') throw fsError('ENOTDIR', 'mkdir', folder);
      }
    },
    async removeFile(path) {
      files.delete(resolve(path));
    },
    async inspectDestination(path) {
      const full = resolve(path);
      if (links.has(full)) return { kind: 'link' };
      const found = kind(full);
      if (found === 'directory') return { kind: 'folder' };
      const parent = kind(posix.dirname(full));
      const folderError = parent === 'directory' ? null : parent === 'file' ? 'ENOTDIR' : 'ENOENT';
      if (found === 'missing') return { kind: 'missing', id: full, folderError };
      const entry = files.get(full) as string | Uint8Array;
      // As the real Io reads the head: its bytes as UTF-8.
      const text = typeof entry === 'string' ? entry : Buffer.from(entry).toString('utf8');
      return {
        kind: 'file',
        id: full,
        head: text.slice(0, 4096),
        readOnly: readOnly.has(full),
        input: inputs.has(full),
        folderError,
      };
    },
    async kindOf(path) {
      if (path.includes('\0') || path === '') return 'missing';
      return kind(follow(resolve(path)));
    },
    async *walk(dir, extensions): AsyncIterable<WalkEntry> {
      const root = resolve(dir);
      const under = (path: string, folder: string) => path.startsWith(`${folder.replace(/\/$/, '')}/`);
      const matches = (path: string) => extensions.some((e) => path.endsWith(e));
      // Named as the real walk names them: the folder as given, joined with the path below it.
      const named = (path: string) => posix.join(dir, posix.relative(root, path));
      // Like the real walk: a folder it cannot read is said once, and nothing under it is found.
      const blocked = [...unreadable].filter((folder) => folder === root || under(folder, root));
      for (const folder of blocked) yield { kind: 'unreadable', path: named(folder), code: 'EACCES' };
      const reachable = (path: string) => under(path, root) && !blocked.some((folder) => under(path, folder));
      for (const [path, entry] of [...files]) {
        if (isFile(entry) && reachable(path) && matches(path)) yield { kind: 'file', path: named(path) };
      }
      // Links inside the folder: to a file, read like one; to a folder, passed over.
      for (const [path, target] of [...links]) {
        if (!reachable(path)) continue;
        if (kind(target) === 'directory')
          yield { kind: 'passed-over', path: named(path), why: 'link-to-folder' };
        else if (matches(path)) yield { kind: 'file', path: named(path) };
      }
    },
    // One entry at a time: the real reader's batches are a matter of speed.
    async *readFolder(dir, extensions): AsyncIterable<FolderEntry[]> {
      for await (const entry of this.walk(dir, extensions)) {
        if (entry.kind !== 'file') yield [entry];
        else {
          try {
            yield [{ ...entry, read: await this.readFileAndId(entry.path) }];
          } catch (error) {
            const { code, message } = error as NodeJS.ErrnoException;
            yield [{ ...entry, read: { error: code === undefined ? { message } : { code, message } } }];
          }
        }
      }
    },
    async readFileAndId(path) {
      const bytes = await this.readFile(path);
      return { bytes, id: await this.fileId(path) };
    },
    async fileId(path) {
      if (path.includes('\0') || path === '') return null;
      const full = follow(resolve(path));
      return kind(full) === 'missing' ? null : full;
    },
  };
}
