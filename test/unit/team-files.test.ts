/**
 * Which files a team run reads: each file once however it is reached (named twice, through a folder, by a
 * link, a hard link, a folder given twice), links inside folders followed to files but never to folders, and
 * a folder that cannot be read (or goes away during the walk) reported as the input problem it is, never as
 * a bug. In-process through the memory Io, and through the real file system where only it can show a case.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import type { WalkEntry } from '../../src/io.js';
import { readRegular } from '../../src/node/files.js';
import { processIo } from '../../src/node/start.js';
import { realIo } from '../support/in-process.js';
import { DIR, type MemoryIoOptions, memoryIo } from '../support/memory-io.js';

const TEAM = new URL('../../examples/team/', import.meta.url);
const MANAGER = readFileSync(new URL('manager.yaml', TEAM), 'utf8');
const REP = readFileSync(new URL('rep-a.yaml', TEAM), 'utf8');
const OTHER_REP = readFileSync(new URL('rep-b.yaml', TEAM), 'utf8');

async function team(args: string[], options: MemoryIoOptions) {
  const io = memoryIo(options);
  const code = await main(['team', ...args, '--format', 'json'], io);
  return { code, report: code === 0 ? JSON.parse(io.stdoutText) : undefined, stderr: io.stderrText };
}

describe('each file counts once', () => {
  test('one rep named three times is one rep, and too few to show', async () => {
    const result = await team(['m.yaml', 'r.yaml', 'r.yaml', 'r.yaml'], {
      files: { 'm.yaml': MANAGER, 'r.yaml': REP },
    });
    expect(result.code).toBe(0);
    expect(result.report.respondents).toEqual({ manager: 1, rep: 1 });
    expect(result.report.scores.rep.withheld).toBe('fewer than 3 reps answered');
    expect(result.stderr).toBe('r.yaml was given 3 times; counted once\n');
  });

  test.each<[string, string[], MemoryIoOptions, string]>([
    [
      'a file in a folder, and named too',
      ['retro', 'retro/r.yaml'],
      { files: { 'retro/m.yaml': MANAGER, 'retro/r.yaml': REP } },
      'retro/r.yaml was given 2 times; counted once',
    ],
    [
      'one file under two spellings',
      ['./r.yaml', 'r.yaml', 'm.yaml'],
      { files: { 'm.yaml': MANAGER, 'r.yaml': REP } },
      './r.yaml was given 2 times (also as r.yaml); counted once',
    ],
    [
      'a link beside the file it points to',
      ['m.yaml', 'r.yaml', 'link.yaml'],
      { files: { 'm.yaml': MANAGER, 'r.yaml': REP }, links: { 'link.yaml': 'r.yaml' } },
      'r.yaml was given 2 times (also as link.yaml); counted once',
    ],
    [
      'a link inside a folder to a file named too',
      ['retro', 'r.yaml'],
      { files: { 'retro/m.yaml': MANAGER, 'r.yaml': REP }, links: { 'retro/link.yaml': 'r.yaml' } },
      'retro/link.yaml was given 2 times (also as r.yaml); counted once',
    ],
    [
      'a folder given twice',
      ['retro', 'retro'],
      { files: { 'retro/m.yaml': MANAGER, 'retro/r.yaml': REP } },
      'retro was given 2 times; counted once',
    ],
  ])('%s', async (_what, args, options, note) => {
    const result = await team(args, options);
    expect(result.code).toBe(0);
    expect(result.report.respondents).toEqual({ manager: 1, rep: 1 });
    expect(result.stderr).toBe(`${note}\n`);
  });

  test('past twenty files given twice, the rest are counted in one line', async () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`r${i}.yaml`, REP]));
    const names = Object.keys(files);
    const result = await team([...names, ...names], { files });
    expect(result.report.respondents.rep).toBe(25);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('… and 5 more files were given more than once; each counted once');
  });
});

describe('links inside a folder', () => {
  test('a link to a file is read; a link to a folder is passed over, and said', async () => {
    const result = await team(['retro'], {
      files: { 'retro/m.yaml': MANAGER, 'elsewhere/r.yaml': REP, 'elsewhere/r2.yaml': OTHER_REP },
      links: { 'retro/r.yaml': 'elsewhere/r.yaml', 'retro/all': 'elsewhere' },
    });
    expect(result.code).toBe(0);
    expect(result.report.respondents).toEqual({ manager: 1, rep: 1 });
    expect(result.stderr).toMatch(
      /^retro\/all: not read: a link to a folder \(.*\); name that folder to read it\n$/,
    );
  });
});

describe('a folder that cannot be read', () => {
  const options: MemoryIoOptions = {
    files: { 'retro/m.yaml': MANAGER, 'retro/private/r.yaml': REP, 'retro/open/r.yaml': OTHER_REP },
    unreadable: ['retro/private'],
  };
  const line = 'retro/private: cannot read this folder (permission denied); its files were not read';

  test('is an input error naming it, not a bug', async () => {
    const result = await team(['retro'], options);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${line}\nFix them, or pass --skip-invalid to report on the valid ones only.\n`,
    );
  });

  test('is skipped and listed with --skip-invalid', async () => {
    const result = await team(['retro', '--skip-invalid'], options);
    expect(result.code).toBe(0);
    expect(result.report.respondents).toEqual({ manager: 1, rep: 1 });
    expect(result.report.skipped).toEqual([{ source: 'retro/private', reason: line }]);
  });
});

describe('on the real file system', () => {
  const root = mkdtempSync(join(tmpdir(), 'wfw-team-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A folder under the test's own temporary one, with the files given (content, or null for a folder). */
  function tree(name: string, files: Record<string, string | null>): string {
    const base = join(root, name);
    for (const [path, content] of Object.entries(files)) {
      const full = join(base, path);
      if (content === null) mkdirSync(full, { recursive: true });
      else {
        mkdirSync(join(full, '..'), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return base;
  }

  /** The real Io, its output kept in memory; `walk` may be wrapped to act part way through. */
  async function walked(dir: string): Promise<WalkEntry[]> {
    const found: WalkEntry[] = [];
    for await (const entry of processIo().walk(dir, ['.yaml'])) found.push(entry);
    return found.sort((a, b) => a.path.localeCompare(b.path));
  }

  test('the walk follows links to files, passes over links to folders and what is no file', async () => {
    const dir = tree('links', { 'retro/m.yaml': MANAGER, 'outside/r.yaml': REP, 'retro/sub': null });
    const retro = join(dir, 'retro');
    symlinkSync(join(dir, 'outside', 'r.yaml'), join(retro, 'r.yaml'));
    symlinkSync(retro, join(retro, 'sub', 'loop'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(retro, 'dangling.yaml'));
    symlinkSync(join(dir, 'nowhere'), join(retro, 'dangling-folder'));
    execFileSync('mkfifo', [join(retro, 'fifo.yaml')]);
    expect(await walked(retro)).toEqual([
      { kind: 'file', path: join(retro, 'dangling.yaml') },
      { kind: 'passed-over', path: join(retro, 'fifo.yaml'), why: 'not-a-file' },
      { kind: 'file', path: join(retro, 'm.yaml') },
      { kind: 'file', path: join(retro, 'r.yaml') },
      { kind: 'passed-over', path: join(retro, 'sub', 'loop'), why: 'link-to-folder' },
    ]);
  });

  test('a team run reads a linked file once, even beside a hard link to it', async () => {
    const dir = tree('hard', { 'retro/m.yaml': MANAGER, 'retro/r.yaml': REP });
    const retro = join(dir, 'retro');
    linkSync(join(retro, 'r.yaml'), join(retro, 'r-again.yaml'));
    symlinkSync(join(retro, 'r.yaml'), join(dir, 'link.yaml'));
    const { io, stdout, stderr } = realIo();
    expect(await main(['team', retro, join(dir, 'link.yaml'), '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(stdout()).respondents).toEqual({ manager: 1, rep: 1 });
    expect(stderr()).toMatch(/^\S+\.yaml was given 3 times \(also as \S+, \S+\); counted once\n$/);
  });

  test('a folder removed during the walk is an input error naming it, or skipped with --skip-invalid', async () => {
    for (const skip of [false, true]) {
      const dir = tree(`removed-${skip}`, { 'retro/m.yaml': MANAGER, 'retro/sub/r.yaml': REP });
      const sub = join(dir, 'retro', 'sub');
      const real = processIo().readFolder;
      // At the first file the walk yields, the subfolder has been listed but not yet opened.
      const { io, stdout, stderr } = realIo(async function* (folder, extensions) {
        for await (const batch of real(folder, extensions)) {
          rmSync(sub, { recursive: true, force: true });
          yield batch;
        }
      });
      const code = await main(
        ['team', join(dir, 'retro'), '--format', 'json', ...(skip ? ['--skip-invalid'] : [])],
        io,
      );
      const line = `${sub}: this folder went away while it was being read; its files were not read`;
      if (skip) {
        expect(code).toBe(0);
        expect(JSON.parse(stdout()).skipped).toEqual([{ source: sub, reason: line }]);
      } else {
        expect(code).toBe(2);
        expect(stderr()).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
      }
      expect(stderr()).not.toContain('This is a bug');
    }
  });

  // What a folder's reader (the program's thread, or the one reading ahead) makes of each kind of path.
  test('a file read ahead: its bytes and id, the error as the file system words it, nothing for a FIFO', () => {
    const dir = tree('kinds', { 'm.yaml': MANAGER, 'big.yaml': 'x'.repeat(1024 * 1024 + 1), sub: null });
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    const read = readRegular(join(dir, 'm.yaml'));
    expect(read && 'bytes' in read && Buffer.from(read.bytes).toString()).toBe(MANAGER);
    expect(read && 'id' in read && read.id).toMatch(/^\d+:\d+$/);
    expect(readRegular(join(dir, 'missing.yaml'))).toEqual({
      error: expect.objectContaining({ code: 'ENOENT' }),
    });
    expect(readRegular(join(dir, 'big.yaml'))).toEqual({ error: expect.objectContaining({ code: 'EFBIG' }) });
    expect(readRegular(join(dir, 'sub'))).toEqual({ error: { code: 'EISDIR', message: 'is a folder' } });
    expect(readRegular(join(dir, 'fifo.yaml'))).toBeUndefined();
  });
});

// The memory Io's walk is only a model: check it against the real one on the same tree.
test('the memory walk names what it finds as the real walk does', async () => {
  const io = memoryIo({ files: { 'retro/a.yaml': MANAGER, 'retro/sub': DIR, 'retro/sub/b.yaml': REP } });
  const found: WalkEntry[] = [];
  for await (const entry of io.walk('retro', ['.yaml'])) found.push(entry);
  expect(found.map((entry) => entry.path).sort()).toEqual(['retro/a.yaml', 'retro/sub/b.yaml']);
});
