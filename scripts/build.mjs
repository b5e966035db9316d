// Bundles the CLI into dist/: the program as one script (app.cjs), the loader that runs it with a code cache
// (cli.js), and the built-in bank as checked JSON (bank.json).
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Each build starts from an empty folder (nothing stale gets packed), beside dist/, and swaps the folders in,
// so a run of the CLI never sees half a build.
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const fresh = `${dist}.new-${process.pid}`;
const old = `${dist}.old-${process.pid}`;
// A failed build leaves no half-built folder behind.
process.on('exit', (code) => {
  if (code !== 0) rmSync(fresh, { recursive: true, force: true });
});

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// commander requires child_process at load time (most of what --version costs beyond node itself) for
// executable subcommands, which this CLI has none of: it gets a stand-in that loads the real one if ever used.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}commander${sep}`)
        ? { path: 'child_process', namespace: 'lazy' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

// Libraries only some runs need are scripts of their own under dist/vendor/, loaded when first required (see
// src/boot/loader.ts): a scoring run reads and compiles none of them. Each is its own bundle; none shares state with
// the program or another.
const VENDORS = {
  yaml: 'yaml.cjs',
  'csv-parse/sync': 'csv-parse-sync.cjs',
  '@inquirer/core': 'inquirer-core.cjs',
  chalk: 'chalk.cjs',
  fflate: 'fflate.cjs',
};
// What the program takes from an ES module library, so the rest is left out (the questionnaire's prompts are
// its own, built on the prompt library's core); the others are CommonJS and come whole.
const VENDOR_EXPORTS = {
  '@inquirer/core': [
    'createPrompt',
    'isBackspaceKey',
    'isDownKey',
    'isEnterKey',
    'isUpKey',
    'useEffect',
    'useKeypress',
    'usePagination',
    'useRef',
    'useState',
  ],
  chalk: ['Chalk'],
  // An .xlsx run unzips; the browser build, since the Node one loads worker_threads at start-up (10 ms).
  fflate: { from: 'fflate/browser', names: ['unzipSync', 'strFromU8'] },
};
const SCRIPT_HEAD = '(function (exports, require, module, __filename, __dirname, __wfwUrl) {';
const SCRIPT_TAIL = '\n})';
const scriptOptions = {
  plugins: [lazyChildProcess],
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

// The program: one script (dist/app.cjs) that dist/cli.js compiles with a V8 code cache (src/boot/loader.ts).
const app = await build({
  ...scriptOptions,
  entryPoints: ['src/node/start.ts'],
  outfile: `${fresh}/app.cjs`,
  external: Object.keys(VENDORS),
  // The loader passes the script's own file URL in, as import.meta would be in a module.
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__wfwUrl' },
});
const scripts = { 'app.cjs': app.outputFiles[0].text };
for (const [id, file] of Object.entries(VENDORS)) {
  const vendor = await build({
    ...scriptOptions,
    stdin: {
      contents: VENDOR_EXPORTS[id]
        ? `export { ${(VENDOR_EXPORTS[id].names ?? VENDOR_EXPORTS[id]).join(', ')} } from ${JSON.stringify(VENDOR_EXPORTS[id].from ?? id)};`
        : `module.exports = require(${JSON.stringify(id)});`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: `${fresh}/vendor/${file}`,
  });
  scripts[`vendor/${file}`] = vendor.outputFiles[0].text;
}
await mkdir(`${fresh}/vendor`, { recursive: true });
const hash = createHash('sha256');
for (const [file, text] of Object.entries(scripts)) {
  if (/\bimport\(/.test(text))
    throw new Error(`dist/${file} must not import(): the loader gives it no module loader`);
  // As a function expression, so the loader compiles the file as it is (src/boot/loader.ts).
  const wrapped = `${SCRIPT_HEAD}${text}${SCRIPT_TAIL}`;
  await writeFile(`${fresh}/${file}`, wrapped);
  hash.update(file).update(wrapped);
}

// The thread that reads a large team folder ahead of the program (src/node/read-ahead.ts): started by path, as a
// worker, so a plain CommonJS script of its own, beside the program's.
await build({
  ...scriptOptions,
  write: true,
  entryPoints: ['src/node/read-worker.ts'],
  outfile: `${fresh}/read-worker.cjs`,
});

await build({
  entryPoints: { cli: 'src/boot/loader.ts' },
  outdir: fresh,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: {
    __APP_HASH__: JSON.stringify(hash.digest('hex').slice(0, 16)),
    __VENDORS__: JSON.stringify(VENDORS),
  },
  logLevel: 'warning',
});

// The built-in bank, parsed and checked once here, so a run reads JSON instead of parsing YAML and running the
// schema checks (see loadBank). A bank with problems fails the build.
const checker = await build({
  entryPoints: ['src/core/bank.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const { checkBank, COMPILED_BANK_FORMAT } = await import(
  `data:text/javascript;base64,${Buffer.from(checker.outputFiles[0].text).toString('base64')}`
);
const { parse } = await import('yaml');
const bankYaml = await readFile(new URL('../questions/who-failed-whom.yaml', import.meta.url), 'utf8');
const { bank, problems } = checkBank(parse(bankYaml));
if (!bank) {
  throw new Error(
    `questions/who-failed-whom.yaml has problems; run: who-failed-whom validate questions/who-failed-whom.yaml\n${JSON.stringify(problems, null, 2)}`,
  );
}
await writeFile(`${fresh}/bank.json`, JSON.stringify({ format: COMPILED_BANK_FORMAT, bank }));

await rename(dist, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(fresh, dist);
await rm(old, { recursive: true, force: true });
