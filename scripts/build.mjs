// Bundles the CLI into dist/: one file for the start-up path, and a lazily loaded chunk for the prompts.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Chunk names carry a hash, so each build starts from an empty folder (else old chunks pile up and get
// packed). It builds beside dist/ and swaps the folders, so a run of the CLI never sees half a build.
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const fresh = `${dist}.new-${process.pid}`;
const old = `${dist}.old-${process.pid}`;

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// @inquirer/prompts re-exports every prompt, and its editor prompt drags in iconv-lite and chardet (670 KB
// that esbuild cannot shake out of CommonJS). The questionnaire never opens an editor, so it gets a stub.
const withoutEditorPrompt = {
  name: 'without-editor-prompt',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@inquirer\/editor$/ }, () => ({ path: 'editor', namespace: 'stub' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export default function editor() { throw new Error('the editor prompt is not bundled'); }",
      loader: 'js',
    }));
  },
};

// commander requires child_process at load time (5 ms, most of what --version costs beyond node itself) for
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

await build({
  plugins: [withoutEditorPrompt, lazyChildProcess],
  entryPoints: { cli: 'src/start.ts' },
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies call require() for Node built-ins, and use __filename (write-file-atomic hashes it
  // into its temporary names); an ESM bundle has neither, so each chunk gets its own.
  banner: {
    js:
      "import { createRequire as __wfwCreateRequire } from 'node:module'; const require = __wfwCreateRequire(import.meta.url);" +
      " import { fileURLToPath as __wfwFileURLToPath } from 'node:url'; const __filename = __wfwFileURLToPath(import.meta.url);",
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
  await rm(fresh, { recursive: true, force: true });
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
