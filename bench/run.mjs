// npm run bench: start-up and scale figures against bare node, measured in the same run, interleaved.
// usage: node bench/run.mjs [--runs N] [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || (args.includes('--quick') ? 5 : 15);
const bin = join(root, 'bin/who-failed-whom.js');
if (!existsSync(join(root, 'dist/cli.js')))
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'wfw-bench-'));
const empty = join(work, 'empty.mjs');
writeFileSync(empty, '');
const answers = join(root, 'examples/manager.yaml');

/** A team folder of n answers files: one manager, the rest reps, with varied answers. */
function teamFolder(n) {
  const dir = join(work, `team-${n}`);
  mkdirSync(dir);
  const base = readFileSync(join(root, 'examples/team/rep-a.yaml'), 'utf8');
  for (let i = 0; i < n; i++) {
    const text =
      i === 0
        ? readFileSync(answers, 'utf8')
        : base.replace(/: [1-5]$/gm, () => `: ${1 + ((i * 7 + 3) % 5)}`);
    writeFileSync(join(dir, `r${i}.yaml`), text);
  }
  return dir;
}
const team1k = teamFolder(1000);
const team10k = teamFolder(10000);

/**
 * A sales org: `teams` folders of one manager and 49 reps, each file naming its team (`team --by team`), the
 * answers varied by team and person.
 */
function orgFolder(teams) {
  const dir = join(work, `org-${teams}`);
  const rep = readFileSync(join(root, 'examples/team/rep-a.yaml'), 'utf8');
  const manager = readFileSync(answers, 'utf8');
  for (let t = 0; t < teams; t++) {
    mkdirSync(join(dir, `team-${t}`), { recursive: true });
    for (let i = 0; i < 50; i++) {
      const text = (i === 0 ? manager : rep)
        .replace(/^role: (\w+)$/m, `role: $1\nteam: team-${t}`)
        .replace(/^( {2}[a-z-]+): [1-5]$/gm, (_, key) => `${key}: ${1 + ((t * 7 + i * 3 + key.length) % 5)}`);
      writeFileSync(join(dir, `team-${t}`, `r${i}.yaml`), text);
    }
  }
  return dir;
}
const org10k = orgFolder(200);
const org100k = orgFolder(2000);
// What reading the files costs by itself: the floor a team run is held to.
const bareRead = join(work, 'bare-read.mjs');
writeFileSync(
  bareRead,
  `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
let bytes = 0;
const pending = [process.argv[2]];
while (pending.length > 0) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pending.push(path);
    else if (entry.name.endsWith('.yaml')) bytes += readFileSync(path, 'utf8').length;
  }
}
console.log(bytes);
`,
);

const hasTime = existsSync('/usr/bin/time');
// NODE_EXTRA_CA_CERTS makes every node process read and parse a certificate file before it runs anything (about
// 40 ms here). That fixed cost is nobody's code, and it would flatter every ratio, so no measured run gets it.
// Compile caches (src/boot/loader.ts) of the bench's own, made by the warm-up.
const childEnv = { ...process.env, NO_COLOR: '1', WHO_FAILED_WHOM_CACHE_DIR: join(work, 'cache') };
delete childEnv.WHO_FAILED_WHOM_NO_CACHE;
const strippedCaCerts = childEnv.NODE_EXTRA_CA_CERTS !== undefined;
delete childEnv.NODE_EXTRA_CA_CERTS;
const cases = [
  { name: 'bare node (empty module)', argv: [empty], floor: true },
  { name: '--version', argv: [bin, '--version'], target: 1.15 },
  { name: '--help', argv: [bin, '--help'], target: 1.15 },
  { name: 'score answers (text)', argv: [bin, '--answers', answers], target: 1.2 },
  { name: 'score answers (json)', argv: [bin, '--answers', answers, '--format', 'json'], target: 1.2 },
  // The page and its charts load only for --format html; what they cost is measured against the same run in JSON.
  {
    name: 'score answers (html)',
    argv: [bin, '--answers', answers, '--format', 'html'],
    relativeTo: 'score answers (json)',
    relativeTarget: 1.1,
  },
  // A first run, or a machine that keeps no cache (a fresh CI container): everything compiles.
  {
    name: 'score answers, no cache',
    argv: [bin, '--answers', answers],
    env: { WHO_FAILED_WHOM_NO_CACHE: '1' },
  },
  { name: 'template', argv: [bin, 'template'], target: 1.2 },
  { name: 'team, 1,000 files', argv: [bin, 'team', team1k, '--format', 'json'] },
  {
    name: 'team, 10,000 files',
    argv: [bin, 'team', team10k, '--format', 'json'],
    limitMs: 1500,
    limitMiB: 150,
  },
  { name: 'bare read, 10,000 files', argv: [bareRead, org10k], large: true },
  {
    name: 'team --by team, 10,000 files',
    argv: [bin, 'team', org10k, '--by', 'team', '--format', 'json'],
    large: true,
  },
  { name: 'bare read, 100,000 files', argv: [bareRead, org100k], large: true, huge: true },
  {
    name: 'team --by team, 100,000 files',
    argv: [bin, 'team', org100k, '--by', 'team', '--format', 'json'],
    large: true,
    huge: true,
    floorCase: 'bare read, 100,000 files',
    limitRatio: 3,
    limitMiB: 200,
  },
];

/** Wall time of one run: node itself, spawned directly, so nothing else is in the figure. */
function measure(argv, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, {
    encoding: 'utf8',
    env: { ...childEnv, ...env },
    // An org's JSON report runs to tens of megabytes: all of it is read, as a reader of the pipe would.
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** Peak resident memory of one run, in MiB, where /usr/bin/time can tell (separate runs: it adds its own time). */
function peakMiB(argv, env = {}) {
  if (!hasTime) return Number.NaN;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...childEnv, ...env },
  });
  return Number(result.stderr.trim().split('\n').at(-1)) / 1024;
}

function firstPrompt(lingerMs = 0) {
  const script = join(root, 'bench/first-prompt.py');
  const out = execFileSync('python3', [script, '--linger', String(lingerMs), '(1/', process.execPath, bin], {
    encoding: 'utf8',
    env: { ...childEnv, TERM: 'xterm' },
  });
  return Number(out.trim());
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Warm-up: file cache and compile cache for every case, then interleaved rounds so drift hits all alike.
for (const c of cases) measure(c.argv, c.env);
// As a returning user would: the question stays up long enough for the run to keep its compile cache.
firstPrompt(1500);
const samples = new Map(cases.map((c) => [c.name, { ms: [], mib: [] }]));
const prompt = [];
const promptFloor = [];
for (let round = 0; round < runs; round++) {
  for (const c of cases) {
    if ((c.name.includes('10,000') || c.large) && round >= Math.min(runs, 5)) continue;
    if (c.huge && round >= Math.min(runs, 3)) continue;
    samples.get(c.name).ms.push(measure(c.argv, c.env));
  }
  prompt.push(firstPrompt());
  promptFloor.push(
    Number(
      execFileSync(
        'python3',
        [join(root, 'bench/first-prompt.py'), 'ready', process.execPath, '-e', "console.log('ready')"],
        { encoding: 'utf8', env: { ...childEnv, TERM: 'xterm' } },
      ).trim(),
    ),
  );
}

for (const c of cases) {
  for (let i = 0; i < 3; i++) samples.get(c.name).mib.push(peakMiB(c.argv, c.env));
}

/**
 * A run against its floor run, in the same rounds: each round's two runs were made one after the other, so the
 * median of the rounds' ratios is the figure least moved by other jobs on the machine.
 */
function pairedRatio(c) {
  const runs = samples.get(c.name).ms;
  const floors = samples.get(c.floorCase).ms;
  return median(runs.map((ms, round) => ms / floors[round]));
}

const floor = median(samples.get(cases[0].name).ms);
const rows = [];
for (const c of cases) {
  const s = samples.get(c.name);
  const ms = median(s.ms);
  const ratio = ms / floor;
  const mib = Math.max(...s.mib);
  let verdict = '';
  if (c.target) verdict = ratio <= c.target ? `ok (≤ ${c.target}×)` : `MISSED (≤ ${c.target}×)`;
  if (c.limitRatio) {
    const against = pairedRatio(c);
    verdict = `${against.toFixed(2)}× the bare read; ${
      against <= c.limitRatio && !(mib > c.limitMiB) ? 'ok' : 'MISSED'
    } (≤ ${c.limitRatio}×, ≤ ${c.limitMiB} MiB)`;
  }
  if (c.relativeTo) {
    const versus = ms / median(samples.get(c.relativeTo).ms);
    const base = c.relativeTo.replace(/^.*\((\w+)\)$/, '$1');
    verdict = `${versus <= c.relativeTarget ? 'ok' : 'MISSED'} (${versus.toFixed(2)}× ${base}; ≤ ${c.relativeTarget}×)`;
  }
  if (c.limitMs)
    verdict =
      ms <= c.limitMs && !(mib > c.limitMiB)
        ? `ok (≤ ${c.limitMs} ms, ≤ ${c.limitMiB} MiB)`
        : `MISSED (≤ ${c.limitMs} ms, ≤ ${c.limitMiB} MiB)`;
  rows.push([c.name, ms.toFixed(1), ratio.toFixed(2), Number.isNaN(mib) ? '–' : mib.toFixed(1), verdict]);
}
const promptMs = median(prompt);
const promptRatio = promptMs / median(promptFloor);
rows.push([
  'first prompt on a pty',
  promptMs.toFixed(1),
  promptRatio.toFixed(2),
  '–',
  promptRatio <= 1.6 ? 'ok (≤ 1.6× node on a pty)' : 'MISSED (≤ 1.6×)',
]);
/** How a run grows with ten times the files: about ten times is linear. */
function growthRow(name, small, big, limit) {
  const ratio = median(samples.get(big).ms) / median(samples.get(small).ms);
  rows.push([
    name,
    '',
    ratio.toFixed(2),
    '',
    ratio <= limit ? 'ok (≤ ~10×: linear)' : 'MISSED (≤ ~10×: linear)',
  ]);
}
growthRow('team 10k / team 1k', 'team, 1,000 files', 'team, 10,000 files', 10);
growthRow('org 100k / org 10k', 'team --by team, 10,000 files', 'team --by team, 100,000 files', 11);
// The HTML report's cost against JSON once more, in CPU time: on a machine shared with other jobs, wall time
// moves by more than the difference measured.
const cpuCases = Object.fromEntries(
  cases
    .filter((c) => c.relativeTo)
    .flatMap((c) => [
      [c.relativeTo, [process.execPath, ...cases.find((b) => b.name === c.relativeTo).argv]],
      [c.name, [process.execPath, ...c.argv]],
    ]),
);
const cpu = JSON.parse(
  execFileSync('python3', [join(root, 'bench/cpu-time.py'), String(Math.max(runs, 21))], {
    input: JSON.stringify(cpuCases),
    encoding: 'utf8',
    env: childEnv,
  }),
);
for (const c of cases.filter((k) => k.relativeTo)) {
  const versus = cpu[c.name] / cpu[c.relativeTo];
  rows.push([
    `${c.name}, CPU time`,
    cpu[c.name].toFixed(1),
    '',
    '',
    `${versus <= c.relativeTarget ? 'ok' : 'MISSED'} (${versus.toFixed(2)}× ${cpu[c.relativeTo].toFixed(1)} ms; ≤ ${c.relativeTarget}×)`,
  ]);
}

const header = ['case', 'median ms', '× node', 'peak MiB', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) =>
  r.map((cell, i) => String(cell)[i === 0 || i === 4 ? 'padEnd' : 'padStart'](widths[i])).join('  ');
console.log(
  `node ${process.version}, ${runs} interleaved runs (10,000 files: ${Math.min(runs, 5)}; 100,000: ${Math.min(runs, 3)}), medians` +
    (strippedCaCerts ? '; NODE_EXTRA_CA_CERTS unset for every run' : '') +
    '\n',
);
console.log(line(header));
for (const r of rows) console.log(line(r));

// The scale target of issue 14 in one line: time against the bare read, peak memory, growth with the files.
const org = cases.find((c) => c.limitRatio);
const orgRatio = pairedRatio(org);
const orgMiB = Math.max(...samples.get(org.name).mib);
const growth = median(samples.get(org.name).ms) / median(samples.get('team --by team, 10,000 files').ms);
const met = orgRatio <= org.limitRatio && !(orgMiB > org.limitMiB) && growth <= 11;
console.log(
  `\nScale (100,000 files, 2,000 teams): ${met ? 'target met' : 'TARGET MISSED'}. team --by team took ` +
    `${median(samples.get(org.name).ms).toFixed(0)} ms against ${median(samples.get(org.floorCase).ms).toFixed(0)} ms ` +
    `for the bare read: ${orgRatio.toFixed(2)}× (≤ ${org.limitRatio}×, median of ${samples.get(org.name).ms.length} ` +
    `rounds); peak ${Number.isNaN(orgMiB) ? '–' : orgMiB.toFixed(0)} MiB (≤ ${org.limitMiB}); ` +
    `${growth.toFixed(2)}× the 10,000-file run (≤ ~11×: linear).`,
);
rmSync(work, { recursive: true, force: true });
