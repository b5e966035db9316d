/**
 * Rounds kept in the data folder: where the folder is on each platform, how a round is named and kept, and the
 * commands that read them back (history, compare last), in-process through main().
 */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { dataFolder } from '../../src/output/data-folder.js';
import { listRounds, roundFileName, saveRound } from '../../src/output/rounds.js';
import { balanceSparkline } from '../../src/render/history.js';
import { edit } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';
import { EXAMPLE, FOLDER, ROUNDS } from '../support/round-fixtures.js';

describe('dataFolder', () => {
  test.each([
    ['the variable wins everywhere', { WHO_FAILED_WHOM_DATA_DIR: '/d', HOME: '/h' }, 'linux', '/d'],
    [
      'a relative variable is taken from the working folder',
      { WHO_FAILED_WHOM_DATA_DIR: 'rounds' },
      'linux',
      '/work/rounds',
    ],
    ['XDG_DATA_HOME', { XDG_DATA_HOME: '/x', HOME: '/h' }, 'linux', '/x/who-failed-whom'],
    [
      'a relative XDG_DATA_HOME is ignored (the XDG spec)',
      { XDG_DATA_HOME: 'x', HOME: '/h' },
      'linux',
      '/h/.local/share/who-failed-whom',
    ],
    ['else ~/.local/share', { HOME: '/h' }, 'linux', '/h/.local/share/who-failed-whom'],
    [
      'macOS',
      { HOME: '/Users/d', XDG_DATA_HOME: '/x' },
      'darwin',
      '/Users/d/Library/Application Support/who-failed-whom',
    ],
    [
      'Windows: %APPDATA%',
      { APPDATA: 'C:\\Users\\d\\AppData\\Roaming' },
      'win32',
      'C:\\Users\\d\\AppData\\Roaming\\who-failed-whom',
    ],
    ['no home: none', {}, 'linux', undefined],
    ['Windows without APPDATA: none', { HOME: '/h' }, 'win32', undefined],
  ])('%s', (_what, env, platform, expected) => {
    expect(dataFolder(env, platform, platform === 'win32' ? 'C:\\work' : '/work')).toBe(expected);
  });
});

describe('round files', () => {
  test('are named by the UTC time they were kept, without colons, and sort as they happened', () => {
    const first = new Date('2026-11-27T09:05:03.250Z');
    expect(roundFileName(first)).toBe('2026-11-27T09-05-03Z.yaml');
    expect(roundFileName(first, 2)).toBe('2026-11-27T09-05-03Z~2.yaml');
    const names = [
      roundFileName(new Date('2026-11-27T09:05:04Z')),
      roundFileName(first, 2),
      roundFileName(first),
      roundFileName(new Date('2025-01-01T00:00:00Z')),
    ];
    expect([...names].sort()).toEqual([names[3], names[2], names[1], names[0]]);
  });

  test('a second round in the same second never replaces the first; roles are kept apart', async () => {
    const io = memoryIo({ env: { WHO_FAILED_WHOM_DATA_DIR: '/data' } });
    const when = new Date('2026-11-27T09:05:03Z');
    const a = await saveRound(io, 'who-failed-whom', 'manager', 'first', when);
    const b = await saveRound(io, 'who-failed-whom', 'manager', 'second', when);
    const c = await saveRound(io, 'who-failed-whom', 'rep', 'a rep', when);
    expect([a, b, c]).toEqual([
      '/data/rounds/who-failed-whom/manager/2026-11-27T09-05-03Z.yaml',
      '/data/rounds/who-failed-whom/manager/2026-11-27T09-05-03Z~2.yaml',
      '/data/rounds/who-failed-whom/rep/2026-11-27T09-05-03Z.yaml',
    ]);
    expect(io.files.get(a)).toBe('first');
    expect(io.files.get(b)).toBe('second');
    expect((await listRounds(io, 'who-failed-whom', 'manager')).map((r) => r.path)).toEqual([a, b]);
    expect((await listRounds(io, 'who-failed-whom')).map((r) => r.role)).toEqual([
      'manager',
      'manager',
      'rep',
    ]);
    expect(await listRounds(io, 'another-bank')).toEqual([]);
  });

  test('with no data folder, saving says how to name one', async () => {
    const io = memoryIo({ env: {} });
    await expect(saveRound(io, 'b', 'manager', 'x', new Date())).rejects.toThrow(
      /set WHO_FAILED_WHOM_DATA_DIR, or pass --no-save/,
    );
  });
});

async function run(
  argv: string[],
  files: Record<string, string> = ROUNDS,
  env = { WHO_FAILED_WHOM_DATA_DIR: '/data' },
) {
  const io = memoryIo({ files, env });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('history', () => {
  test('--format json lists every round, oldest first, a manager’s then a rep’s', async () => {
    const { code, stdout, stderr } = await run(['history', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.kind).toBe('history');
    expect(report.folder).toBe(FOLDER);
    expect(report.rounds.map((r: { date: string; role: string }) => [r.date, r.role])).toEqual([
      ['2026-11-27', 'manager'],
      ['2027-02-26', 'manager'],
      ['2027-05-28', 'manager'],
      ['2027-02-27', 'rep'],
    ]);
    expect(report.rounds[0]).toEqual({
      file: `${FOLDER}/manager/2026-11-27T09-00-00Z.yaml`,
      date: '2026-11-27',
      role: 'manager',
      bankVersion: 2,
      scores: { asked: 85.7, given: 30.6, balance: 44.9 },
      leaning: 'asks-exceed-gives',
      commitments: 1,
      followUp: { kept: 0, partly: 0, 'not-kept': 0 },
    });
    expect(report.rounds[1].followUp).toEqual({ kept: 1, partly: 0, 'not-kept': 0 });
    const balances = report.rounds.slice(0, 3).map((r: { scores: { balance: number } }) => r.scores.balance);
    expect(balances[1]).toBeGreaterThan(balances[0]);
    expect(balances[2]).toBeGreaterThan(balances[1]);
  });

  test('text: each role apart, the balance over time as a sparkline', async () => {
    const { stdout } = await run(['history']);
    const manager = stdout.slice(stdout.indexOf('As a manager'), stdout.indexOf('As a rep'));
    const json = JSON.parse((await run(['history', '--format', 'json', '--role', 'manager'])).stdout);
    const balances = json.rounds.map((r: { scores: { balance: number } }) => r.scores.balance);
    expect(manager).toContain(
      `Balance over time  ${balanceSparkline(balances)}  ${balances[0]} → ${balances[2]}`,
    );
    expect(manager).toMatch(/2027-02-26\s+85\.7\s+38\.9\s+53\.2\s+asks exceed gives\s+1 kept/);
    expect(stdout).toContain('As a rep, rating your manager');
  });

  test('--role rep: only the rep’s rounds; markdown has a table and the sparkline', async () => {
    const { stdout } = await run(['history', '--role', 'rep', '--format', 'markdown']);
    expect(stdout).not.toContain('As a manager');
    expect(stdout).toContain('### As a rep, rating your manager');
    expect(stdout).toMatch(/\| 2027-02-27 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| /);
    expect(stdout).toMatch(/Balance over time: [▁▂▃▄▅▆▇█]$/m);
  });

  test('a damaged round is skipped and listed, the others still shown', async () => {
    const files = {
      ...ROUNDS,
      [`${FOLDER}/manager/2027-08-01T09-00-00Z.yaml`]: 'answers:\n  give-time: [\n',
    };
    const { code, stdout, stderr } = await run(['history', '--format', 'json'], files);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.rounds).toHaveLength(4);
    expect(report.skipped).toEqual([
      {
        file: `${FOLDER}/manager/2027-08-01T09-00-00Z.yaml`,
        reason: expect.stringMatching(/Z\.yaml:\d+:\d+: /),
      },
    ]);
    expect(stderr).toContain('Skipped 1 round(s)');
    // The reason names the file already (with line and column): text says it once.
    const text = (await run(['history'], files)).stdout;
    // Wrapped to the width, continuation lines indented under it.
    expect(text.replace(/\n {4}/g, ' ')).toContain(`\n  ${report.skipped[0].reason}\n`);
    expect(text.split(`${FOLDER}/manager/2027-08-01T09-00-00Z.yaml`)).toHaveLength(2);
  });

  test('no rounds yet: says so, exit 0', async () => {
    const { code, stdout } = await run(['history'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('No rounds kept yet.');
  });

  test('sparkline: the whole 0–100 range, not the range of the rounds', () => {
    expect(balanceSparkline([0, 50, 100])).toBe('▁▅█');
    expect(balanceSparkline([60, 61])).toBe('▅▅');
  });
});

describe('compare last', () => {
  test('compares your last two rounds of the role', async () => {
    const { code, stdout, stderr } = await run(['compare', 'last', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.before.date).toBe('2027-02-26');
    expect(report.after.date).toBe('2027-05-28');
    expect(report.items.map((i: { id: string; change: number }) => [i.id, i.change])).toEqual([
      ['give-time', 3],
      ['coach-strugglers', 1],
    ]);
  });

  test('with fewer than two rounds: exit 2, saying how many there are', async () => {
    const { code, stderr } = await run(['compare', 'last', '--role', 'rep']);
    expect(code).toBe(2);
    expect(stderr).toContain(`compare last needs two kept rounds of a rep; ${FOLDER}/rep holds 1`);
  });
});

describe('text from the rounds is hostile', () => {
  test('a date or a commitment carrying escape codes reaches the terminal inert', async () => {
    const hostile = edit(
      `${EXAMPLE}commitments:\n  - text: "\\e]52;c;ZXZpbA==\\a\\e[2JCoach"\n`,
      '"2026-11-27"',
      '"\\e[31m2026\\u202e"',
    );
    const files = {
      [`${FOLDER}/manager/2026-11-27T09-00-00Z.yaml`]: hostile,
      [`${FOLDER}/manager/2027-01-01T09-00-00Z.yaml`]: hostile,
    };
    for (const argv of [['history'], ['compare', 'last'], ['compare', 'last', '--format', 'markdown']]) {
      const { code, stdout } = await run(argv, files);
      expect([argv, code]).toEqual([argv, 0]);
      expect(stdout).not.toContain('\u001b');
      expect(stdout).not.toContain('\u0007');
    }
  });
});

describe('with no home folder and no WHO_FAILED_WHOM_DATA_DIR', () => {
  test('history says how to name a data folder', async () => {
    const { code, stderr } = await run(['history'], {}, {} as { WHO_FAILED_WHOM_DATA_DIR: string });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'there is no folder for your rounds (no home folder is set): set WHO_FAILED_WHOM_DATA_DIR\n',
    );
  });
});
