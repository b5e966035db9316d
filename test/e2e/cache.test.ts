import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
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

const score = (env: Record<string, string> = {}) =>
  runCli(['--answers', EXAMPLE], { stdin: 'ignore', env: { WHO_FAILED_WHOM_CACHE_DIR: cacheDir, ...env } });
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
