#!/usr/bin/env node
const { start } = await import('../dist/cli.js');
await start();
