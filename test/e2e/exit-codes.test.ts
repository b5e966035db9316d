/**
 * The exit-2 rows of test/support/exit-2-rows.ts that need a real process or file system (NEEDS_A_PROCESS), run
 * through the built binary in a fresh folder each; test/commands/exit-codes.test.ts runs the rest in-process.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { expectRow, type Files, LOCKED, NEEDS_A_PROCESS, type Row } from '../support/exit-2-rows.js';
import { assertBuilt, BIN, type RunResult, runCli, spawnCollect, tempDir } from '../support/spawn-cli.js';

// ---- Running a row -------------------------------------------------------------------------------------------

let dir: { path: string; remove: () => Promise<void> };
let rows = 0;

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir();
});

afterAll(async () => {
  await dir?.remove();
});

/** Runs the CLI in a new folder holding `files`; stdin is files['-'] or files['|'], or nothing. */
async function run(argv: string, files: Files): Promise<RunResult> {
  const cwd = join(dir.path, `row-${++rows}`);
  await mkdir(cwd);
  for (const [name, text] of Object.entries(files)) {
    if (name === '-' || name === '|') continue;
    const path = join(cwd, name);
    if (name.endsWith('/')) await mkdir(path);
    else await writeFile(path, text);
    if (text === LOCKED) await chmod(path, name.endsWith('/') ? 0o555 : 0o000);
  }
  const args = argv.split(' ').filter((arg) => arg !== '');
  const piped = files['|'];
  if (piped === undefined) return runCli(args, { stdin: files['-'] ?? 'ignore', cwd });
  const pipeline = ['-c', 'cat | "$@"', 'sh', process.execPath, BIN, ...args];
  return spawnCollect('sh', pipeline, { stdin: piped, cwd });
}

// A rest parameter: with more parameters than a row has elements, jest would pass `done` as the last one.
test.each([...NEEDS_A_PROCESS])('%s → exit 2 with its message', async (...row: Row) => {
  const [, argv, files] = row;
  const result = await run(argv, files);
  expect(result.timedOut).toBe(false);
  expectRow(result, row);
});
