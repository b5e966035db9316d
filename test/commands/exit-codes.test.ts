/** Every exit-2 path of the CLI (test/support/exit-2-rows.ts), in-process: one row each, its message pinned. */
import { test } from '@jest/globals';
import { expectRow, type Files, NEEDS_A_PROCESS, ROWS, type Row } from '../support/exit-2-rows.js';
import { runMain } from '../support/in-process.js';
import { DIR, type Entry } from '../support/memory-io.js';

/** Runs main in a memory folder holding `files` (a name ending in / is a folder); stdin is files['-']. */
function run(argv: string, files: Files) {
  const entries: Record<string, Entry> = {};
  for (const [name, text] of Object.entries(files)) {
    if (name !== '-') entries[name.replace(/\/$/, '')] = name.endsWith('/') ? DIR : text;
  }
  const args = argv.split(' ').filter((arg) => arg !== '');
  return runMain(args, { files: entries, ...(files['-'] === undefined ? {} : { stdin: files['-'] }) });
}

// A rest parameter: with more parameters than a row has elements, jest would pass `done` as the last one.
test.each(ROWS.filter((row) => !NEEDS_A_PROCESS.has(row)))(
  '%s → exit 2 with its message',
  async (...row: Row) => {
    const [, argv, files] = row;
    expectRow(await run(argv, files), row);
  },
);
