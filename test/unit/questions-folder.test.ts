import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { memoryIo, ROOT } from '../support/memory-io.js';

// questions/ holds question banks only, so `who-failed-whom validate questions/*.yaml` passes.
describe('questions/', () => {
  const banks = readdirSync(`${ROOT}questions`).filter((name) => /\.ya?ml$/.test(name));

  test('holds at least the built-in bank', () => {
    expect(banks).toContain('who-failed-whom.yaml');
  });

  test.each(banks)('%s validates as a bank', async (name) => {
    const io = memoryIo({ files: {} });
    const path = `${ROOT}questions/${name}`;
    io.files.set(path, readFileSync(path, 'utf8'));
    expect(await main(['validate', path], io)).toBe(0);
    expect(io.stderrText).toBe('');
  });
});
