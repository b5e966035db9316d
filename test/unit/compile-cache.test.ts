import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { cacheFolder, cacheKind } from '../../src/compile-cache.js';

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
