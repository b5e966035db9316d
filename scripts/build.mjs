// Bundles the CLI into dist/: one file for the start-up path, and a lazily loaded chunk for the prompts.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { cli: 'src/start.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies call require() for Node built-ins; an ESM bundle needs a real require for that.
  banner: {
    js: "import { createRequire as __wfwCreateRequire } from 'node:module'; const require = __wfwCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
