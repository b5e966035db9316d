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
  if (builtin === undefined) throw new Error(`who-failed-whom: ${id} was not bundled; reinstall the package`);
  return builtin;
}) as NodeJS.Require;

/** A hash of every script in dist/, set by scripts/build.mjs: a cache made for other code is never used. */
declare const __APP_HASH__: string;
/** Package name → its script under dist/vendor/, set by scripts/build.mjs. */
declare const __VENDORS__: Record<string, string>;

type Env = Record<string, string | undefined>;

/** Where the caches live; undefined turns them off. */
export function cacheFolder(env: Env, platform: string): string | undefined {
  if (env.WHO_FAILED_WHOM_NO_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.WHO_FAILED_WHOM_CACHE_DIR) return env.WHO_FAILED_WHOM_CACHE_DIR;
  if (platform === 'win32') return env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'who-failed-whom');
  const home = env.HOME;
  if (platform === 'darwin') return home && join(home, 'Library', 'Caches', 'who-failed-whom');
  const base = env.XDG_CACHE_HOME || (home && join(home, '.cache'));
  return base && join(base, 'who-failed-whom');
}

const COMMANDS = new Set(['template', 'questions', 'team', 'validate', 'init']);

/**
 * Each kind of run keeps its own cache of the program, holding the code that kind of run compiles. A guess
 * from argv is enough: a wrong guess costs speed, never correctness.
 */
export function cacheKind(argv: string[], stdinIsTerminal: boolean): string {
  if (argv.some((arg) => ['--help', '-h', 'help'].includes(arg))) return 'help';
  if (argv.some((arg) => ['--version', '-V', '-v'].includes(arg))) return 'version';
  const command = argv.find((arg) => COMMANDS.has(arg));
  if (command) return command;
  const answers = argv.some((arg) => ['--answers', '-a'].includes(arg) || arg.startsWith('--answers='));
  return answers || !stdinIsTerminal ? 'assess' : 'questionnaire';
}

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
  cachePath: string | undefined;
  /** The cache on disk holds this script's code: it was read and accepted, or written by this run. */
  cached: boolean;
}

/** A questionnaire can be left at any question (Ctrl-C, a closed terminal): its cache is kept before then. */
const QUESTIONNAIRE_SAVE_MS = 1000;

/** Runs one bundled CommonJS script from dist/, compiled with its cache when there is one. */
function runScript(
  relative: string,
  cachePath: string | undefined,
  require: NodeJS.Require,
  loaded: Loaded[],
): unknown {
  const file = join(import.meta.dirname, relative);
  let cachedData: Buffer | undefined;
  try {
    if (cachePath) cachedData = fs.readFileSync(cachePath);
  } catch {
    // No cache yet.
  }
  // The build wraps each script in its function already: wrapping here would copy the whole text once more.
  const script = new Script(fs.readFileSync(file, 'utf8'), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  loaded.push({ script, cachePath, cached: cachedData !== undefined && !script.cachedDataRejected });
  const module = { exports: {} };
  const url = new URL(relative, import.meta.url).href;
  script.runInThisContext()(module.exports, require, module, file, join(file, '..'), url);
  return module.exports;
}

/** Written beside and renamed into place, so a reader never sees half a cache; any failure skips it. */
function saveCaches(folder: string, loaded: Loaded[]): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (const name of fs.readdirSync(folder)) {
      // Caches of other builds are dead weight once this one runs.
      if (name.endsWith('.v8') && !name.startsWith(`${__APP_HASH__}-`))
        fs.rmSync(join(folder, name), { force: true });
    }
    for (const entry of loaded) {
      const { script, cachePath } = entry;
      if (!cachePath || entry.cached) continue;
      const temporary = `${cachePath}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, cachePath);
      entry.cached = true;
    }
  } catch {
    // A read-only home, a full disk: the next run compiles again, that is all.
  }
}

export async function start(argv = process.argv.slice(2)): Promise<void> {
  const folder = cacheFolder(process.env, process.platform);
  const cachePath = (name: string) =>
    folder && join(folder, `${__APP_HASH__}-${process.version}-${process.arch}-${name}.v8`);
  const loaded: Loaded[] = [];
  const vendors = new Map<string, unknown>();
  // The program's require: the libraries it was bundled without come from dist/vendor/, the rest from Node.
  const appRequire = ((id: string) => {
    const file = __VENDORS__[id];
    if (file === undefined) return builtinRequire(id);
    if (!vendors.has(id)) {
      const name = `vendor-${file.replace(/\.cjs$/, '')}`;
      vendors.set(id, runScript(`vendor/${file}`, cachePath(name), builtinRequire, loaded));
    }
    return vendors.get(id);
  }) as NodeJS.Require;

  const kind = cacheKind(argv, stdinIsTerminal());
  const app = runScript('app.cjs', cachePath(kind), appRequire, loaded) as {
    start(argv: string[]): Promise<void>;
  };
  const save = () => {
    if (folder && loaded.some((entry) => !entry.cached)) {
      saveCaches(folder, loaded);
    }
  };
  // By then the first question is on screen, and everything it took to get there is compiled.
  if (kind === 'questionnaire') setTimeout(save, QUESTIONNAIRE_SAVE_MS).unref();
  await app.start(argv);
  save();
}
