// The compile cache against damage: each run flips one random byte of a real cache file (the program's or the
// YAML library's), then runs the built CLI on it, which must exit 0 with exactly the report of a run without a
// cache, within the time limit. test/e2e/cache.test.ts runs a few; this runs as many as asked.
// usage: node scripts/cache-flips.mjs [--runs 1000] [--seed N] [--node PATH] [--jobs 2]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'who-failed-whom.js');
const TIMEOUT_MS = 30_000;
// What would change the report or the cache's use (NODE_EXTRA_CA_CERTS only slows every run down).
const VOLATILE_ENV = [
  'FORCE_COLOR',
  'NODE_EXTRA_CA_CERTS',
  'NODE_DISABLE_COMPILE_CACHE',
  'WHO_FAILED_WHOM_NO_CACHE',
  'WHO_FAILED_WHOM_CACHE_DIR',
];

/** The run's three choices, from the seed and the run's number alone: any failing run can be made again. */
function choices(seed, index) {
  const digest = createHash('sha256').update(`${seed}:${index}`).digest();
  return [0, 4, 8].map((offset) => digest.readUInt32LE(offset) / 2 ** 32);
}

function run(node, args, env) {
  return new Promise((resolve) => {
    const child = spawn(node, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * Runs `runs` damaged-cache runs, `jobs` at a time (each job with a cache folder of its own).
 * Returns what was damaged and every run that did not give the reference report.
 */
export async function flipRuns({ runs, seed = Date.now() % 2 ** 31, node = process.execPath, jobs = 2 }) {
  const work = mkdtempSync(join(tmpdir(), 'wfw-cache-flips-'));
  try {
    // A document marker sends the file to the YAML library, so its cache is damaged too, not only the program's.
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, `---\n${readFileSync(join(root, 'examples', 'manager.yaml'), 'utf8')}`);
    const env = (extra) => {
      const result = { ...process.env };
      for (const name of VOLATILE_ENV) delete result[name];
      return { ...result, NO_COLOR: '1', ...extra };
    };
    const args = ['--answers', answers];
    const reference = await run(node, args, env({ WHO_FAILED_WHOM_NO_CACHE: '1' }));
    if (reference.code !== 0)
      throw new Error(`the reference run exited ${reference.code}: ${reference.stderr}`);

    const lanes = [];
    for (let lane = 0; lane < Math.min(jobs, runs); lane++) {
      const cacheDir = join(work, `cache-${lane}`);
      const laneEnv = env({ WHO_FAILED_WHOM_CACHE_DIR: cacheDir });
      await run(node, args, laneEnv);
      const files = readdirSync(cacheDir)
        .filter((name) => name.endsWith('.v8'))
        .map((name) => ({ name, path: join(cacheDir, name), content: readFileSync(join(cacheDir, name)) }));
      const kinds = files
        .map(({ name }) => name.replace(/^.*-(assess|vendor-yaml)\.v8$/, '$1'))
        .sort()
        .join(' ');
      if (kinds !== 'assess vendor-yaml')
        throw new Error(`expected the program's and the YAML caches: ${kinds}`);
      // Unless whole caches are used, runs with damaged ones would pass without proving anything.
      const inodes = () => files.map(({ path }) => statSync(path).ino).join();
      const before = inodes();
      await run(node, args, laneEnv);
      if (inodes() !== before) throw new Error('an undamaged cache was not used, but written again');
      lanes.push({ env: laneEnv, files });
    }

    const failures = [];
    const damaged = new Map();
    let next = 0;
    await Promise.all(
      lanes.map(async ({ env: laneEnv, files }) => {
        while (next < runs) {
          const index = next++;
          const [which, where, how] = choices(seed, index);
          const file = files[Math.floor(which * files.length)];
          const position = Math.floor(where * file.content.length);
          const xor = 1 + Math.floor(how * 255);
          for (const other of files) writeFileSync(other.path, other.content);
          const bytes = Buffer.from(file.content);
          bytes[position] ^= xor;
          writeFileSync(file.path, bytes);
          damaged.set(file.name, (damaged.get(file.name) ?? 0) + 1);
          const result = await run(node, args, laneEnv);
          if (
            result.code !== 0 ||
            result.stdout !== reference.stdout ||
            result.stderr !== '' ||
            result.timedOut
          ) {
            failures.push({
              run: index,
              file: file.name,
              position,
              xor,
              code: result.code,
              signal: result.signal,
              timedOut: result.timedOut,
              stderr: result.stderr.slice(0, 500),
              sameReport: result.stdout === reference.stdout,
            });
          }
        }
      }),
    );
    return { runs, seed, damaged: Object.fromEntries(damaged), failures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const node = option('--node', process.execPath);
  const options = {
    runs: Number(option('--runs', 1000)),
    jobs: Number(option('--jobs', 2)),
    node,
    ...(args.includes('--seed') ? { seed: Number(option('--seed')) } : {}),
  };
  const started = Date.now();
  const result = await flipRuns(options);
  const damaged = Object.entries(result.damaged).map(
    ([name, count]) => `${count} in ${name.replace(/^.*-v\d+\.\d+\.\d+-\w+-/, '')}`,
  );
  console.log(
    `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}: ${result.runs} runs with one ` +
      `flipped byte (seed ${result.seed}; ${damaged.join(', ')}), ${Math.round((Date.now() - started) / 1000)} s`,
  );
  console.log(
    result.failures.length === 0
      ? `all ${result.runs} exited 0 with the exact report`
      : `${result.failures.length} FAILED:\n${result.failures.map((f) => JSON.stringify(f)).join('\n')}`,
  );
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}
