import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  BANK_TEXT,
  type Case,
  encodedAndPlain,
  KINDS,
  losslessEncodings,
  property,
  runCase,
  violations,
} from './properties.js';

/**
 * Every input kind with a small count, so `npm test` stays quick; `npm run fuzz` runs the same properties
 * 100,000 times. FUZZ_RUNS changes the count here; FUZZ_SEED and FUZZ_PATH replay a failure.
 */
const numRuns = Number(process.env.FUZZ_RUNS ?? 120);
const replay = process.env.FUZZ_SEED
  ? { seed: Number(process.env.FUZZ_SEED), ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) }
  : {};

describe('main() on arbitrary input', () => {
  test.each(KINDS.map((kind) => [kind.name, kind] as const))(
    '%s: exits 0, 1 or 2 with a clean message',
    async (_name, kind) => {
      // A run that grinds on (a slow case, a long shrink) fails the test instead of outliving its timeout.
      const limits = { interruptAfterTimeLimit: 25_000, markInterruptAsFailure: true };
      await fc.assert(property(kind, { tolerateKnown: true }), { numRuns, ...limits, ...replay });
    },
  );

  test('the harness: a clean run passes, a stack trace or an error class on stderr does not', async () => {
    const missing: Case = { argv: ['--answers', 'a.yaml', '--format', 'json'], files: {}, stdin: '' };
    const outcome = await runCase(missing);
    expect(outcome.code).toBe(2);
    expect(violations(missing, outcome)).toEqual([]);
    const crash = { ...outcome, stderr: 'TypeError: x\n    at f (file.js:1:2)\n' };
    expect(violations(missing, crash)).toHaveLength(2);
    const valid: Case = { argv: ['--answers', 'answers.yaml', '--format', 'json'], files: {}, stdin: '' };
    const report = await runCase(valid);
    expect(report.code).toBe(0);
    expect(violations(valid, report)).toEqual([]);
    expect(violations(valid, { ...report, stdout: `${report.stdout}{}` })).toHaveLength(1);
  });

  test('the harness: a file lost is seen (an input replaced, or anything but our report without --force)', async () => {
    const onto = (target: string, ...more: string[]): Case => ({
      argv: ['--answers', 'answers.yaml', '-f', 'json', '-o', target, ...more],
      files: { 'mine.txt': 'mine\n' },
      stdin: '',
    });
    const refused = await runCase(onto('mine.txt'));
    expect(refused.code).toBe(2);
    expect(refused.replaced).toEqual([]);
    const forced = await runCase(onto('mine.txt', '--force'));
    expect(forced.replaced).toEqual([{ path: '/mem/mine.txt', input: false, report: false }]);
    expect(violations(onto('mine.txt', '--force'), forced)).toEqual([]);
    expect(violations(onto('mine.txt'), forced)).toEqual(['replaced /mem/mine.txt without --force']);
    const input = { path: '/mem/answers.yaml', input: true, report: false };
    expect(violations(onto('answers.yaml', '--force'), { ...forced, replaced: [input] })).toEqual([
      "replaced /mem/answers.yaml, one of the run's own inputs",
    ]);
  });
});

describe('an encoding that loses nothing of the text', () => {
  test('gives the very run UTF-8 gives: exit, stdout, and stderr but for the Windows-1252 note', async () => {
    await fc.assert(
      fc.asyncProperty(losslessEncodings, async (params) => {
        const { plain, encoded } = await encodedAndPlain(params);
        expect(encoded.code).toBe(plain.code);
        expect(encoded.stdout).toBe(plain.stdout);
        const note = /^[^\n]*: note: not UTF-8, so read as Windows-1252[^\n]*\n/;
        expect(encoded.stderr.replace(note, '')).toBe(plain.stderr);
        if (params.encoding === 'windows-1252') expect(encoded.stderr).toMatch(note);
      }),
      { numRuns: Math.min(numRuns, 60), ...replay },
    );
  });
});

/** One case per bug the fuzzing found, fixed since: each keeps its input honest. */
describe('bugs found by fuzzing stay fixed', () => {
  const clean = async (c: Case) => {
    const outcome = await runCase(c);
    expect(violations(c, outcome)).toEqual([]);
    return outcome;
  };

  test('write-errors: -o to a name too long for the file system exits 2 with a message', async () => {
    await clean({ argv: ['--answers', 'answers.yaml', '-o', 'a'.repeat(250)], files: {}, stdin: '' });
  });

  test('huge-scale: a scale of 200,000 points is refused, not listed point by point', async () => {
    const bank = BANK_TEXT.replace('min: 1\n    max: 5', 'min: 1\n    max: 200000');
    const c: Case = { argv: ['template', '--questions', 'b.yaml'], files: { 'b.yaml': bank }, stdin: '' };
    const outcome = await clean(c);
    expect(outcome.stdout.length).toBeLessThan(100_000);
  });

  test('long-csv-header: an unknown column of 5,000 characters is refused without echoing it all', async () => {
    const csv = `role,${'x'.repeat(5_000)}\nmanager,3\n`;
    const c: Case = { argv: ['team', 'r.csv'], files: { 'r.csv': csv }, stdin: '' };
    const outcome = await clean(c);
    expect(outcome.stderr.length).toBeLessThan(2_000);
  });

  test('yaml-warning: -o onto a file with an unknown tag writes nothing past the Io', async () => {
    await clean({
      argv: ['--answers', 'answers.yaml', '-o', 'r.txt'],
      files: { 'r.txt': 'a: !!foo x\n' },
      stdin: '',
    });
  });

  test('yaml-warning: a list as a key is an invalid answers file, and nothing more', async () => {
    await clean({ argv: ['--answers', 'a.yaml'], files: { 'a.yaml': '{[1]: 2}\n' }, stdin: '' });
  });

  test('ignored-global-option: --format json before `questions` is not silently dropped', async () => {
    await clean({ argv: ['--format', 'json', 'questions'], files: {}, stdin: '' });
  });
});
