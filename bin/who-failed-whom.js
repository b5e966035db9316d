#!/usr/bin/env node
if (typeof process.getBuiltinModule !== 'function') {
  // Node before 20.16 lacks what the loader uses: say so plainly rather than fail with a TypeError.
  process.stderr.write(`who-failed-whom needs Node 20.17 or later; this is Node ${process.version}.\n`);
  process.exitCode = 2;
} else {
  const { start } = await import('../dist/cli.js');
  await start();
}
