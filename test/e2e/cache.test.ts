import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
// @ts-expect-error: a plain .mjs script without type declarations
import { flipRuns } from '../../scripts/cache-flips.mjs';
import { seal } from '../../src/boot/cache-seal.js';
import { assertBuilt, EXAMPLE, ROOT, runCli, STACK_FRAME, spawnCollect, tempDir } from './helpers.js';

// The compile caches (src/boot/loader.ts, src/boot/compile-cache.ts) must only ever make a run faster: never change its output, never fail it.
beforeAll(assertBuilt);

let folder: Awaited<ReturnType<typeof tempDir>>;
let cacheDir: string;
beforeEach(async () => {
  folder = await tempDir();
  cacheDir = join(folder.path, 'cache');
});
afterEach(() => folder.remove());

const score = (env: Record<string, string> = {}, answers = EXAMPLE) =>
  runCli(['--answers', answers], { stdin: 'ignore', env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir, ...env } });
const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);

function expectSameReport(result: Awaited<ReturnType<typeof score>>, reference: string): void {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(reference);
}

describe('the compile cache', () => {
  test('is written by the first run of a kind, used by the next, and changes nothing', async () => {
    const first = await score();
    expect(first.code).toBe(0);
    expect(cacheFiles()).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}-[0-9a-z]+-v\d+\.\d+\.\d+-\w+-assess\.v8$/),
    ]);
    const [file] = cacheFiles();
    const written = readFileSync(join(cacheDir, file as string));
    expectSameReport(await score(), first.stdout);
    // Accepted, so not written again.
    expect(readFileSync(join(cacheDir, file as string))).toEqual(written);
  });

  test('a damaged cache is ignored and replaced', async () => {
    const reference = (await score()).stdout;
    const [file] = cacheFiles();
    const path = join(cacheDir, file as string);
    const garbage = Buffer.alloc(readFileSync(path).length, 7);
    writeFileSync(path, garbage);
    expectSameReport(await score(), reference);
    expect(readFileSync(path).equals(garbage)).toBe(false);
    writeFileSync(path, 'short');
    expectSameReport(await score(), reference);
  });

  test('an unwritable cache folder costs nothing but speed', async () => {
    const reference = (await score({ WHO_FAILED_WHOM_NO_CACHE: '1' })).stdout;
    writeFileSync(cacheDir, 'a file where the folder would be');
    const result = await score();
    expectSameReport(result, reference);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  test('WHO_FAILED_WHOM_NO_CACHE keeps none', async () => {
    expect((await score({ WHO_FAILED_WHOM_NO_CACHE: '1' })).code).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });

  test("another build's caches stay a month, other files always", async () => {
    await score();
    const name = (build: string) => `${build}-abc-${process.version}-${process.arch}-assess.v8`;
    const old = join(cacheDir, name('0000000000000000'));
    const recent = join(cacheDir, name('1111111111111111'));
    const halfWritten = join(cacheDir, `${name('2222222222222222')}.123.tmp`);
    const notOurs = join(cacheDir, 'another-tool.v8');
    for (const path of [old, recent, halfWritten, notOurs]) writeFileSync(path, 'x');
    const longAgo = (Date.now() - 31 * 24 * 60 * 60 * 1000) / 1000;
    for (const path of [old, halfWritten, notOurs]) utimesSync(path, longAgo, longAgo);
    await runCli(['--version'], { stdin: 'ignore', env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir } });
    expect([old, recent, halfWritten, notOurs].map((path) => existsSync(path))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(cacheFiles()).toEqual(expect.arrayContaining([expect.stringMatching(/-version\.v8$/)]));
  });

  test('a folder others can write to is neither read nor written', async () => {
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    const result = await score();
    expect(result.code).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });

  test('a program file changed in place, even to the same length, never runs from its old cache', async () => {
    const copy = join(folder.path, 'package');
    for (const part of ['bin', 'dist', 'questions', 'package.json'])
      cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    const run = () =>
      spawnCollect(process.execPath, [join(copy, 'bin', 'who-failed-whom.js'), '--answers', EXAMPLE], {
        stdin: 'ignore',
        env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir },
      });
    expect((await run()).stdout).toContain('What you ask of your reps');
    expect((await run()).stdout).toContain('What you ask of your reps');
    const app = join(copy, 'dist', 'app.cjs');
    const text = readFileSync(app, 'utf8');
    expect(text).toContain('What you ask of your reps');
    writeFileSync(app, text.replaceAll('What you ask of your reps', 'What you ask of your refs'));
    const changed = await run();
    expect(changed.stdout).toContain('What you ask of your refs');
    expect(changed.stderr).toBe('');
  });

  test('the unzip library loads for a workbook only', async () => {
    const run = (input: string) =>
      runCli(['team', input, '--format', 'json'], {
        stdin: 'ignore',
        env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir },
      });
    expect((await run(join(EXAMPLE, '..', 'team'))).code).toBe(0);
    expect(cacheFiles().filter((file) => /-vendor-fflate\.v8$/.test(file))).toEqual([]);
    const workbook = join(ROOT, 'test', 'fixtures', 'xlsx', 'forms-export.xlsx');
    const result = await run(workbook);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cacheFiles()).toEqual(expect.arrayContaining([expect.stringMatching(/-vendor-fflate\.v8$/)]));
  });

  test('a library loaded on demand keeps a cache of its own', async () => {
    const result = await runCli(['validate', join(folder.path, 'missing.yaml')], {
      stdin: 'ignore',
      env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir },
    });
    expect(result.code).toBe(2);
    const team = await runCli(['team', join(EXAMPLE, '..', 'team'), '--format', 'json'], {
      stdin: 'ignore',
      env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir },
    });
    expect(team.code).toBe(0);
    expect(cacheFiles()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/-team\.v8$/),
        expect.stringMatching(/-vendor-yaml\.v8$/),
      ]),
    );
  });
});

// ---- Nobody else's code, and no damaged cache, ever runs (issue 10, findings 1 and 9) ------------------------------

const isRoot = process.geteuid?.() === 0;
/** Another user: as root the tests can make files of theirs. */
const NOBODY = 65534;

/**
 * A real forged V8 cache for the script at `target`: code of the same length (all V8 checks of the source) that
 * writes `marker`, compiled in a node of its own (so with the flags the CLI runs with), its function included.
 */
async function forgedCache(target: string, marker: string): Promise<Buffer> {
  const code = `(function (exports, require) { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'forged'); })`;
  const length = readFileSync(target, 'utf8').length;
  const source = `${code}\n//${'x'.repeat(length - code.length - 3)}`;
  // Run once (with a harmless require) so the cache holds the function's code, not only the top level.
  const compile = `
    const script = new (require('node:vm').Script)(require('node:fs').readFileSync(0, 'utf8'));
    script.runInThisContext()({}, () => ({ writeFileSync() {} }));
    process.stdout.write(script.createCachedData().toString('base64'));`;
  const made = await spawnCollect(process.execPath, ['-e', compile], { stdin: source });
  expect(made.stderr).toBe('');
  return Buffer.from(made.stdout, 'base64');
}

/** Answers the YAML library reads (a document marker is beyond the quick reader), so its script loads late. */
const YAML_ANSWERS = () => `---\n${readFileSync(EXAMPLE, 'utf8')}`;

/** Makes a folder and a file in it as another user would: theirs as root, else writable by anyone. */
function plantAsSomeoneElse(dir: string, name: string, content: Buffer): void {
  mkdirSync(dir);
  writeFileSync(join(dir, name), content);
  if (isRoot) {
    chownSync(join(dir, name), NOBODY, NOBODY);
    chownSync(dir, NOBODY, NOBODY);
  } else chmodSync(dir, 0o777);
}

/**
 * Waits until the run has opened the FIFO to read (till then, opening it to write without waiting fails), calls
 * `meanwhile`, then writes `text` and closes it, which ends the run's input.
 */
async function feedFifoOnceRead(fifo: string, text: string, meanwhile: () => void): Promise<void> {
  let fd: number | undefined;
  for (let tries = 0; fd === undefined; tries++) {
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO' || tries > 1000) throw error;
      await sleep(10);
    }
  }
  meanwhile();
  try {
    writeSync(fd, text);
    // Closing at once could beat a reader that is still opening it again (then it would wait for a new writer).
    await sleep(200);
  } finally {
    closeSync(fd);
  }
}

describe('a cache made by someone else never runs', () => {
  let answers: string;
  let reference: string;
  let yamlCacheName: string;
  let forged: Buffer;
  let marker: string;
  beforeEach(async () => {
    answers = join(folder.path, 'answers.yaml');
    writeFileSync(answers, YAML_ANSWERS());
    // A run of the user's own, in a folder of theirs, names the YAML library's cache.
    const own = await score({}, answers);
    expect(own.code).toBe(0);
    reference = own.stdout;
    yamlCacheName = cacheFiles().find((name) => name.endsWith('-vendor-yaml.v8')) as string;
    expect(yamlCacheName).toBeDefined();
    marker = join(folder.path, 'forged-code-ran');
    forged = Buffer.concat(
      seal(yamlCacheName, await forgedCache(join(ROOT, 'dist', 'vendor', 'yaml.cjs'), marker)),
    );
  });

  test("control: the forged cache is real (the user's own, in their own folder, it runs)", async () => {
    writeFileSync(join(cacheDir, yamlCacheName), forged, { mode: 0o600 });
    await score({}, answers);
    expect(existsSync(marker)).toBe(true);
  });

  test('the attack of issue 10: a folder made and filled by someone else while the run waits', async () => {
    // The folder does not exist when the run starts; the run then waits for its answers on a FIFO.
    const shared = join(folder.path, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const attacked = join(shared, 'who-failed-whom');
    const fifo = join(folder.path, 'answers.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = runCli(['--answers', fifo], {
      stdin: 'ignore',
      env: { WHO_FAILED_WHOM_CACHE_DIR: attacked },
    });
    await feedFifoOnceRead(fifo, YAML_ANSWERS(), () => plantAsSomeoneElse(attacked, yamlCacheName, forged));
    const result = await run;
    expect(existsSync(marker)).toBe(false);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: reference, timedOut: false });
    // Nor did the run leave caches of its own there, for the other user to read or replace.
    expect(readdirSync(attacked)).toEqual([yamlCacheName]);
  });

  test.each([
    ['a folder anyone may write', () => chmodSync(cacheDir, 0o777), 0o600],
    ['a file anyone may write', () => {}, 0o666],
    ['a file the group may write', () => {}, 0o620],
    ...(isRoot
      ? ([
          ["someone else's file", (path: string) => chownSync(path, NOBODY, NOBODY), 0o644],
          ["someone else's folder", () => chownSync(cacheDir, NOBODY, NOBODY), 0o600],
        ] as [string, (path: string) => void, number][])
      : []),
  ])('%s, in place of the cache: not used', async (_what, change, mode) => {
    const path = join(cacheDir, yamlCacheName);
    writeFileSync(path, forged);
    chmodSync(path, mode);
    change(path);
    const result = await score({}, answers);
    expect(existsSync(marker)).toBe(false);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: reference });
  });

  test("a link to a forged cache of the user's own: not followed", async () => {
    const elsewhere = join(folder.path, 'elsewhere.v8');
    writeFileSync(elsewhere, forged, { mode: 0o600 });
    unlinkSync(join(cacheDir, yamlCacheName));
    symlinkSync(elsewhere, join(cacheDir, yamlCacheName));
    const result = await score({}, answers);
    expect(existsSync(marker)).toBe(false);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: reference });
  });
});

describe('what is at the cache path is never waited on or read unchecked', () => {
  const specials: [string, (path: string) => void][] = [
    ['a FIFO', (path) => execFileSync('mkfifo', [path])],
    ['a link to /dev/zero', (path) => symlinkSync('/dev/zero', path)],
    [
      'a link to a FIFO',
      (path) => {
        execFileSync('mkfifo', [`${path}.fifo`]);
        symlinkSync(`${path}.fifo`, path);
      },
    ],
    ...(isRoot
      ? ([["a device (/dev/zero's own)", (path) => execFileSync('mknod', [path, 'c', '1', '5'])]] as [
          string,
          (path: string) => void,
        ][])
      : []),
  ];
  test.each(specials)('%s: the run gives its report at once', async (_what, make) => {
    const reference = (await score()).stdout;
    const [file] = cacheFiles();
    const path = join(cacheDir, file as string);
    unlinkSync(path);
    make(path);
    const result = await runCli(['--answers', EXAMPLE], {
      stdin: 'ignore',
      env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir },
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: reference, timedOut: false });
  });
});

test("one flipped byte anywhere in a cache (the program's or a library's): every run exits 0 with the exact report", async () => {
  // scripts/cache-flips.mjs --runs 1000 is the long version of this.
  const result = await flipRuns({ runs: 30 });
  expect(result.failures).toEqual([]);
  expect(Object.values(result.damaged).reduce((a: number, b) => a + (b as number), 0)).toBe(30);
}, 180_000);
