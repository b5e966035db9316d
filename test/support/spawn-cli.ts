import { type SpawnOptions, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'who-failed-whom.js');
export const BUILT_CLI = join(ROOT, 'dist', 'cli.js');
export const PTY_DRIVER = join(ROOT, 'test', 'e2e', 'pty_driver.py');
export const EXAMPLE = join(ROOT, 'examples', 'manager.yaml');

/** A stack frame line, as Node prints them under an uncaught error (not any line that starts with "at"). */
export const STACK_FRAME = /\n\s+at \S[^\n]*:\d+:\d+\)?(?:\n|$)/;
/** The escape character that starts every colour (and cursor) sequence. */
export const ESC = '\u001b';

/** Fails the suite with one clear line instead of a pile of "cannot find module" failures. */
export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(
      `${BUILT_CLI} does not exist: the end-to-end tests run the built CLI. Run \`npm run build\` first.`,
    );
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the kill-timer fired: the process hung. */
  timedOut: boolean;
}

export interface RunOptions {
  /**
   * Any other string is written to stdin, which is then closed; '/dev/null' reads /dev/null; 'ignore' is
   * spawn's 'ignore' (which Node also points at /dev/null).
   */
  stdin: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill-timer against hangs, not a speed assertion. */
  timeoutMs?: number;
  /**
   * Stop reading stdout like `| head -1` does: after the first chunk, or before the child writes anything
   * (which makes its first write fail with EPIPE for certain).
   */
  closeStdout?: 'after-first-chunk' | 'immediately';
}

/**
 * Variables that change what the CLI prints. Jest workers may carry FORCE_COLOR, so every run starts without
 * them and each test sets what it means to test.
 */
const VOLATILE_ENV = [
  'FORCE_COLOR',
  'NO_COLOR',
  'TERM',
  'WHO_FAILED_WHOM_DEBUG',
  'COLUMNS',
  'CI',
  'WHO_FAILED_WHOM_NO_CACHE',
  'WHO_FAILED_WHOM_READ_AHEAD',
  'NODE_DISABLE_COMPILE_CACHE',
];

/**
 * The compile caches the tests' runs keep (see src/boot/loader.ts): shared by every run, as a user's are, but not in
 * the user's home. test/e2e/cache.test.ts sets its own.
 */
export const TEST_CACHE_DIR = join(tmpdir(), 'who-failed-whom-test-cache');

/**
 * Where the tests' runs keep rounds, never the user's own data folder. A test that runs the questionnaire to the
 * end points WHO_FAILED_WHOM_DATA_DIR at a folder of its own, so one test's rounds never reach another's.
 */
export const TEST_DATA_DIR = join(tmpdir(), 'who-failed-whom-test-data');

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WHO_FAILED_WHOM_CACHE_DIR: TEST_CACHE_DIR,
    WHO_FAILED_WHOM_DATA_DIR: TEST_DATA_DIR,
  };
  for (const name of VOLATILE_ENV) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Spawns any command with explicit stdin and collects its output; never hangs longer than timeoutMs. */
export function spawnCollect(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { stdin } = options;
  let stdio: SpawnOptions['stdio'];
  let devNull: number | undefined;
  if (stdin === 'ignore') stdio = ['ignore', 'pipe', 'pipe'];
  else if (stdin === '/dev/null') {
    devNull = openSync('/dev/null', 'r');
    stdio = [devNull, 'pipe', 'pipe'];
  } else stdio = ['pipe', 'pipe', 'pipe'];

  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio,
    });
    // spawn() has handed the child its own copy by the time it returns.
    if (devNull !== undefined) closeSync(devNull);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    if (options.closeStdout === 'immediately') child.stdout?.destroy();
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.closeStdout === 'after-first-chunk') child.stdout?.destroy();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 15_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
    if (child.stdin) {
      // The child may exit before reading everything; that is for the test to judge, not a crash here.
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
    }
  });
}

/** Runs the real built binary: `node bin/who-failed-whom.js ...args`. */
export function runCli(args: string[], options: RunOptions): Promise<RunResult> {
  return spawnCollect(process.execPath, [BIN, ...args], options);
}

/** A fresh temporary folder and a function that removes it. */
export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'wfw-e2e-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const readText = (path: string) => readFile(path, 'utf8');

// ---- The pseudo-terminal driver ----------------------------------------------------------------

export interface PtyStep {
  expect?: string;
  send?: string;
  delay?: number;
  /** Sent to the child's process group, e.g. 'TERM' or 'INT'. */
  signal?: string;
  timeout?: number;
}

export interface PtySpec {
  cmd: string[];
  cwd?: string;
  env?: Record<string, string>;
  unsetEnv?: string[];
  cols?: number;
  rows?: number;
  steps: PtyStep[];
  exitTimeout?: number;
  /** A file for the driver's report: each expect's seconds since the step before acted, the final mode. */
  report?: string;
}

/** What pty_driver.py writes to `report`. */
export interface PtyReport {
  steps: { expect: string; seconds: number }[];
  /** The terminal's line discipline after the run: both false means it was left in raw mode. */
  canonical: boolean;
  echo: boolean;
}

let ptyRuns = 0;

/**
 * Runs pty_driver.py with a script; its stdout is everything the terminal showed, its code the child's. Each run
 * keeps its rounds and drafts in a data folder of its own (not made until the run makes it) unless the spec
 * names one: a draft one test leaves would otherwise greet the next with "You have unfinished answers".
 */
export function runPty(spec: PtySpec, timeoutMs = 75_000): Promise<RunResult> {
  ptyRuns += 1;
  const data = join(TEST_DATA_DIR, 'pty', `${process.pid}-${ptyRuns}`);
  const withDefaults: PtySpec = {
    cwd: ROOT,
    cols: 100,
    rows: 40,
    exitTimeout: 10,
    ...spec,
    // Colour off unless a test asks for it, so the output reads as text.
    env: {
      WHO_FAILED_WHOM_DATA_DIR: data,
      ...(spec.unsetEnv?.includes('NO_COLOR') ? {} : { NO_COLOR: '1' }),
      ...spec.env,
    },
    steps: spec.steps.map((step) => ({ timeout: 10, ...step })),
  };
  return spawnCollect('python3', [PTY_DRIVER], { stdin: JSON.stringify(withDefaults), timeoutMs });
}

/** Strips terminal control sequences and carriage returns, for reading what a person would have seen. */
export function plain(text: string): string {
  return text
    .replace(new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]`, 'g'), '')
    .replace(new RegExp(`${ESC}\\][^\\u0007${ESC}]*(?:\\u0007|${ESC}\\\\)?`, 'g'), '')
    .replace(/\r/g, '');
}
