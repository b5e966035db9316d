import { describe, expect, test } from '@jest/globals';
import { nearest } from '../../src/core/suggest.js';

const FORMATS = ['text', 'json', 'markdown', 'html'];

describe('nearest: a likely typo gets its name, anything else nothing', () => {
  test.each([
    ['jsn', FORMATS, 'json'],
    ['jsno', FORMATS, 'json'],
    ['JSON', FORMATS, 'json'],
    ['markdwon', FORMATS, 'markdown'],
    ['yaml', FORMATS, undefined],
    ['pdf', FORMATS, undefined],
    ['manger', ['manager', 'rep'], 'manager'],
    ['hlep', ['help', 'id', 'prompt'], 'help'],
    ['frim', ['firm', 'soft'], 'firm'],
    ['z', ['s'], 's'],
    ['give-tme', ['give-time', 'give-help'], 'give-time'],
    ['json', FORMATS, undefined],
    ['date', ['item', 'text', 'due'], 'due'],
    ['', ['aa'], undefined],
    ['x'.repeat(201), ['x'.repeat(200)], undefined],
  ])('%j among %j → %j', (input, candidates, expected) => {
    expect(nearest(input, candidates)).toBe(expected);
  });
});
