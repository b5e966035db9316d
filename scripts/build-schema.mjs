// Writes schema/bank.schema.json and schema/answers.schema.json from the valibot schemas (scripts/json-schema.ts).
// In CI (CI set) or with --check it writes nothing and fails when a committed schema differs from the code, so a
// schema that drifted cannot pass unnoticed; run `npm run build` and commit the result.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const check = process.argv.includes('--check') || Boolean(process.env.CI);

// The generator is TypeScript importing the core: bundle it (dependencies left to node_modules) and import that.
const bundle = new URL('node_modules/.cache/who-failed-whom/json-schema.mjs', root);
await build({
  entryPoints: [fileURLToPath(new URL('scripts/json-schema.ts', root))],
  outfile: fileURLToPath(bundle),
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const { renderJsonSchemas, SCHEMA_FILES } = await import(`${bundle.href}?${Date.now()}`);

const schemas = renderJsonSchemas(await readFile(new URL('schema/fields.yaml', root), 'utf8'));
const dir = new URL('schema/', root);
await mkdir(dir, { recursive: true });
const stale = [];
for (const [key, file] of Object.entries(SCHEMA_FILES)) {
  const url = new URL(file, dir);
  const current = await readFile(url, 'utf8').catch(() => undefined);
  if (current === schemas[key]) continue;
  if (check) stale.push(`schema/${file}`);
  else await writeFile(url, schemas[key]);
}
if (stale.length > 0) {
  process.stderr.write(
    `${stale.join(', ')}: out of date with the code. Run npm run build (without CI set) and commit the result.\n`,
  );
  process.exit(1);
}
