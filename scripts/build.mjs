// Bundles the CLI into dist/: one file for the start-up path, and a lazily loaded chunk for the prompts.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

// Chunk names carry a hash: without a clean folder, every build would leave the old ones to be packed.
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });

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
  // CommonJS dependencies call require() for Node built-ins, and use __filename (write-file-atomic hashes it
  // into its temporary names); an ESM bundle has neither, so each chunk gets its own.
  banner: {
    js:
      "import { createRequire as __wfwCreateRequire } from 'node:module'; const require = __wfwCreateRequire(import.meta.url);" +
      " import { fileURLToPath as __wfwFileURLToPath } from 'node:url'; const __filename = __wfwFileURLToPath(import.meta.url);",
  },
  logLevel: 'warning',
});
