/**
 * The writer for kept rounds, on a real file system (the memory io cannot say what modes, owners and links do):
 * 0600 files, 0700 folders, nothing replaced, no link followed, no folder that others can write to.
 */
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { processIo } from '../../src/node/start.js';
import { createLockFile, createPrivateFile } from '../../src/output/private-file.js';
import { removeUnfinishedFiles } from '../../src/output/unfinished-files.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'wfw-private-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const mode = async (path: string) => (await lstat(path)).mode & 0o777;
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'created',
    (error: NodeJS.ErrnoException) => error.code,
  );

describe('createPrivateFile', () => {
  test('makes the file 0600 and every missing folder from the root down 0700', async () => {
    const root = join(base, 'data');
    const file = join(root, 'rounds', 'bank', 'manager', 'r.yaml');
    await createPrivateFile(file, 'answers: {}\n', root);
    expect(await readFile(file, 'utf8')).toBe('answers: {}\n');
    expect(await mode(file)).toBe(0o600);
    for (const folder of ['', 'rounds', 'rounds/bank', 'rounds/bank/manager']) {
      expect([folder, await mode(join(root, folder))]).toEqual([folder, 0o700]);
    }
    // The temporary file it was written through is gone.
    expect(await readdir(join(root, 'rounds', 'bank', 'manager'))).toEqual(['r.yaml']);
  });

  test('never replaces a file: EEXIST, the file untouched', async () => {
    const file = join(base, 'r.yaml');
    await writeFile(file, 'mine');
    expect(await code(createPrivateFile(file, 'new', base))).toBe('EEXIST');
    expect(await readFile(file, 'utf8')).toBe('mine');
    expect(await readdir(base)).toEqual(['r.yaml']);
  });

  test.each([
    ['a file', 'theirs'],
    ['nothing (a dangling link)', undefined],
  ])('never writes through a link at its name, to %s: EEXIST', async (_what, content) => {
    const target = join(base, 'target');
    if (content !== undefined) await writeFile(target, content);
    await symlink(target, join(base, 'r.yaml'));
    expect(await code(createPrivateFile(join(base, 'r.yaml'), 'new', base))).toBe('EEXIST');
    if (content !== undefined) expect(await readFile(target, 'utf8')).toBe(content);
    else await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  test('refuses a root that others can write to', async () => {
    await chmod(base, 0o777);
    const error = await createPrivateFile(join(base, 'r.yaml'), 'x', base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EUNSAFE', reason: 'can be written by other users' });
    expect(await readdir(base)).toEqual([]);
  });

  test('refuses a folder below the root that is a link, and writes nothing where it points', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'wfw-elsewhere-'));
    try {
      await symlink(elsewhere, join(base, 'rounds'));
      const error = await createPrivateFile(join(base, 'rounds', 'r.yaml'), 'x', base).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'EUNSAFE', reason: 'is a symbolic link, not a folder' });
      expect(await readdir(elsewhere)).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  test('makes an existing folder of its own below the root private', async () => {
    await mkdir(join(base, 'rounds'), { mode: 0o755 });
    await chmod(join(base, 'rounds'), 0o755);
    await createPrivateFile(join(base, 'rounds', 'r.yaml'), 'x', base);
    expect(await mode(join(base, 'rounds'))).toBe(0o700);
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (asRoot ? test : test.skip)('refuses a root that belongs to another user (run as root)', async () => {
    await chown(base, 65534, 65534);
    const error = await createPrivateFile(join(base, 'r.yaml'), 'x', base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EUNSAFE', reason: 'belongs to another user' });
  });
});

describe("a questionnaire's lock", () => {
  test('is created 0600, never over one that is there, and removed if the process is stopped first', async () => {
    const lock = join(base, 'drafts', 'bank', 'manager.lock');
    await createLockFile(lock, 'first', base);
    expect(await mode(lock)).toBe(0o600);
    expect(await code(createLockFile(lock, 'second', base))).toBe('EEXIST');
    expect(await readFile(lock, 'utf8')).toBe('first');
    removeUnfinishedFiles();
    expect(await readdir(join(base, 'drafts', 'bank'))).toEqual([]);
  });

  test("let go by the run, it is no longer removed at a stop (it may be another run's by then)", async () => {
    const io = processIo();
    const lock = join(base, 'manager.lock');
    await io.createLockFile(lock, 'mine', base);
    await io.removeFile(lock);
    await writeFile(lock, 'theirs');
    removeUnfinishedFiles();
    expect(await readFile(lock, 'utf8')).toBe('theirs');
  });

  test('its process is running while it exists, and not once it is gone', async () => {
    const io = processIo();
    expect(io.isRunning(io.pid)).toBe(true);
    const { spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(io.isRunning(gone)).toBe(false);
  });
});
