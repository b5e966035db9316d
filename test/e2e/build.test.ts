import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from '@jest/globals';
import { COMPILED_BANK_FORMAT } from '../../src/core/bank.js';
import { builtinBank } from '../unit/helpers.js';
import { assertBuilt, ROOT } from './helpers.js';

beforeAll(assertBuilt);

// A run trusts dist/bank.json without checking it again, so the build must have written exactly what
// checkBank makes of the YAML.
test('dist/bank.json is the built-in bank as checkBank reads it', () => {
  const compiled = JSON.parse(readFileSync(join(ROOT, 'dist', 'bank.json'), 'utf8'));
  expect(compiled).toEqual({ format: COMPILED_BANK_FORMAT, bank: builtinBank() });
});
