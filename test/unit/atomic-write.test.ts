/**
 * The file-system half of safe writes, on a real folder: the temporary file never follows a link planted at its
 * name (issue 10, finding 2), modes, clean-up, and what inspectDestination sees. The CLI's use of them is in
 * test/unit/writes.test.ts and test/e2e/writes.test.ts.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from '@jest/globals';
import { writeAtomic, writeInPlace } from '../../src/output/atomic-write.js';
import { fileId, inspectDestination } from '../../src/output/inspect.js';
import { removeUnfinishedFiles, unfinishedFiles } from '../../src/output/unfinished-files.js';

const root = mkdtempSync(join(tmpdir(), 'wfw-atomic-'));
let dir: string;
let folders = 0;
beforeEach(() => {
  dir = join(root, `case-${++folders}`);
  mkdirSync(dir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file outside the folder written to, as another user's attack would aim at (root's 0600 file). */
function victim(): { path: string; before: { text: string; mtimeMs: number; mode: number } } {
  const path = join(dir, '..', `victim-${folders}`);
  writeFileSync(path, 'secret\n', { mode: 0o600 });
  const { mtimeMs, mode } = statSync(path);
  return { path, before: { text: 'secret\n', mtimeMs, mode } };
}
const untouched = (path: string) => {
  const { mtimeMs, mode } = statSync(path);
  return { text: readFileSync(path, 'utf8'), mtimeMs, mode };
};
/** Names the next attempts will take, in order; then fails the test if asked for more. */
const names =
  (...parts: string[]) =>
  () => {
    const next = parts.shift();
    if (next === undefined) throw new Error('asked for more names than planned');
    return next;
  };
const temporaryName = (part: string) => `.who-failed-whom-${part}.tmp`;

describe('writeAtomic', () => {
  test('a link planted at the temporary name is never followed: the write takes another name', async () => {
    const { path: target, before } = victim();
    symlinkSync(target, join(dir, temporaryName('guessed')));
    const report = join(dir, 'report.md');
    await writeAtomic(report, 'the report\n', { randomPart: names('guessed', 'fresh') });
    expect(readFileSync(report, 'utf8')).toBe('the report\n');
    expect(untouched(target)).toEqual(before);
    expect(readlinkSync(join(dir, temporaryName('guessed')))).toBe(target);
    expect(readdirSync(dir).sort()).toEqual([temporaryName('guessed'), 'report.md']);
  });

  test('a link to a name that does not exist yet is not created through either', async () => {
    const elsewhere = join(dir, '..', `created-${folders}`);
    symlinkSync(elsewhere, join(dir, temporaryName('guessed')));
    await writeAtomic(join(dir, 'r.md'), 'x', { randomPart: names('guessed', 'fresh') });
    expect(() => lstatSync(elsewhere)).toThrow(/ENOENT/);
  });

  test('every name taken: it gives up with EEXIST, writes nothing, and follows no link', async () => {
    const { path: target, before } = victim();
    const parts = ['a', 'b', 'c', 'd', 'e'];
    for (const part of parts) symlinkSync(target, join(dir, temporaryName(part)));
    await expect(writeAtomic(join(dir, 'r.md'), 'x', { randomPart: names(...parts) })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(untouched(target)).toEqual(before);
    expect(readdirSync(dir)).not.toContain('r.md');
  });

  test('a link at the target itself is replaced by the file, never written through', async () => {
    const { path: target, before } = victim();
    const report = join(dir, 'r.md');
    symlinkSync(target, report);
    await writeAtomic(report, 'the report\n');
    expect(lstatSync(report).isFile()).toBe(true);
    expect(readFileSync(report, 'utf8')).toBe('the report\n');
    expect(untouched(target)).toEqual(before);
  });

  test('twenty writers at once: each takes its own temporary name, and the file is one of them, whole', async () => {
    const report = join(dir, 'r.md');
    const contents = Array.from({ length: 20 }, (_, i) => `writer ${i}\n`.repeat(1000));
    await Promise.all(contents.map((content) => writeAtomic(report, content)));
    expect(contents).toContain(readFileSync(report, 'utf8'));
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  test('a new file is its owner’s only (0600); a replaced one keeps its mode', async () => {
    const fresh = join(dir, 'new.md');
    await writeAtomic(fresh, 'new');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    const shared = join(dir, 'shared.md');
    writeFileSync(shared, 'old');
    chmodSync(shared, 0o644);
    await writeAtomic(shared, 'new');
    expect(statSync(shared).mode & 0o777).toBe(0o644);
    expect(readFileSync(shared, 'utf8')).toBe('new');
  });

  test('a failed rename leaves no temporary file behind', async () => {
    mkdirSync(join(dir, 'a-folder'));
    writeFileSync(join(dir, 'a-folder', 'inside'), 'x');
    await expect(writeAtomic(join(dir, 'a-folder'), 'x')).rejects.toMatchObject({ code: expect.any(String) });
    expect(readdirSync(dir)).toEqual(['a-folder']);
  });

  test('interrupted mid-write (what Ctrl-C does): the temporary file goes, the target stays as it was', async () => {
    const report = join(dir, 'r.md');
    writeFileSync(report, 'the earlier report\n');
    const writing = writeAtomic(report, 'x'.repeat(8 * 1024 * 1024));
    while (unfinishedFiles.size === 0) await new Promise((resolve) => setImmediate(resolve));
    removeUnfinishedFiles();
    await expect(writing).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readFileSync(report, 'utf8')).toBe('the earlier report\n');
    expect(readdirSync(dir)).toEqual(['r.md']);
    expect(unfinishedFiles.size).toBe(0);
  });
});

describe('writeInPlace', () => {
  test('writes a device where it is', async () => {
    await writeInPlace('/dev/null', 'nothing');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('refuses a regular file swapped in for the device, and leaves it as it was', async () => {
    const { path, before } = victim();
    await expect(writeInPlace(path, 'x')).rejects.toMatchObject({ code: 'ECHANGED' });
    expect(untouched(path)).toEqual(before);
  });
});

describe('inspectDestination', () => {
  const kindOf = (path: string, inputs = new Set<string>()) => inspectDestination(path, inputs);

  test('tells apart what can be in the way', () => {
    writeFileSync(join(dir, 'file'), 'head of the file');
    mkdirSync(join(dir, 'folder'));
    symlinkSync(join(dir, 'file'), join(dir, 'link-to-file'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    symlinkSync(join(dir, 'folder'), join(dir, 'link-to-folder'));
    symlinkSync('/dev/null', join(dir, 'link-to-null'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const kinds = Object.fromEntries(
      ['file', 'folder', 'link-to-file', 'dangling', 'link-to-folder', 'link-to-null', 'fifo', 'missing'].map(
        (name) => [name, kindOf(join(dir, name)).kind],
      ),
    );
    expect(kinds).toEqual({
      file: 'file',
      folder: 'folder',
      'link-to-file': 'link',
      dangling: 'link',
      'link-to-folder': 'link',
      'link-to-null': 'device',
      fifo: 'device',
      missing: 'missing',
    });
    expect(kindOf('/dev/null').kind).toBe('device');
    expect(kindOf(join(dir, 'file'))).toMatchObject({
      head: 'head of the file',
      readOnly: false,
      input: false,
    });
  });

  test('reads only the first 4 KB of a big file', () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(100_000));
    expect(kindOf(join(dir, 'big'))).toMatchObject({ kind: 'file', head: 'x'.repeat(4096) });
  });

  test('a file nobody may write is read-only, for root too; an unreadable one has no head', () => {
    const path = join(dir, 'locked');
    writeFileSync(path, 'x');
    chmodSync(path, 0o444);
    expect(kindOf(path)).toMatchObject({ kind: 'file', readOnly: true });
    chmodSync(path, 0o200);
    const writeOnly = kindOf(path);
    // Root reads anything; anyone else cannot tell what the file is.
    expect(writeOnly).toMatchObject({
      kind: 'file',
      readOnly: false,
      head: process.getuid?.() === 0 ? 'x' : null,
    });
  });

  test('an input is known by its identity, under any name', () => {
    const input = join(dir, 'a.yaml');
    writeFileSync(input, 'answers: {}\n');
    linkSync(input, join(dir, 'hard-link.yaml'));
    const inputs = new Set([fileId(statSync(input))]);
    expect(kindOf(join(dir, 'hard-link.yaml'), inputs)).toMatchObject({ kind: 'file', input: true });
    expect(kindOf(join(dir, '.', 'a.yaml'), inputs)).toMatchObject({ kind: 'file', input: true });
    writeFileSync(join(dir, 'b.yaml'), 'answers: {}\n');
    expect(kindOf(join(dir, 'b.yaml'), inputs)).toMatchObject({ kind: 'file', input: false });
  });

  test('a file not there yet has one id under two names of its folder', () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    const direct = kindOf(join(dir, 'real', 'r.md'));
    expect(direct).toMatchObject({ kind: 'missing', id: expect.any(String) });
    expect(kindOf(join(dir, 'alias', 'r.md'))).toEqual(direct);
    expect(kindOf(join(dir, 'no-folder', 'r.md'))).toEqual({
      kind: 'missing',
      id: null,
      folderError: 'ENOENT',
    });
  });

  test('says what a new file beside it would meet: no folder, a file for a folder, or nothing', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(kindOf(join(dir, 'r.md'))).toMatchObject({ kind: 'missing', folderError: null });
    expect(kindOf(join(dir, 'file'))).toMatchObject({ kind: 'file', folderError: null });
    expect(kindOf(join(dir, 'none', 'r.md'))).toMatchObject({ kind: 'missing', folderError: 'ENOENT' });
    expect(kindOf(join(dir, 'file', 'r.md'))).toMatchObject({ kind: 'missing', folderError: 'ENOTDIR' });
  });
});
