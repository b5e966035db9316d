/**
 * End-to-end: inputs read from a FIFO (`mkfifo f; cat a.yaml > f & who-failed-whom --answers f`), whichever of
 * writer and reader comes first. The kernel is the point here (a FIFO's open and end of file), so these spawn
 * the built binary and a real shell writer. Ctrl-C on a FIFO nobody writes to is in cli.test.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assertBuilt, EXAMPLE, ROOT, runCli, tempDir } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `cat SOURCE > FIFO &`: resolves once the shell is about to open the FIFO, where it then waits for a reader.
 * `done` settles when the writer has exited.
 */
async function startWriter(source: string, fifo: string): Promise<{ done: Promise<number | null> }> {
  const child = spawn('sh', ['-c', 'echo ready; exec cat "$1" > "$2"', 'sh', source, fifo], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise((resolve) => child.stdout.once('data', resolve));
  // The redirection's open follows the echo at once; give it time to be waiting in the kernel.
  await sleep(300);
  // Never outlives the test: a writer nobody reads is stopped.
  setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  return { done };
}

describe('a FIFO as an input', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let fifoCount = 0;
  const mkfifo = () => {
    fifoCount += 1;
    const path = join(dir.path, `in-${fifoCount}`);
    execFileSync('mkfifo', [path]);
    return path;
  };
  let expected: string;

  beforeAll(async () => {
    assertBuilt();
    dir = await tempDir();
    const plain = await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' });
    expect(plain.code).toBe(0);
    expected = plain.stdout;
  });
  afterAll(() => dir.remove());

  test('--answers, the writer first: its data is read (it used to hang, the data thrown away)', async () => {
    const fifo = mkfifo();
    const writer = await startWriter(EXAMPLE, fifo);
    const result = await runCli(['-a', fifo, '-f', 'json'], { stdin: 'ignore', timeoutMs: 10_000 });
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(await writer.done).toBe(0);
  });

  test('--answers, the writer later: the run waits for it', async () => {
    const fifo = mkfifo();
    const running = runCli(['-a', fifo, '-f', 'json'], { stdin: 'ignore', timeoutMs: 10_000 });
    await sleep(500);
    const writer = await startWriter(EXAMPLE, fifo);
    const result = await running;
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(await writer.done).toBe(0);
  });

  test('the writer first, with more than a pipe holds at once (64 KiB)', async () => {
    const big = join(dir.path, 'big.yaml');
    const text = readFileSync(EXAMPLE, 'utf8');
    await writeFile(big, `${text}${`# ${'x'.repeat(98)}\n`.repeat(3_000)}`);
    const fifo = mkfifo();
    const writer = await startWriter(big, fifo);
    const result = await runCli(['-a', fifo, '-f', 'json'], { stdin: 'ignore', timeoutMs: 10_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(await writer.done).toBe(0);
  });

  test('the writer first, closing without a word: "is empty", not a hang', async () => {
    const fifo = mkfifo();
    const writer = await startWriter('/dev/null', fifo);
    const result = await runCli(['-a', fifo], { stdin: 'ignore', timeoutMs: 10_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/: is empty; expected an answers file/);
    expect(await writer.done).toBe(0);
  });

  test('team on a form export through a FIFO named .csv, the writer first: every respondent', async () => {
    const fifo = join(dir.path, 'responses.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = await startWriter(join(ROOT, 'test', 'fixtures', 'forms', 'surveymonkey.csv'), fifo);
    const result = await runCli(['team', fifo, '--format', 'json'], { stdin: 'ignore', timeoutMs: 10_000 });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).respondents).toEqual({ manager: 1, rep: 5 });
    expect(await writer.done).toBe(0);
  });
});
