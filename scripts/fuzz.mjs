// Runs the property tests' properties (test/property/properties.ts) at fuzzing size: 100,000 cases in all,
// split across the input kinds, and prints what it tried.
//
//   npm run fuzz                                       all kinds, 100,000 cases, a fresh seed
//   npm run fuzz -- --runs 5000 --kind csv --seed 42   a smaller or narrower run
//   npm run fuzz -- --kind csv --seed 42 --path 17:3   replay one case (as printed in the table) and say what happens
//
// The properties are bundled with esbuild into .tmp/fuzz/ (two folders deep, like test/support/, so the
// in-memory Io finds the real bank at the same relative URL). Each kind runs in a child process, as many at a
// time as there are CPUs: a case that loops synchronously or exhausts memory cannot stop the others, and the
// parent sees it as a hang or a crash at a known case, then carries on with the next one.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}.tmp/fuzz/`;
const BUNDLE = `${OUT}properties.mjs`;
/** No word from a child for this long: the case it started is stuck in a synchronous loop. */
const STALL_MS = 60_000;
/** Distinct failures per kind that get shrunk to a minimal counterexample. */
const SHRINK_PER_KIND = 5;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    kind: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    child: { type: 'string' },
    from: { type: 'string', default: '0' },
    shrink: { type: 'string' },
    'include-known': { type: 'boolean', default: false },
  },
});

const write = (text) => process.stdout.write(`${text}\n`);

async function bundle() {
  const { build } = await import('esbuild');
  await mkdir(OUT, { recursive: true });
  await build({
    entryPoints: [`${ROOT}test/property/properties.ts`],
    outfile: BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

async function load() {
  const [fc, properties] = await Promise.all([import('fast-check'), import(pathToFileURL(BUNDLE).href)]);
  const kind = (name) => {
    const found = properties.KINDS.find((k) => k.name === name);
    if (!found)
      throw new Error(`no kind "${name}"; kinds: ${properties.KINDS.map((k) => k.name).join(', ')}`);
    return found;
  };
  return { fc: fc.default, ...properties, kind };
}

// ---- child: one kind, one line of JSON per event on stdout ----------------------------------------

async function child() {
  const { fc, kind, runCase, violations, signature, describe, knownBug } = await load();
  const send = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
  const k = kind(args.child);
  const seed = Number(args.seed);

  if (args.shrink !== undefined) {
    // Replays the failing case and shrinks it; the last failure fast-check saw is the minimal one.
    let last;
    const details = await fc.check(
      fc.asyncProperty(k.arbitrary, async (c) => {
        const o = await runCase(c);
        const problems = violations(c, o);
        if (problems.length > 0) last = { text: describe(c, o, problems), exact: c };
        return problems.length === 0;
      }),
      { seed, path: args.shrink, numRuns: 1, interruptAfterTimeLimit: 120_000 },
    );
    send({ shrunk: details.failed ? details.counterexamplePath : null, ...last });
    return;
  }

  const from = Number(args.from);
  let index = from;
  await fc.check(
    fc.asyncProperty(k.arbitrary, async (c) => {
      const i = index++;
      // Said before the case runs: if it takes the process down, the parent knows which case and whether a
      // known bug explains it.
      const knownInput = knownBug(c)?.id;
      send({ start: i, known: knownInput });
      if (knownInput && !args['include-known']) {
        // A known bug that hangs or exhausts memory costs a minute a case and says nothing new.
        send({ failure: i, signature: 'known input, not run', known: knownInput, skipped: true, text: '' });
        return true;
      }
      const o = await runCase(c);
      send({ exit: o.code ?? (o.hung ? 'hung' : 'rejected') });
      const problems = violations(c, o);
      if (problems.length > 0) {
        const known = knownBug(c, problems)?.id;
        send({ failure: i, signature: signature(problems), known, text: describe(c, o, problems) });
      }
      return true;
    }),
    { seed, numRuns: Number(args.runs), ...(from > 0 ? { path: String(from) } : {}) },
  );
  send({ done: index });
}

/** Runs a child to its end; resolves with its events, or with how it died. */
function runChild(childArgs, onEvent) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), ...childArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stalled = false;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        proc.kill('SIGKILL');
      }, STALL_MS);
    };
    arm();
    proc.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    createInterface({ input: proc.stdout }).on('line', (line) => {
      arm();
      try {
        onEvent(JSON.parse(line));
      } catch {
        stderr += `${line}\n`;
      }
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stalled, stderr });
    });
  });
}

// ---- parent ---------------------------------------------------------------------------------------

const reproCommand = (kind, seed, path) => `npm run fuzz -- --kind ${kind} --seed ${seed} --path ${path}`;

/** Runs one kind to its count, restarting after a case that hangs or crashes the child. */
async function fuzzKind(kind, runs, seed) {
  const result = { kind: kind.name, runs: 0, failures: [], seed, exits: {} };
  let from = 0;
  while (from < runs) {
    let started = from - 1;
    let startedKnown;
    let done = false;
    const exit = await runChild(
      [
        ...[
          '--child',
          kind.name,
          '--seed',
          String(seed),
          '--runs',
          String(runs - from),
          '--from',
          String(from),
        ],
        ...(args['include-known'] ? ['--include-known'] : []),
      ],
      (event) => {
        if (event.start !== undefined) {
          started = event.start;
          startedKnown = event.known;
        }
        if (event.failure !== undefined) result.failures.push({ index: event.failure, ...event });
        if (event.exit !== undefined) result.exits[event.exit] = (result.exits[event.exit] ?? 0) + 1;
        if (event.done !== undefined) done = true;
      },
    );
    result.runs = started + 1;
    if (done) break;
    const why = exit.stalled
      ? `hang: no progress for ${STALL_MS / 1000} s (a synchronous loop), killed`
      : `crash: the fuzzing process died (${exit.signal ?? `exit ${exit.code}`}): ${exit.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    result.failures.push({
      index: started,
      signature: why.split(':')[0],
      text: why,
      killed: true,
      known: startedKnown,
    });
    from = started + 1;
  }
  return result;
}

async function shrink(kind, seed, failure) {
  if (failure.killed) return { path: String(failure.index), text: failure.text };
  let shrunk;
  const exit = await runChild(
    ['--child', kind.name, '--seed', String(seed), '--shrink', String(failure.index)],
    (event) => {
      shrunk = event;
    },
  );
  if (!shrunk)
    return { path: String(failure.index), text: `${failure.text}\n(shrinking died: ${exit.stderr.trim()})` };
  return {
    path: shrunk.shrunk ?? String(failure.index),
    text: shrunk.text ?? failure.text,
    exact: shrunk.exact,
  };
}

async function pool(tasks, size) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const HEADER = [
  'input kind',
  'cases',
  'exit 0/1/2',
  'failures',
  'known bugs',
  'known, not run',
  'new',
  'reproduce (first new)',
];

function table(rows) {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((row) => String(row[i]).length)));
  const line = (row) => `| ${row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [line(HEADER), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function parent() {
  await bundle();
  const { KINDS, kind: findKind, fc, property } = await load();
  const seed = args.seed === undefined ? Date.now() % 2 ** 31 : Number(args.seed);

  if (args.path !== undefined) {
    const kind = findKind(args.kind);
    write(`Replaying ${kind.name}, seed ${seed}, path ${args.path}:`);
    const details = await fc.check(property(kind), { seed, path: args.path, numRuns: 1, endOnFailure: true });
    write(
      details.failed
        ? String(details.errorInstance?.message ?? details.error)
        : 'passes: every invariant holds.',
    );
    process.exitCode = details.failed ? 1 : 0;
    return;
  }

  const kinds = args.kind ? [findKind(args.kind)] : KINDS;
  const planned = kinds.reduce((sum, k) => sum + k.fuzzRuns, 0);
  const total = Number(args.runs);
  const started = Date.now();
  write(
    `Fuzzing ${total} cases over ${kinds.length} input kinds, seed ${seed}, ${availableParallelism()} at a time…`,
  );
  const results = await pool(
    kinds.map((kind) => async () => {
      const runs = Math.max(1, Math.round((kind.fuzzRuns / planned) * total));
      const result = await fuzzKind(kind, runs, seed);
      write(`  ${kind.name}: ${result.runs} cases, ${result.failures.length} failures`);
      return result;
    }),
    availableParallelism(),
  );

  const rows = [];
  const details = [];
  for (const result of results) {
    const kind = findKind(result.kind);
    const skipped = result.failures.filter((f) => f.skipped);
    const failures = result.failures.filter((f) => !f.skipped);
    const bySignature = new Map();
    for (const failure of failures) {
      const key = `${failure.known ?? ''} ${failure.signature}`;
      if (!bySignature.has(key)) bySignature.set(key, []);
      bySignature.get(key).push(failure);
    }
    // New failures first: they are the news.
    const groups = [...bySignature.values()].sort(
      (a, b) => Number(Boolean(a[0].known)) - Number(Boolean(b[0].known)) || b.length - a.length,
    );
    const shrunk = await pool(
      groups.slice(0, SHRINK_PER_KIND).map((group) => () => shrink(kind, seed, group[0])),
      availableParallelism(),
    );
    const repro = shrunk.map((s) => reproCommand(kind.name, seed, s.path));
    const known = failures.filter((f) => f.known).length;
    const fresh = groups.filter((group) => !group[0].known);
    rows.push([
      kind.name,
      result.runs,
      [0, 1, 2].map((code) => result.exits[code] ?? 0).join('/'),
      failures.length,
      known,
      skipped.length,
      `${failures.length - known} (${fresh.length} distinct)`,
      fresh.length > 0 ? repro[0] : '-',
    ]);
    for (const [i, s] of shrunk.entries()) {
      const group = groups[i];
      details.push({ kind: kind.name, count: group.length, known: group[0].known, repro: repro[i], ...s });
    }
    const skippedBugs = [...new Set(skipped.map((f) => f.known))];
    for (const bug of skippedBugs) {
      const count = skipped.filter((f) => f.known === bug).length;
      details.push({
        kind: kind.name,
        count,
        known: bug,
        skipped: true,
        repro: reproCommand(kind.name, seed, skipped.find((f) => f.known === bug).index),
      });
    }
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  write('');
  write(table(rows));
  write('');
  write(
    `${rows.reduce((sum, row) => sum + row[1], 0)} cases in ${seconds} s, seed ${seed}. A failure is a crash, a hang ` +
      'or a broken invariant (test/property/properties.ts); "known" ones are in its KNOWN_BUGS.',
  );
  for (const d of details) {
    write('');
    if (d.skipped) {
      write(
        `── ${d.kind}: ${d.count} case(s) of known bug ${d.known} not run (they hang; --include-known runs them)`,
      );
      write(`reproduce: ${d.repro}`);
      continue;
    }
    const known = d.known ? ` (known bug: ${d.known})` : '';
    write(`── ${d.kind}: ${d.count} case(s) like this one${known}, shrunk to:`);
    write(d.text);
    write(`reproduce: ${d.repro}`);
  }
  await writeFile(
    `${OUT}report.json`,
    `${JSON.stringify({ seed, seconds, header: HEADER, rows, details }, null, 2)}\n`,
  );
  write('');
  write(`The exact counterexamples are in ${OUT}report.json.`);
  process.exitCode = details.some((d) => !d.known) ? 1 : 0;
}

await (args.child ? child() : parent());
