// The architecture check: each folder of src/ is a layer that may import only the layers and packages listed in
// LAYERS (the README's table says the same in words), and no module may reach itself through its imports, type
// imports and lazy import() calls included. `npm test` runs it; it exits 1 naming every broken rule.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** Layer → the layers it may import (its own always included) and the packages it may load. */
export const LAYERS = {
  root: { layers: [], packages: ['node:stream'] },
  core: { layers: [], packages: ['valibot'] },
  render: { layers: ['root', 'core'], packages: ['chalk', 'yaml'] },
  // node:path in input: path arithmetic only (a config file's paths are relative to it); files still go through the Io.
  input: { layers: ['root', 'core'], packages: ['yaml', 'csv-parse/sync', 'fflate', 'node:path'] },
  output: { layers: ['root', 'core'], packages: ['node:*'] },
  // node:readline and node:events: the text prompt reads the terminal's keys itself, to take a paste in runs.
  prompt: {
    layers: ['root', 'core', 'render'],
    packages: ['@inquirer/core', 'node:readline', 'node:events'],
  },
  commands: {
    layers: ['root', 'core', 'render', 'input', 'output', 'prompt'],
    packages: ['node:path'],
  },
  cli: { layers: ['root', 'core', 'render', 'commands'], packages: ['commander'] },
  node: { layers: ['root', 'cli', 'output'], packages: ['node:*'] },
  boot: { layers: ['root'], packages: ['node:*'] },
};

function layerOf(srcDir, file) {
  const rel = relative(srcDir, file).split(/[\\/]/);
  return rel.length === 1 ? 'root' : rel[0];
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function importsOf(text) {
  const found = [];
  for (const match of text.replace(/^\s*\/\/.*$/gm, '').matchAll(IMPORT)) found.push(match[1] ?? match[2]);
  return found;
}

function allowedPackage(spec, packages) {
  return packages.some((p) => p === spec || (p === 'node:*' && spec.startsWith('node:')));
}

export function check(srcDir = src) {
  const problems = [];
  const graph = new Map();
  const files = [...walk(srcDir)];
  for (const file of files) {
    const layer = layerOf(srcDir, file);
    const rule = LAYERS[layer];
    const name = posix.normalize(relative(srcDir, file).split('\\').join('/'));
    const edges = [];
    if (!rule) {
      problems.push(
        `src/${name}: folder "${layer}" is not a layer; add it to scripts/check-layers.mjs and the README`,
      );
      continue;
    }
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec.replace(/\.js$/, '.ts'));
        const targetLayer = layerOf(srcDir, target);
        edges.push(relative(srcDir, target).split('\\').join('/'));
        if (targetLayer !== layer && !rule.layers.includes(targetLayer)) {
          problems.push(`src/${name}: the ${layer} layer may not import ${targetLayer} (${spec})`);
        }
      } else if (!allowedPackage(spec, rule.packages)) {
        problems.push(`src/${name}: the ${layer} layer may not import "${spec}"`);
      }
    }
    graph.set(name, edges);
  }
  problems.push(...cycles(graph).map((cycle) => `import circle: ${cycle.join(' → ')}`));
  return problems;
}

/** Every elementary circle found by a depth-first walk, each reported once (from its smallest member). */
export function cycles(graph) {
  const found = new Map();
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const key = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(key.join(' '), [...key, key[0]]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return [...found.values()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = check();
  for (const line of problems) process.stderr.write(`${line}\n`);
  if (problems.length > 0) {
    process.stderr.write(
      `check-layers: ${problems.length} problem(s); see the README's "Architecture" table\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('check-layers: every import follows the layer rules; 0 import circles\n');
  }
}
