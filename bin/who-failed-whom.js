#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a faster start); Node 20 has no such function and skips it.
module.enableCompileCache?.();
const { start } = await import('../dist/cli.js');
await start();
