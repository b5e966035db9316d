import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { seal, unseal } from '../../src/boot/cache-seal.js';
import { cacheFolder, cacheKind, readCache, staleCaches } from '../../src/boot/compile-cache.js';
import {
  ensurePrivateFolder,
  readPrivateFile,
  temporaryBeside,
  writePrivateFile,
} from '../../src/boot/private-file.js';

describe('cacheFolder', () => {
  const home = '/home/dana';
  test.each([
    ['linux', {}, undefined],
    ['linux', { HOME: home }, join(home, '.cache', 'who-failed-whom')],
    ['linux', { HOME: home, XDG_CACHE_HOME: '/xdg' }, join('/xdg', 'who-failed-whom')],
    ['linux', { HOME: home, XDG_CACHE_HOME: '' }, join(home, '.cache', 'who-failed-whom')],
    ['linux', { HOME: home, XDG_CACHE_HOME: 'relative/xdg' }, join(home, '.cache', 'who-failed-whom')],
    ['darwin', { HOME: home }, join(home, 'Library', 'Caches', 'who-failed-whom')],
    ['win32', { HOME: home }, undefined],
    [
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\dana\\AppData\\Local' },
      join('C:\\Users\\dana\\AppData\\Local', 'who-failed-whom'),
    ],
    ['linux', { HOME: home, WHO_FAILED_WHOM_CACHE_DIR: '/tmp/c' }, '/tmp/c'],
    ['linux', { WHO_FAILED_WHOM_CACHE_DIR: 'rel' }, join(process.cwd(), 'rel')],
    ['linux', { HOME: home, WHO_FAILED_WHOM_NO_CACHE: '1' }, undefined],
    [
      'linux',
      { HOME: home, NODE_DISABLE_COMPILE_CACHE: '1', WHO_FAILED_WHOM_CACHE_DIR: '/tmp/c' },
      undefined,
    ],
  ])('%s with %j → %s', (platform, env, expected) => {
    expect(cacheFolder(env, platform)).toBe(expected);
  });
});

describe('cacheKind', () => {
  test.each([
    [['--version'], false, 'version'],
    [['-v'], true, 'version'],
    [['--help'], false, 'help'],
    [['team', '--help'], false, 'help'],
    [['help', 'team'], false, 'help'],
    [['--answers', 'a.yaml'], true, 'assess'],
    [['-a', 'a.yaml', '-f', 'json'], true, 'assess'],
    [['--answers=a.yaml'], true, 'assess'],
    [['-a', 'a.yaml', '--format', 'html'], true, 'assess-html'],
    [['--answers=a.yaml', '--format=html'], false, 'assess-html'],
    [['-f', 'html'], false, 'assess-html'],
    [['team', 'retro/', '-f', 'html'], false, 'team-html'],
    [['team', 'html'], false, 'team'],
    [[], false, 'assess'],
    [[], true, 'questionnaire'],
    [['--role', 'rep'], true, 'questionnaire'],
    [['template', '--role', 'rep'], true, 'template'],
    [['--questions', 'b.yaml', 'validate', 'b.yaml'], false, 'validate'],
    [['team', 'answers/'], false, 'team'],
  ])('%j, stdin a terminal: %s → %s', (argv, terminal, expected) => {
    expect(cacheKind(argv, terminal)).toBe(expected);
  });
});

describe('staleCaches', () => {
  const now = Date.UTC(2026, 10, 27);
  const day = 24 * 60 * 60 * 1000;
  const build = (digit: string) => digit.repeat(16);
  const file = (b: string, kind = 'assess', daysAgo = 0, tmp = false) => ({
    name: `${build(b)}-abc-v20.20.2-x64-${kind}.v8${tmp ? '.123.tmp' : ''}`,
    mtimeMs: now - daysAgo * day,
  });
  const stale = (...files: ReturnType<typeof file>[]) => staleCaches(files, build('a'), now);

  test.each([
    ['this build, however old', [file('a', 'assess', 400)], []],
    ['another build, recent', [file('b', 'assess', 1)], []],
    ['another build, over 30 days old', [file('b', 'assess', 31)], [file('b', 'assess', 31).name]],
    [
      'the two newest other builds stay, older ones go',
      [file('b', 'assess', 1), file('c', 'assess', 2), file('d', 'assess', 3), file('d', 'help', 3)],
      [file('d', 'assess', 3).name, file('d', 'help', 3).name],
    ],
    [
      'a build counts by its newest file',
      [file('b', 'assess', 9), file('b', 'help', 1), file('c', 'help', 5), file('d', 'help', 2)],
      [file('c', 'help', 5).name],
    ],
    [
      'a half-written file over a day old',
      [file('a', 'assess', 2, true)],
      [file('a', 'assess', 2, true).name],
    ],
    ['a half-written file being written now', [file('a', 'assess', 0, true)], []],
    [
      'files that are not caches of this tool',
      [
        { name: 'other-tool.v8', mtimeMs: 0 },
        { name: 'notes.txt', mtimeMs: 0 },
      ],
      [],
    ],
  ])('%s', (_what, files, expected) => {
    expect(stale(...files).sort()).toEqual([...expected].sort());
  });
});

// ---- What a run may read and write (src/boot/private-file.ts, src/boot/cache-seal.ts) ---------------------------

const isRoot = process.geteuid?.() === 0;
/** Someone else, when the tests can make files of someone else's (as root); nobody otherwise. */
const NOBODY = 65534;

describe('seal and unseal', () => {
  const key = '0123456789abcdef-x-v20.20.2-x64-assess.v8';
  const payload = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff));
  const sealed = () => Buffer.concat(seal(key, payload));

  test('a whole file gives its payload back', () => {
    expect(unseal(key, sealed())).toEqual(payload);
    expect(unseal(key, Buffer.concat(seal(key, Buffer.alloc(0))))).toEqual(Buffer.alloc(0));
  });

  test('any one damaged byte, header or payload, is refused', () => {
    const accepted: string[] = [];
    for (let position = 0; position < sealed().length; position++) {
      for (const xor of [0x01, 0x10, 0x80, 0x5a, 0xff]) {
        const file = sealed();
        file[position] = (file[position] as number) ^ xor;
        if (unseal(key, file) !== undefined) accepted.push(`${position}^${xor}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  test.each([
    ['made for another cache (another name)', (file: Buffer) => unseal(`${key}x`, file)],
    ['cut short by a byte', (file: Buffer) => unseal(key, file.subarray(0, -1))],
    ['a byte longer', (file: Buffer) => unseal(key, Buffer.concat([file, Buffer.of(0)]))],
    ['only a header', (file: Buffer) => unseal(key, file.subarray(0, 16))],
    ['shorter than a header', (file: Buffer) => unseal(key, file.subarray(0, 15))],
    ['empty', () => unseal(key, Buffer.alloc(0))],
    ['a bare V8 cache, as the tool wrote before', () => unseal(key, payload)],
  ])('%s: refused', (_what, read) => {
    expect(read(sealed())).toBeUndefined();
  });
});

describe('the private files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wfw-private-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A private folder in the temporary one, with a file of ours (0600) holding `content`. */
  function folderWithFile(content = 'cached code') {
    const folder = join(dir, 'cache');
    mkdirSync(folder, { mode: 0o700 });
    chmodSync(folder, 0o700);
    const path = join(folder, 'file.v8');
    writeFileSync(path, content);
    chmodSync(path, 0o600);
    return { folder, path };
  }

  type Setup = (at: { folder: string; path: string }) => void;
  const readable: [string, Setup][] = [
    ['a file of ours (0600) in a folder of ours (0700)', () => {}],
    ['a folder others may read but not write (0755)', ({ folder }) => chmodSync(folder, 0o755)],
    ['a file others may read but not write (0644)', ({ path }) => chmodSync(path, 0o644)],
  ];
  const refused: [string, Setup][] = [
    ['a file the group may write (0620)', ({ path }) => chmodSync(path, 0o620)],
    ['a file anyone may write (0666)', ({ path }) => chmodSync(path, 0o666)],
    [
      'a link to a file of ours',
      ({ folder, path }) => {
        renameSync(path, join(folder, 'real.v8'));
        symlinkSync(join(folder, 'real.v8'), path);
      },
    ],
    [
      'a folder where the file should be',
      ({ path }) => {
        rmSync(path);
        mkdirSync(path);
      },
    ],
    ['nothing', ({ path }) => rmSync(path)],
    ['a folder the group may write (0770)', ({ folder }) => chmodSync(folder, 0o770)],
    ['a folder anyone may write (0777)', ({ folder }) => chmodSync(folder, 0o777)],
    ['a folder anyone may write, sticky (1777, as /tmp)', ({ folder }) => chmodSync(folder, 0o1777)],
    ...(isRoot
      ? ([
          ["someone else's file", ({ path }) => chownSync(path, NOBODY, NOBODY)],
          ["someone else's folder", ({ folder }) => chownSync(folder, NOBODY, NOBODY)],
        ] as [string, Setup][])
      : []),
  ];

  test.each(readable)('%s: read', (_what, setup) => {
    const at = folderWithFile();
    setup(at);
    expect(readPrivateFile(at.folder, at.path, 1024)?.toString()).toBe('cached code');
  });

  test.each(refused)('%s: not read', (_what, setup) => {
    const at = folderWithFile();
    setup(at);
    expect(readPrivateFile(at.folder, at.path, 1024)).toBeUndefined();
  });

  test('a folder that is a link to a private folder: not read', () => {
    const at = folderWithFile();
    const link = join(dir, 'link');
    symlinkSync(at.folder, link);
    expect(readPrivateFile(link, join(link, 'file.v8'), 1024)).toBeUndefined();
  });

  test('read up to the cap, refused above it', () => {
    const at = folderWithFile('0123456789');
    expect(readPrivateFile(at.folder, at.path, 10)?.toString()).toBe('0123456789');
    expect(readPrivateFile(at.folder, at.path, 9)).toBeUndefined();
  });

  test('a missing folder is made private (0700), parents too', () => {
    const folder = join(dir, 'a', 'b');
    expect(ensurePrivateFolder(folder)).toBe(true);
    for (const made of [join(dir, 'a'), folder]) {
      const info = lstatSync(made);
      expect([info.isDirectory(), info.mode & 0o077, info.uid]).toEqual([true, 0, process.geteuid?.()]);
    }
  });

  test.each([
    [
      'anyone may write it (0777)',
      (folder: string) => {
        mkdirSync(folder);
        chmodSync(folder, 0o777);
      },
    ],
    ['it is a link to a private folder', (folder: string) => symlinkSync(mkdtempSync(`${folder}-`), folder)],
    ['it is a file', (folder: string) => writeFileSync(folder, '')],
    ...(isRoot
      ? ([
          [
            "it is someone else's, made between the check and the mkdir",
            (folder: string) => {
              mkdirSync(folder, { mode: 0o700 });
              chownSync(folder, NOBODY, NOBODY);
            },
          ],
        ] as [string, (folder: string) => void][])
      : []),
  ])('an existing folder is not used when %s, and is left as it was', (_what, make) => {
    const folder = join(dir, 'cache');
    make(folder);
    const before = lstatSync(folder);
    expect(ensurePrivateFolder(folder)).toBe(false);
    const after = lstatSync(folder);
    expect([after.mode, after.uid, after.ino]).toEqual([before.mode, before.uid, before.ino]);
  });

  test('a new file is written whole, 0600, with nothing left beside it', () => {
    const at = folderWithFile();
    const path = join(at.folder, 'new.v8');
    writePrivateFile(path, [Buffer.from('head '), Buffer.from('and body')]);
    expect(readFileSync(path, 'utf8')).toBe('head and body');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(at.folder).sort()).toEqual(['file.v8', 'new.v8']);
  });

  test('a link at the path is replaced, never written through', () => {
    const at = folderWithFile();
    const target = join(dir, 'precious');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(at.folder, 'new.v8'));
    writePrivateFile(join(at.folder, 'new.v8'), [Buffer.from('cache')]);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(lstatSync(join(at.folder, 'new.v8')).isFile()).toBe(true);
  });

  test.each([
    ['a link', (temporary: string, target: string) => symlinkSync(target, temporary)],
    ['a file', (temporary: string) => writeFileSync(temporary, 'planted')],
  ])('%s planted at the temporary name: nothing written, nothing removed', (_what, plant) => {
    const at = folderWithFile();
    const target = join(dir, 'precious');
    writeFileSync(target, 'keep me');
    const path = join(at.folder, 'new.v8');
    const temporary = temporaryBeside(path);
    plant(temporary, target);
    const planted = lstatSync(temporary);
    expect(() => writePrivateFile(path, [Buffer.from('cache')], temporary)).toThrow(/EEXIST/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(lstatSync(temporary).ino).toBe(planted.ino);
    expect(readdirSync(at.folder).includes('new.v8')).toBe(false);
  });

  test('a failed write throws and leaves no temporary file', () => {
    const at = folderWithFile();
    mkdirSync(join(at.folder, 'taken.v8'));
    writeFileSync(join(at.folder, 'taken.v8', 'inside'), '');
    expect(() => writePrivateFile(join(at.folder, 'taken.v8'), [Buffer.from('cache')])).toThrow();
    expect(readdirSync(at.folder).sort()).toEqual(['file.v8', 'taken.v8']);
  });

  test('a temporary file left by a killed run is removed by the cleaner after a day', () => {
    const name = `${'a'.repeat(16)}-x-v20.20.2-x64-assess.v8`;
    const left = temporaryBeside(join(dir, name)).slice(dir.length + 1);
    const day = 24 * 60 * 60 * 1000;
    expect(staleCaches([{ name: left, mtimeMs: 0 }], 'a'.repeat(16), 2 * day)).toEqual([left]);
  });

  test('a cache is read only under the name it was made for', () => {
    const at = folderWithFile();
    const name = '0123456789abcdef-x-v20.20.2-x64-assess.v8';
    writePrivateFile(join(at.folder, name), seal(name, Buffer.from('compiled')));
    expect(readCache(at.folder, join(at.folder, name))?.toString()).toBe('compiled');
    const other = name.replace('assess', 'help');
    writeFileSync(join(at.folder, other), readFileSync(join(at.folder, name)), { mode: 0o600 });
    expect(readCache(at.folder, join(at.folder, other))).toBeUndefined();
  });
});
