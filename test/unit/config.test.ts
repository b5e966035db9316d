/**
 * Issue 13, configuration: a project file (from the current folder upward) and a user file (XDG config) set
 * defaults for the bank, the minimum group, fail-under and the format; precedence flags > env > project > user;
 * validate checks config files, located.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { checkConfig, envSettings, mergeSettings, type Settings } from '../../src/core/config.js';
import { userConfigPath } from '../../src/input/config.js';
import { ROOT } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';

const MANAGER = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');

describe('mergeSettings: each setting from the first layer that has it', () => {
  const flags: Settings = { format: 'json' };
  const env: Settings = { format: 'markdown', failUnder: 50 };
  const project: Settings = { failUnder: 60, minGroup: 4, questions: '/p/bank.yaml' };
  const user: Settings = { minGroup: 5, questions: '/u/bank.yaml', roster: '/u/roster.csv' };
  test.each<[string, Settings[], Settings]>([
    ['nothing set', [{}, {}, {}, {}], {}],
    ['user only', [{}, {}, {}, user], user],
    ['project over user', [{}, {}, project, user], { ...user, ...project }],
    [
      'env over project',
      [{}, env, project, user],
      { questions: '/p/bank.yaml', minGroup: 4, failUnder: 50, format: 'markdown', roster: '/u/roster.csv' },
    ],
    [
      'flags over all',
      [flags, env, project, user],
      { questions: '/p/bank.yaml', minGroup: 4, failUnder: 50, format: 'json', roster: '/u/roster.csv' },
    ],
    ['0 is a value, not a gap', [{ failUnder: 0 }, env], { failUnder: 0, format: 'markdown' }],
  ])('%s', (_what, layers, merged) => {
    expect(mergeSettings(layers)).toEqual(merged);
  });
});

describe('envSettings', () => {
  test.each<[Record<string, string>, Settings, string[]]>([
    [{}, {}, []],
    [{ WHO_FAILED_WHOM_FORMAT: 'json', WHO_FAILED_WHOM_MIN_GROUP: '4' }, { format: 'json', minGroup: 4 }, []],
    [
      { WHO_FAILED_WHOM_FAIL_UNDER: '72.5', WHO_FAILED_WHOM_QUESTIONS: 'b.yaml' },
      { failUnder: 72.5, questions: 'b.yaml' },
      [],
    ],
    [{ WHO_FAILED_WHOM_FORMAT: '' }, {}, []],
    [
      { WHO_FAILED_WHOM_FORMAT: 'jsn' },
      {},
      ['WHO_FAILED_WHOM_FORMAT: expected one of text, json, markdown, html, got "jsn". Did you mean "json"?'],
    ],
    [{ WHO_FAILED_WHOM_FAIL_UNDER: '0x3C' }, {}, ['WHO_FAILED_WHOM_FAIL_UNDER: expected number, got "0x3C"']],
  ])('%j', (env, settings, problems) => {
    const found = envSettings(env);
    expect(found.problems).toEqual(problems);
    if (problems.length === 0) expect(found.settings).toEqual(settings);
  });
});

describe('checkConfig', () => {
  test.each<[unknown, string[]]>([
    [{ format: 'markdown', minGroup: 3, failUnder: 60, questions: 'b.yaml', roster: 'r.csv' }, []],
    [null, []],
    [
      { formt: 'json' },
      [
        'unknown key "formt". Did you mean "format"? Allowed here: $schema, questions, minGroup, failUnder, format, roster',
      ],
    ],
    [{ minGroup: 0 }, ['expected >=1, got 0']],
    [['format'], ['expected a mapping (key: value) at the top of the file, got a list']],
  ])('%j', (data, messages) => {
    expect(checkConfig(data).problems.map((p) => p.message)).toEqual(messages);
  });
});

describe('userConfigPath, per platform', () => {
  test.each<[string, Record<string, string>, string | undefined]>([
    ['linux', { HOME: '/home/a' }, '/home/a/.config/who-failed-whom/config.yaml'],
    ['linux', { HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' }, '/cfg/who-failed-whom/config.yaml'],
    [
      'linux',
      { HOME: '/home/a', XDG_CONFIG_HOME: 'relative' },
      '/home/a/.config/who-failed-whom/config.yaml',
    ],
    ['darwin', { HOME: '/Users/a' }, '/Users/a/Library/Application Support/who-failed-whom/config.yaml'],
    [
      'win32',
      { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
      'C:\\Users\\a\\AppData\\Roaming\\who-failed-whom\\config.yaml',
    ],
    ['linux', {}, undefined],
  ])('%s %j', (platform, env, path) => {
    expect(userConfigPath(env, platform)).toBe(path);
  });
});

describe('applied to a run', () => {
  const USER = '/home/me/.config/who-failed-whom/config.yaml';
  const run = async (argv: string[], files: Record<string, string>, env: Record<string, string> = {}) => {
    const io = memoryIo({
      cwd: '/work/team/sub',
      files: { '/work/m.yaml': MANAGER, ...files },
      env: { HOME: '/home/me', ...env },
    });
    return { io, code: await main(argv, io) };
  };
  const kind = (text: string) => (text.startsWith('{') ? 'json' : text.startsWith('#') ? 'markdown' : 'text');

  test.each<[string, string[], Record<string, string>, Record<string, string>, string]>([
    ['no file: the default', [], {}, {}, 'text'],
    ['the user file', [], { [USER]: 'format: markdown\n' }, {}, 'markdown'],
    [
      'a project file found two folders up beats the user file',
      [],
      { [USER]: 'format: markdown\n', '/work/who-failed-whom.config.yaml': 'format: json\n' },
      {},
      'json',
    ],
    [
      'the environment beats the project file',
      [],
      { '/work/who-failed-whom.config.yaml': 'format: json\n' },
      { WHO_FAILED_WHOM_FORMAT: 'markdown' },
      'markdown',
    ],
    [
      'a flag beats them all',
      ['-f', 'text'],
      { '/work/who-failed-whom.config.yaml': 'format: json\n' },
      { WHO_FAILED_WHOM_FORMAT: 'markdown' },
      'text',
    ],
  ])('format from %s', async (_what, flags, files, env, format) => {
    const { io, code } = await run(['--answers', '/work/m.yaml', ...flags], files, env);
    expect(io.stderrText).toBe('');
    expect(kind(io.stdoutText)).toBe(format);
    expect(code).toBe(0);
  });

  test('the roster from the project file gives team its response rates, relative to the file', async () => {
    const team = (role: string) => `role: ${role}\nteam: East\nanswers:\n  give-time: 3\n`;
    const files = {
      '/work/who-failed-whom.config.yaml': 'roster: people/roster.csv\n',
      '/work/people/roster.csv': 'Name,Role,Team\nAda,manager,East\nBo,rep,East\nCy,rep,East\nDee,rep,East\n',
      '/work/r/1.yaml': team('manager'),
      '/work/r/2.yaml': team('rep'),
    };
    const { io, code } = await run(['team', '/work/r', '--by', 'team', '-f', 'json'], files);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdoutText).responseRate).toEqual({ invited: 4, responded: 2, rate: 50 });
    const flagged = await run(
      ['team', '/work/r', '--by', 'team', '-f', 'json', '--roster', '/work/none.csv'],
      files,
    );
    expect(flagged.io.stderrText).toContain('/work/none.csv');
    expect(flagged.code).toBe(2);
  });

  test('html is a format a config file may set', async () => {
    const { io, code } = await run(['--answers', '/work/m.yaml'], {
      '/work/who-failed-whom.config.yaml': 'format: html\n',
    });
    expect(io.stdoutText).toMatch(/^<!doctype html>/i);
    expect(code).toBe(0);
  });

  test('failUnder from the project file gates the run; a flag lowers it again', async () => {
    const files = { '/work/team/who-failed-whom.config.yaml': 'failUnder: 101\n' };
    expect((await run(['--answers', '/work/m.yaml'], files)).code).toBe(1);
    expect((await run(['--answers', '/work/m.yaml', '--fail-under', '0'], files)).code).toBe(0);
  });

  test("the bank's path is relative to the config file", async () => {
    const { io, code } = await run(['template'], {
      '/work/who-failed-whom.config.yaml': 'questions: banks/mine.yaml\n',
    });
    expect(io.stderrText).toBe('/work/banks/mine.yaml: no such file\n');
    expect(code).toBe(2);
  });

  test('a broken config file: exit 2, located, with the nearest value', async () => {
    const { io, code } = await run(['--answers', '/work/m.yaml'], {
      '/work/who-failed-whom.config.yaml': 'minGroup: 3\nformat: jsn\n',
    });
    expect(io.stderrText).toContain(
      '/work/who-failed-whom.config.yaml:2:9: expected one of text, json, markdown, html, got "jsn". Did you mean "json"?',
    );
    expect(code).toBe(2);
  });

  test("a run lists a config file's problems in the order of the file, as validate does", async () => {
    const config = {
      '/work/who-failed-whom.config.yaml': 'roster: ""\nfailUnder: 200\nminGroup: 0\nformat: jsn\n',
    };
    const located = (text: string) =>
      text.split('\n').filter((line) => line.startsWith('/work/who-failed-whom.config.yaml:'));
    const ran = await run(['--answers', '/work/m.yaml'], config);
    const checked = await run(['validate', '/work/who-failed-whom.config.yaml'], config);
    const lines = (text: string) => located(text).map((line) => Number(line.split(':')[1]));
    expect(lines(ran.io.stderrText)).toEqual([1, 2, 3, 4]);
    expect(located(ran.io.stderrText)).toEqual(located(checked.io.stderrText));
  });

  test('validate checks a config file, located; a clean one gets an ok line', async () => {
    const bad = await run(['validate', '/work/who-failed-whom.config.yaml'], {
      '/work/who-failed-whom.config.yaml': 'formt: json\n',
    });
    expect(bad.io.stderrText).toMatch(
      /^\/work\/who-failed-whom\.config\.yaml:1:1: unknown key "formt"\. Did you mean "format"\?/,
    );
    expect(bad.code).toBe(2);
    const good = await run(['validate', USER], { [USER]: 'format: json\nminGroup: 4\n' });
    expect(good.io.stdoutText).toBe(`${USER}: ok (configuration: minGroup 4, format json)\n`);
    expect(good.code).toBe(0);
  });
});
