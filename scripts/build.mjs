// Bundles the CLI into dist/: one file for the start-up path, and a lazily loaded chunk for the prompts.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
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

await build({
  plugins: [withoutEditorPrompt],
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

// The built-in bank, parsed once here so a run reads JSON instead of parsing YAML (see loadBank).
const { parse } = await import('yaml');
const bankYaml = await readFile(new URL('../questions/who-failed-whom.yaml', import.meta.url), 'utf8');
await writeFile(`${fresh}/bank.json`, JSON.stringify(parse(bankYaml)));

await rename(dist, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(fresh, dist);
await rm(old, { recursive: true, force: true });
