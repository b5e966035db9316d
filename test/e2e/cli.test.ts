/**
 * End-to-end: what only the real built binary (`node bin/who-failed-whom.js`) can show, judged by its stdout,
 * stderr and exit code: stdin of every kind, FIFOs, signals, a reader that goes away, a full disk.
 * test/commands/assess.test.ts runs everything else in-process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  assertBuilt,
  BIN,
  cleanEnv,
  EXAMPLE,
  type RunResult,
  readText,
  runCli,
  STACK_FRAME,
  tempDir,
} from '../support/spawn-cli.js';

let dir: { path: string; remove: () => Promise<void> };

/** `stderr`: the "written to" lines a run that writes files ends with. */
function expectOk(result: RunResult, stderr = ''): void {
  expect(result.timedOut).toBe(false);
  expect(result.stderr).toBe(stderr);
  expect(result.code).toBe(0);
}

/** Exit 2, nothing on stdout, one readable message and no stack trace on stderr. */
function expectInvalid(result: RunResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.code).toBe(2);
}

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir();
});

afterAll(async () => {
  await dir?.remove();
});

describe('no answers', () => {
  // A 5 s kill-timer: a CLI that waits on stdin for ever fails here instead of hanging the suite.
  test.each(['/dev/null', 'ignore', ''])(
    'stdin %j and no --answers → exit 2 naming --answers',
    async (stdin) => {
      const result = await runCli([], { stdin, timeoutMs: 5000 });
      expectInvalid(result);
      expect(result.stderr).toContain('--answers');
    },
  );
});

describe('FIFOs', () => {
  // A FIFO stands in for /dev/null or /dev/stdout: written in place, never replaced by a file, never read first.
  test('-o onto a FIFO writes into it and leaves it a FIFO', async () => {
    const fifo = join(dir.path, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const piped = await runCli(['-a', EXAMPLE, '-f', 'json'], { stdin: 'ignore' });
    const reading = readText(fifo);
    const result = await runCli(['-a', EXAMPLE, '-f', 'json', '-o', fifo], {
      stdin: 'ignore',
      timeoutMs: 10_000,
    });
    // Had the run never opened it for writing, the reader would wait for ever: a writer of our own ends it
    // (ENXIO: the reader is done already).
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {}
    const received = await reading;
    expectOk(result, `Report written to ${fifo}\n`);
    expect(received).toBe(piped.stdout);
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while --answers names a FIFO nobody writes to → exit %i, not a hang',
    async (signal, code) => {
      const fifo = join(dir.path, `answers-${signal}.fifo`);
      execFileSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [BIN, '--answers', fifo], {
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on('close', (exitCode) => resolve(exitCode)),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const exitCode = await exited;
      clearTimeout(timer);
      expect(exitCode).toBe(code);
      expect(stderr).toBe('Interrupted; nothing was saved.\n');
    },
  );
});

describe('a reader that goes away (`| head -1`)', () => {
  const commands = [['questions'], ['questions', '--format', 'json'], ['-a', EXAMPLE, '-f', 'markdown']];
  const modes = ['after-first-chunk', 'immediately'] as const;
  const cases = commands.flatMap((args) => modes.map((mode) => ({ args, mode, name: args.join(' ') })));

  test.each(cases)('$name, stdout closed $mode → quiet exit', async ({ args, mode }) => {
    const result = await runCli(args, { stdin: 'ignore', closeStdout: mode, timeoutMs: 10_000 });
    expect(result.timedOut).toBe(false);
    expect(result.stderr).not.toMatch(/EPIPE/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });
});

// /dev/full fails every write with ENOSPC, as a full disk would.
(existsSync('/dev/full') ? test : test.skip)(
  'stdout on a full disk → one line, exit 2, no stack trace',
  async () => {
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, '--answers', EXAMPLE], {
      env: cleanEnv(),
      stdio: ['ignore', full, 'pipe'],
    });
    closeSync(full);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe(
      'who-failed-whom: could not write the report to stdout (ENOSPC); check where it goes (a full disk?)\n',
    );
    expect(code).toBe(2);
  },
);
