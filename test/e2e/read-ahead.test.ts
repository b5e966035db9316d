/**
 * A team folder read by the thread that reads ahead (src/node/read-ahead.ts) gives the very report, messages and
 * exit code that reading it on the program's own thread gives: the same files, in the same order, the same
 * refusals. Only the built binary has that thread.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  assertBuilt,
  BIN,
  cleanEnv,
  ROOT,
  type RunResult,
  runCli,
  spawnCollect,
  tempDir,
} from '../support/spawn-cli.js';

const MANAGER = readFileSync(join(ROOT, 'examples', 'team', 'manager.yaml'), 'utf8');
const REP = readFileSync(join(ROOT, 'examples', 'team', 'rep-a.yaml'), 'utf8');

let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir();
});

afterAll(async () => {
  await dir?.remove();
});

/** A file of `role` in `team`, its answers varied by `n`. */
const answers = (role: 'manager' | 'rep', team: string, n: number) =>
  (role === 'manager' ? MANAGER : REP)
    .replace(/^role: (\w+)$/m, `role: $1\nteam: ${team}`)
    .replace(/^( {2}[a-z-]+): [1-5]$/gm, (_, key: string) => `${key}: ${1 + ((n + key.length) % 5)}`);

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

const run = (args: string[], readAhead: string): Promise<RunResult> =>
  runCli(['team', ...args], {
    stdin: 'ignore',
    env: { WHO_FAILED_WHOM_READ_AHEAD: readAhead },
    timeoutMs: 60_000,
  });

/**
 * The run with the reader thread (taking over after `readAhead` files, 0 for all of them), against the run
 * without it: the same in every respect.
 */
async function sameEitherWay(args: string[], readAhead: string): Promise<RunResult> {
  const [alone, ahead] = [await run(args, 'off'), await run(args, readAhead)];
  expect(ahead.timedOut).toBe(false);
  expect({ code: ahead.code, stdout: ahead.stdout, stderr: ahead.stderr }).toEqual({
    code: alone.code,
    stdout: alone.stdout,
    stderr: alone.stderr,
  });
  return ahead;
}

describe('the thread that reads ahead', () => {
  test('finds and reads what the program would, refusals and notes included', async () => {
    const org = join(dir.path, 'org');
    for (const team of ['east', 'west', 'west/berlin']) {
      write(join(org, team, 'm.yaml'), answers('manager', team, 0));
      for (let i = 1; i <= 4; i++) write(join(org, team, `r${i}.yaml`), answers('rep', team, i));
    }
    write(join(org, 'east', 'broken.yaml'), 'answers: [1\n');
    write(join(org, 'east', 'huge.yaml'), `x: "${'a'.repeat(1024 * 1024)}"\n`);
    write(
      join(org, 'west', 'latin1.yaml'),
      Buffer.from(answers('rep', 'west', 7).replace('Rep A', 'Zoë'), 'latin1'),
    );
    // Not text that is read: the reader leaves it to the program to say why.
    write(join(org, 'west', 'cyrillic.yaml'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]));
    write(
      join(org, 'west', 'json.json'),
      JSON.stringify({ role: 'rep', team: 'west', answers: { 'give-time': 4 } }),
    );
    linkSync(join(org, 'east', 'r1.yaml'), join(org, 'east', 'r1-again.yaml'));
    symlinkSync(join(org, 'west'), join(org, 'east', 'to-west'));
    symlinkSync(join(org, 'nowhere.yaml'), join(org, 'east', 'dangling.yaml'));
    execFileSync('mkfifo', [join(org, 'west', 'fifo.yaml')]);

    const skipped = await sameEitherWay([org, '--by', 'team', '--format', 'json', '--skip-invalid'], '0');
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).skippedCount).toBe(4);
    expect(skipped.stdout).toContain('cyrillic.yaml: is neither UTF-8 nor Windows-1252');
    expect(skipped.stderr).toContain('counted once');
    expect(skipped.stderr).toContain('not read: a link to a folder');
    expect(skipped.stderr).toContain('read as Windows-1252');

    const refused = await sameEitherWay([org, '--by', 'team'], '0');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
  });

  // A worker's stdout is piped to the process's by default, which builds process.stdout: on a pipe that makes the
  // descriptor non-blocking, and the report then piles up in memory instead of going out as it is made.
  const linux = existsSync('/proc/self/fdinfo');
  (linux ? test : test.skip)(
    'leaves the stdout of the report as it found it (blocking, on a pipe)',
    async () => {
      const org = join(dir.path, 'stdout');
      for (let i = 0; i < 4; i++)
        write(join(org, `r${i}.yaml`), answers(i === 0 ? 'manager' : 'rep', 'east', i));
      const probe = join(dir.path, 'fd-flags.cjs');
      // O_NONBLOCK is 04000 in /proc's octal flags.
      writeFileSync(
        probe,
        "process.on('exit', () => { const flags = require('node:fs').readFileSync('/proc/self/fdinfo/1', 'utf8').match(/flags:\\s+(\\d+)/)[1]; process.stderr.write((parseInt(flags, 8) & 0o4000) ? 'non-blocking\\n' : 'blocking\\n'); });",
      );
      const result = await spawnCollect(
        process.execPath,
        ['-r', probe, BIN, 'team', org, '--format', 'json'],
        {
          stdin: 'ignore',
          env: { WHO_FAILED_WHOM_READ_AHEAD: '0' },
        },
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('blocking\n');
    },
  );

  // Between batches the program gives its event loop a turn, as it does between folders it reads itself.
  test('hears Ctrl-C while the reader reads', async () => {
    const org = join(dir.path, 'interrupted');
    // The first file met (the folder's own files come before its subfolders'), and one that says so on stderr.
    write(join(org, 'first.yaml'), Buffer.from(answers('rep', 'first', 0).replace('Rep A', 'Zoë'), 'latin1'));
    for (let t = 0; t < 400; t++) {
      for (let i = 0; i < 50; i++)
        write(join(org, `team-${t}`, `r${i}.yaml`), answers(i ? 'rep' : 'manager', `t${t}`, i));
    }
    const child = spawn(process.execPath, [BIN, 'team', org, '--format', 'json'], {
      env: cleanEnv({ WHO_FAILED_WHOM_READ_AHEAD: '0' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('Windows-1252')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Interrupted');
  }, 30_000);

  test('takes over part way, between two folders, and the report is the same', async () => {
    const org = join(dir.path, 'large');
    for (let t = 0; t < 30; t++) {
      for (let i = 0; i < 50; i++)
        write(join(org, `team-${t}`, `r${i}.yaml`), answers(i === 0 ? 'manager' : 'rep', `team-${t}`, t + i));
    }
    // After 120 files: the fourth folder on is the reader's.
    const result = await sameEitherWay([org, '--by', 'team', '--format', 'json'], '120');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).respondents).toEqual({ manager: 30, rep: 1470 });
  });
});
