/**
 * Where the loader (src/boot/loader.ts) keeps its V8 code caches, which ones a run may use, and how they are read,
 * written and cleaned. A cache is compiled code that runs as it is, so it is only ever read from a file and a
 * folder of this user's that nobody else can write to (checked at every read: private-file.ts), only if it is
 * whole (cache-seal.ts), and only for the exact file it was made from.
 */
import { HELP_WORDS, isCommandName } from '../command-names.js';
import { seal, unseal } from './cache-seal.js';
import { ensurePrivateFolder, readPrivateFile, writePrivateFile } from './private-file.js';

const fs = process.getBuiltinModule('node:fs');
const { basename, isAbsolute, join, resolve } = process.getBuiltinModule('node:path');

type Env = Record<string, string | undefined>;

/** Where the caches live; undefined turns them off. */
export function cacheFolder(env: Env, platform: string): string | undefined {
  if (env.WHO_FAILED_WHOM_NO_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.WHO_FAILED_WHOM_CACHE_DIR) return resolve(env.WHO_FAILED_WHOM_CACHE_DIR);
  if (platform === 'win32') return env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'who-failed-whom');
  const home = env.HOME;
  if (platform === 'darwin') return home && join(home, 'Library', 'Caches', 'who-failed-whom');
  // The XDG spec: a relative XDG_CACHE_HOME is to be ignored.
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  const base = xdg ?? (home && join(home, '.cache'));
  return base && join(base, 'who-failed-whom');
}

/**
 * Each kind of run keeps its own cache of the program, holding the code that kind of run compiles. A guess
 * from argv is enough: a wrong guess costs speed, never correctness.
 */
export function cacheKind(argv: string[], stdinIsTerminal: boolean): string {
  if (argv.some((arg) => HELP_WORDS.includes(arg))) return 'help';
  if (argv.some((arg) => ['--version', '-V', '-v'].includes(arg))) return 'version';
  // An HTML report compiles the page and its charts, which no other run needs: a cache of its own, so neither
  // kind of run pays for the other's code.
  const html = asksForHtml(argv) ? '-html' : '';
  const command = argv.find(isCommandName);
  if (command) return `${command}${html}`;
  const answers = argv.some((arg) => ['--answers', '-a'].includes(arg) || arg.startsWith('--answers='));
  return answers || !stdinIsTerminal ? `assess${html}` : 'questionnaire';
}

function asksForHtml(argv: string[]): boolean {
  return argv.some(
    (arg, i) => arg === '--format=html' || (['--format', '-f'].includes(arg) && argv[i + 1] === 'html'),
  );
}

/**
 * The cache file of one script for one kind of run: the build's hash, the file's own size and time (so a file
 * changed in place, even to the same length, never meets the cache of its former self), and the Node version.
 */
export function cacheFile(
  folder: string,
  build: string,
  script: import('node:fs').Stats,
  kind: string,
): string {
  const file = `${Math.trunc(script.mtimeMs).toString(36)}${script.size.toString(36)}`;
  return join(folder, `${build}-${file}-${process.version}-${process.arch}-${kind}.v8`);
}

// This tool's cache files, finished (.v8) or left half-written by a run that was killed (.tmp).
const OURS = /^([0-9a-f]{16})-[0-9a-z]+-v\d+\.\d+\.\d+-\w+-[\w-]+\.v8(\.\d+\.tmp)?$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Other builds' caches stay a while, so two versions in use (a global install and npx) both start warm; but only
 * the latest few, or a machine that builds often (CI, development) would pile them up.
 */
const KEEP_OTHER_BUILDS = 2;
const KEEP_OTHER_BUILDS_MS = 30 * DAY_MS;

/** Which files of the cache folder to remove: files that are not this tool's caches are never among them. */
export function staleCaches(
  files: { name: string; mtimeMs: number }[],
  build: string,
  now: number,
): string[] {
  const newestOfBuild = new Map<string, number>();
  for (const { name, mtimeMs } of files) {
    const match = OURS.exec(name);
    if (match?.[1] && match[1] !== build && !match[2]) {
      newestOfBuild.set(match[1], Math.max(newestOfBuild.get(match[1]) ?? 0, mtimeMs));
    }
  }
  const kept = new Set(
    [...newestOfBuild]
      .filter(([, newest]) => now - newest <= KEEP_OTHER_BUILDS_MS)
      .sort((a, b) => b[1] - a[1])
      .slice(0, KEEP_OTHER_BUILDS)
      .map(([other]) => other),
  );
  return files
    .filter(({ name, mtimeMs }) => {
      const match = OURS.exec(name);
      if (!match) return false;
      if (match[2]) return now - mtimeMs > DAY_MS;
      return match[1] !== build && !kept.has(match[1] as string);
    })
    .map(({ name }) => name);
}

/** Far above any real cache (they are kilobytes), so a wrong file at the path is never read whole. */
export const MAX_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * The code cache at the path, checked: undefined unless the folder and the file are this user's alone and the
 * file is whole and was made for this very cache (its name, which names the script and the run, is the key).
 */
export function readCache(folder: string, path: string): Buffer | undefined {
  const file = readPrivateFile(folder, path, MAX_CACHE_BYTES);
  return file && unseal(basename(path), file);
}

export interface Pending {
  path: string;
  data: () => Buffer;
}

/**
 * Writes the caches into the folder, made private if it does not exist yet, and only if it is private (checked
 * now, not at start: the folder may have changed while the program ran). Any failure skips the cache.
 */
export function writeCaches(folder: string, build: string, pending: Pending[]): void {
  try {
    if (!ensurePrivateFolder(folder)) return;
    const files = fs
      .readdirSync(folder)
      .filter((name) => OURS.test(name))
      .map((name) => ({ name, mtimeMs: fs.lstatSync(join(folder, name)).mtimeMs }));
    for (const name of staleCaches(files, build, Date.now())) fs.rmSync(join(folder, name), { force: true });
  } catch {
    // A read-only home: the next run compiles again, that is all.
    return;
  }
  for (const { path, data } of pending) {
    try {
      writePrivateFile(path, seal(basename(path), data()));
    } catch {
      // A full disk: this cache is made again next time.
    }
  }
}
