import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { cacheFolder, cacheKind, staleCaches } from '../../src/boot/compile-cache.js';

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
