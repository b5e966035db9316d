/**
 * Issue 10, findings 2 and 4, on a real file system through the built binary: links planted in a shared folder,
 * read-only files (root included), the run's own inputs under other names (hard links, linked folders), modes,
 * and this process's stdout by its device name. The rules themselves are table-tested in-process in
 * test/unit/writes.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, link, lstat, mkdir, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  assertBuilt,
  BIN,
  cleanEnv,
  EXAMPLE,
  ROOT,
  type RunResult,
  readText,
  runCli,
  tempDir,
} from '../support/spawn-cli.js';

const MANAGER = readFileSync(EXAMPLE, 'utf8');
const CSV = 'role,give-time,coach-strugglers\nmanager,3,2\nrep,2,1\nrep,1,2\nrep,2,2\n';

let root: { path: string; remove: () => Promise<void> };
let folders = 0;
beforeAll(async () => {
  assertBuilt();
  root = await tempDir();
});
afterAll(async () => {
  await root?.remove();
});

async function folder(files: Record<string, string> = {}): Promise<string> {
  const path = join(root.path, `case-${++folders}`);
  await mkdir(path);
  for (const [name, text] of Object.entries(files)) await writeFile(join(path, name), text);
  return path;
}

/**
 * The temporary names write-file-atomic 7 gave `target` in the bundle we shipped before: the target, a dot, and
 * the first 32 bits of sha1(its own script's path, the pid, the thread id, a counter from 1).
 */
function writeFileAtomicNames(target: string, firstPid: number, count: number): string[] {
  const script = join(ROOT, 'dist', 'vendor', 'write-file-atomic.cjs');
  return Array.from({ length: count }, (_, i) => {
    const hash = createHash('sha1')
      .update(script)
      .update(String(firstPid + i))
      .update('0')
      .update('1');
    return `${target}.${hash.digest().readUInt32BE(0)}`;
  });
}

/** Bytes and times, so "untouched" means not even rewritten with the same content. */
async function snapshot(path: string) {
  const info = await lstat(path);
  return { text: await readText(path), mtimeMs: info.mtimeMs, ino: info.ino, mode: info.mode };
}

const run = (args: string[], cwd: string) => runCli(args, { stdin: 'ignore', cwd });

function expectRefused(result: RunResult, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
}

describe('a shared sticky folder with links planted in it (the attack of finding 2)', () => {
  /** root's own 0600 file outside the folder: what the planted links point at. */
  async function plant(): Promise<{ shared: string; victim: string }> {
    const cwd = await folder();
    const victim = join(cwd, 'root-only.txt');
    await writeFile(victim, 'secret\n', { mode: 0o600 });
    const shared = join(cwd, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    return { shared, victim };
  }

  test('-o onto a link at the report’s own name: refused even with --force, the link and its target untouched', async () => {
    const { shared, victim } = await plant();
    await symlink(victim, join(shared, 'report.md'));
    const before = await snapshot(victim);
    const result = await run(['-a', EXAMPLE, '-o', join(shared, 'report.md'), '--force'], shared);
    expectRefused(result, /report\.md is a symbolic link; -o never writes through one/);
    expect(await snapshot(victim)).toEqual(before);
    expect(await readlink(join(shared, 'report.md'))).toBe(victim);
  });

  test('links at every name write-file-atomic would have taken for the next 2,000 processes: none is followed', async () => {
    const { shared, victim } = await plant();
    const target = join(shared, 'report.md');
    // The next pids, as an attacker would guess them: a process started now takes the one after this.
    const lastPid = spawnSync('true').pid ?? 0;
    const planted = [
      ...writeFileAtomicNames(target, lastPid + 1, 2000),
      // Ours are `.who-failed-whom-<64 random bits>.tmp`: a few guesses at that shape, for good measure.
      ...Array.from({ length: 100 }, () =>
        join(shared, `.who-failed-whom-${randomBytes(8).toString('hex')}.tmp`),
      ),
    ];
    for (const name of planted) await symlink(victim, name);
    const before = await snapshot(victim);
    for (const format of ['text', 'markdown', 'json']) {
      const result = await run(['-a', EXAMPLE, '-f', format, '-o', target], shared);
      expect(result).toMatchObject({ code: 0, stderr: `Report written to ${target}\n` });
    }
    expect(await snapshot(victim)).toEqual(before);
    const report = await lstat(target);
    expect(report.isFile()).toBe(true);
    expect(report.mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readText(target))).toMatchObject({ kind: 'assessment' });
    // Every planted link is still there and still a link; nothing else was left behind.
    expect((await readdir(shared)).length).toBe(planted.length + 1);
    for (const name of planted) expect((await lstat(name)).isSymbolicLink()).toBe(true);
  });

  test.each([
    ['--save-answers', ['--save-answers']],
    ['init', ['init']],
  ])('%s onto a planted link: refused even with --force', async (flag, words) => {
    const { shared, victim } = await plant();
    await symlink(victim, join(shared, 'mine.yaml'));
    const before = await snapshot(victim);
    const args =
      flag === 'init'
        ? [...words, 'mine.yaml', '--force']
        : ['-a', EXAMPLE, ...words, 'mine.yaml', '--force'];
    expectRefused(
      await run(args, shared),
      new RegExp(`^mine\\.yaml is a symbolic link; ${flag} never writes through one`),
    );
    expect(await snapshot(victim)).toEqual(before);
  });
});

describe('files that stay: exit 2, bytes and times unchanged', () => {
  test('a read-only file, even for root and even with --force', async () => {
    const cwd = await folder();
    expect((await run(['-a', EXAMPLE, '-o', 'r.md'], cwd)).code).toBe(0);
    await chmod(join(cwd, 'r.md'), 0o444);
    const before = await snapshot(join(cwd, 'r.md'));
    const result = await run(['-a', EXAMPLE, '-o', 'r.md', '--force'], cwd);
    expectRefused(result, /^r\.md is read-only; -o will not replace it, even with --force/);
    expect(await snapshot(join(cwd, 'r.md'))).toEqual(before);
  });

  test('team responses.csv -o responses.csv, even with --force', async () => {
    const cwd = await folder({ 'responses.csv': CSV });
    const before = await snapshot(join(cwd, 'responses.csv'));
    const result = await run(['team', 'responses.csv', '-o', 'responses.csv', '--force'], cwd);
    expectRefused(
      result,
      /^responses\.csv is one of this run's inputs; -o never replaces it, even with --force/,
    );
    expect(await snapshot(join(cwd, 'responses.csv'))).toEqual(before);
  });

  test('the answers file under another name: a hard link, a linked folder', async () => {
    const cwd = await folder({ 'a.yaml': MANAGER });
    await link(join(cwd, 'a.yaml'), join(cwd, 'same.yaml'));
    await symlink(cwd, join(cwd, 'alias'));
    const before = await snapshot(join(cwd, 'a.yaml'));
    for (const other of ['same.yaml', 'alias/a.yaml']) {
      const result = await run(['-a', 'a.yaml', '-o', other, '--force'], cwd);
      expectRefused(result, /is one of this run's inputs; -o never replaces it/);
    }
    expect(await snapshot(join(cwd, 'a.yaml'))).toEqual(before);
  });

  test('an answers file being edited (a YAML error), without --force', async () => {
    const editing = `${MANAGER}foo: bar: baz\n`;
    const cwd = await folder({ 'edit.yaml': editing });
    const before = await snapshot(join(cwd, 'edit.yaml'));
    const result = await run(['-a', EXAMPLE, '-o', 'edit.yaml'], cwd);
    expectRefused(
      result,
      /^edit\.yaml exists and is not a who-failed-whom report; pass --force to replace it/,
    );
    expect(await snapshot(join(cwd, 'edit.yaml'))).toEqual(before);
  });
});

describe('what is written', () => {
  test('an earlier report is replaced and keeps its mode; no temporary file is left', async () => {
    const cwd = await folder();
    expect((await run(['-a', EXAMPLE, '-f', 'markdown', '-o', 'r.md'], cwd)).code).toBe(0);
    await chmod(join(cwd, 'r.md'), 0o644);
    const first = await snapshot(join(cwd, 'r.md'));
    const result = await run(['-a', EXAMPLE, '-f', 'json', '-o', 'r.md'], cwd);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: 'Report written to r.md\n' });
    const second = await snapshot(join(cwd, 'r.md'));
    expect(second.ino).not.toBe(first.ino);
    expect(second.mode & 0o777).toBe(0o644);
    expect(JSON.parse(second.text)).toMatchObject({ schemaVersion: 1, kind: 'assessment' });
    expect(await readdir(cwd)).toEqual(['r.md']);
  });

  test('-o /dev/stdout when the shell sent stdout to a file: the report lands in that file', async () => {
    const cwd = await folder();
    const out = join(cwd, 'summary.md');
    await writeFile(out, '# Summary\n');
    const markdown = await run(['-a', EXAMPLE, '-f', 'markdown'], cwd);
    // As `>> "$GITHUB_STEP_SUMMARY"` would: the child's stdout is the file itself, opened for appending.
    const fd = openSync(out, 'a');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [BIN, '-a', EXAMPLE, '-f', 'markdown', '-o', '/dev/stdout'], {
        cwd,
        env: cleanEnv(),
        stdio: ['ignore', fd, 'ignore'],
      });
      child.on('close', resolve);
    });
    closeSync(fd);
    expect(code).toBe(0);
    expect(await readText(out)).toBe(`# Summary\n${markdown.stdout}`);
  });

  test('-o through a link to a device writes in place and leaves both as they were', async () => {
    const cwd = await folder();
    await symlink('/dev/null', join(cwd, 'null'));
    const result = await run(['-a', EXAMPLE, '-o', 'null'], cwd);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: 'Report written to null\n' });
    expect(await readlink(join(cwd, 'null'))).toBe('/dev/null');
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
  });
});
