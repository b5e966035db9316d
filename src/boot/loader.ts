/**
 * Loads the bundled program (dist/app.cjs, and the libraries under dist/vendor/ when it first requires them)
 * through V8 code caches kept per user.
 *
 * Start-up is mostly compiling code, not running it. Node 20 cannot cache compiled ES modules, and Node 22's
 * compile cache keeps only what a module compiles before it runs (its functions compile lazily, later, and are
 * not kept). A script compiled here is cached after the run, with every function the run compiled, so the next
 * run of the same kind compiles almost nothing. Without a usable cache (first run, read-only home, another Node
 * version) it compiles as usual: a cache only ever makes a run faster, never different.
 */
import { ExitCode } from '../errors.js';
import { cacheFile, cacheFolder, cacheKind, readCache, writeCaches } from './compile-cache.js';

// Built-ins without the module loaders: process.getBuiltinModule (Node 20.16+) costs nothing beyond the module.
const fs = process.getBuiltinModule('node:fs');
const { Script } = process.getBuiltinModule('node:vm');
const { join } = process.getBuiltinModule('node:path');

/**
 * The require that bundled scripts get: everything they use is bundled, so only Node's built-ins are left.
 * Anything else is a build mistake, and says so.
 */
const builtinRequire = ((id: string) => {
  const builtin = process.getBuiltinModule(id);
  if (builtin === undefined) throw new Error(`${id} was not bundled; reinstall who-failed-whom`);
  return builtin;
}) as NodeJS.Require;

/** A hash of every script in dist/, set by scripts/build.mjs: a cache made for other code is never used. */
declare const __APP_HASH__: string;
/** Package name → its script under dist/vendor/, set by scripts/build.mjs. */
declare const __VENDORS__: Record<string, string>;

function stdinIsTerminal(): boolean {
  try {
    // Not node:tty, which loads the network stack: a terminal is a character device, near enough.
    return fs.fstatSync(0).isCharacterDevice();
  } catch {
    return false;
  }
}

interface Loaded {
  script: InstanceType<typeof Script>;
  /** Where its cache is, or would be; undefined without a cache folder. */
  cachePath: string | undefined;
  /** The cache on disk holds this script's code: it was read and accepted, or written by this run. */
  cached: boolean;
}

/** A questionnaire can be left at any question (Ctrl-C, a closed terminal): its cache is kept before then. */
const QUESTIONNAIRE_SAVE_MS = 1000;

/** Runs one bundled CommonJS script from dist/, compiled with its cache when there is a usable one. */
function runScript(
  relative: string,
  cache: { folder: string; kind: string } | undefined,
  require: NodeJS.Require,
  loaded: Loaded[],
): unknown {
  const file = join(import.meta.dirname, relative);
  let source: string;
  let cachePath: string | undefined;
  try {
    if (cache) cachePath = cacheFile(cache.folder, __APP_HASH__, fs.statSync(file), cache.kind);
    // The build wraps each script in its function already: wrapping here would copy the whole text once more.
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `${relative} of the installed package cannot be read (${code}); reinstall who-failed-whom`,
    );
  }
  let cachedData: Buffer | undefined;
  try {
    // Checked at every read, not once at start: a library's script is read long after the program's.
    if (cache && cachePath) cachedData = readCache(cache.folder, cachePath);
  } catch {
    // Checks do not throw; this is for the unforeseen, which costs a compile, never the run.
  }
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  loaded.push({ script, cachePath, cached: cachedData !== undefined && !script.cachedDataRejected });
  const module = { exports: {} };
  const url = new URL(relative, import.meta.url).href;
  script.runInThisContext()(module.exports, require, module, file, join(file, '..'), url);
  return module.exports;
}

export async function start(argv = process.argv.slice(2)): Promise<void> {
  // Whether the folder is usable is checked at each read and write, not here: it may change while the run waits.
  const folder = cacheFolder(process.env, process.platform);
  const cache = (kind: string) => (folder === undefined ? undefined : { folder, kind });
  const loaded: Loaded[] = [];
  const vendors = new Map<string, unknown>();
  // The program's require: the libraries it was bundled without come from dist/vendor/, the rest from Node.
  const appRequire = ((id: string) => {
    const file = __VENDORS__[id];
    if (file === undefined) return builtinRequire(id);
    if (!vendors.has(id)) {
      const kind = `vendor-${file.replace(/\.cjs$/, '')}`;
      vendors.set(id, runScript(`vendor/${file}`, cache(kind), builtinRequire, loaded));
    }
    return vendors.get(id);
  }) as NodeJS.Require;

  const kind = cacheKind(argv, stdinIsTerminal());
  let app: { start(argv: string[]): Promise<void> };
  try {
    app = runScript('app.cjs', cache(kind), appRequire, loaded) as typeof app;
  } catch (error) {
    // Only a broken install gets here (main() reports everything after this point).
    process.stderr.write(`who-failed-whom: ${(error as Error).message}\n`);
    process.exitCode = ExitCode.invalid;
    return;
  }
  const save = () => {
    const pending = loaded.filter((entry) => entry.cachePath !== undefined && !entry.cached);
    if (folder === undefined || pending.length === 0) return;
    writeCaches(
      folder,
      __APP_HASH__,
      pending.map((entry) => ({
        path: entry.cachePath as string,
        data: () => entry.script.createCachedData(),
      })),
    );
    for (const entry of pending) entry.cached = true;
  };
  // By then the first question is on screen, and everything it took to get there is compiled.
  if (kind === 'questionnaire') setTimeout(save, QUESTIONNAIRE_SAVE_MS).unref();
  await app.start(argv);
  save();
}
