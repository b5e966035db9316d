/**
 * Issue 13, command-line conventions (clig.dev), run in-process through main(argv, memoryIo()): suggestions for
 * misspelt values and commands, a missing argument pointing at its command's help, --no-input, -q, the "written
 * to" lines, `--save-answers -`, `-` on a terminal, and help laid out for narrow terminals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { COMMAND_NAMES, type CommandName } from '../../src/command-names.js';
import { ROOT } from '../support/helpers.js';
import { type MemoryIo, type MemoryIoOptions, memoryIo } from '../support/memory-io.js';

const MANAGER = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');

async function run(
  argv: string[],
  options: MemoryIoOptions & { tty?: boolean; columns?: number } = {},
): Promise<{ io: MemoryIo; code: number }> {
  const io = memoryIo({ files: { 'm.yaml': MANAGER }, ...options });
  if (options.tty) io.stdin.isTTY = true;
  if (options.columns) Object.assign(io.stdout, { isTTY: true, columns: options.columns });
  return { io, code: await main(argv, io) };
}

describe('a misspelt value, command or help topic gets the nearest one, exit 2', () => {
  test.each([
    [
      ['--format', 'jsn'],
      /argument 'jsn' is invalid\. Allowed choices are text, json, markdown, html\. Did you mean "json"\?/,
    ],
    [['--role', 'manger'], /Allowed choices are manager, rep\. Did you mean "manager"\?/],
    [['team', 'x', '--format', 'markdwn'], /Did you mean "markdown"\?/],
    [['questions', '--format', 'jsno'], /Allowed choices are text, json\. Did you mean "json"\?/],
    [['template', '--role', 'repp'], /Did you mean "rep"\?/],
    [['help', 'tem'], /no command "tem" to show help for\. Did you mean "team"\?/],
    [['help', 'nope'], /no command "nope" to show help for\. Commands: template, questions/],
    [['tmplate'], /unknown command "tmplate"\. Did you mean "template"\?/],
  ])('%j', async (argv, message) => {
    const { io, code } = await run(argv);
    expect(io.stderrText).toMatch(message);
    expect(io.stdoutText).toBe('');
    expect(code).toBe(2);
  });

  test.each([
    [
      'role: manger',
      'role: manger\n',
      '1:7',
      'expected one of manager, rep, got "manger". Did you mean "manager"?',
    ],
    [
      'a choice answer',
      'answers:\n  ask-before-deciding: look-at-myslf\n',
      '2:24',
      'Did you mean "look-at-myself"?',
    ],
  ])('%s in an answers file: located, with the nearest value', async (_what, text, position, message) => {
    const { io, code } = await run(['--answers', 'bad.yaml'], { files: { 'bad.yaml': text } });
    expect(io.stderrText).toContain(`bad.yaml:${position}: `);
    expect(io.stderrText).toContain(message);
    expect(code).toBe(2);
  });
});

describe('a missing argument shows that command usage and points at its help', () => {
  test.each([
    ['team', "missing required argument 'paths'", 'Usage: who-failed-whom team [options] <paths...>'],
    ['validate', "missing required argument 'files'", 'Usage: who-failed-whom validate [options] <files...>'],
  ])('%s', async (command, message, usage) => {
    const { io, code } = await run([command]);
    expect(io.stderrText.split('\n')).toEqual([
      `who-failed-whom: ${message}`,
      usage,
      `Run who-failed-whom help ${command} for its options and examples.`,
      '',
    ]);
    expect(code).toBe(2);
  });
});

describe('help', () => {
  test.each([[[] as string[]], ...COMMAND_NAMES.map((c) => [[c]])])(
    'help %j ends with examples of its own command, exit 0',
    async (topic) => {
      const { io, code } = await run(['help', ...topic]);
      const [, examples = ''] = io.stdoutText.split('\nExamples:\n');
      expect(examples).toMatch(new RegExp(`^ {2}# .+\\n {2}who-failed-whom ${topic[0] ?? ''}`, 'm'));
      expect(code).toBe(0);
    },
  );

  test.each([40, 60, 80])(
    'at %i columns no line of any help is wider, and no word is split',
    async (columns) => {
      for (const topic of [[], ...COMMAND_NAMES.map((c) => [c])]) {
        const { io } = await run(['help', ...topic], { columns });
        for (const line of io.stdoutText.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
        // Every word of every description is whole: the same words as the help laid out for a wide terminal.
        const wide = await run(['help', ...topic], { columns: 200 });
        const words = (text: string) =>
          text
            .replace(/\\\n/g, '')
            .split(/\s+/)
            .filter((w) => w !== '' && w !== '#')
            .sort();
        expect(words(io.stdoutText)).toEqual(words(wide.io.stdoutText));
      }
    },
  );
});

describe('--no-color is accepted by every command, coloured or not', () => {
  // Typed by command name: a new command fails to compile until it is listed here.
  const ARGS: Record<CommandName, string[]> = {
    template: [],
    questions: [],
    team: ['m.yaml'],
    validate: ['m.yaml'],
    init: ['-'],
    compare: ['m.yaml', 'm.yaml'],
    history: [],
  };
  const env = { WHO_FAILED_WHOM_DATA_DIR: '/data' };
  test.each(COMMAND_NAMES.map((c) => [c, ARGS[c]] as const))('%s', async (command, args) => {
    const plain = await run([command, ...args], { env });
    expect(plain.code).toBe(0);
    for (const argv of [
      [command, ...args, '--no-color'],
      ['--no-color', command, ...args],
    ]) {
      const { io, code } = await run(argv, { env });
      expect(io.stderrText).not.toMatch(/unknown option|does not apply/);
      expect(code).toBe(0);
      // Harmless: the same output as without it (init's stderr names nothing else).
      expect(io.stdoutText).toBe(plain.io.stdoutText);
    }
  });

  test.each([[['--no-color', '-a', 'm.yaml']], [['help', '--no-color']], [['--no-color', 'help', 'team']]])(
    'and by scoring and help: %j',
    async (argv) => {
      const { io, code } = await run(argv);
      expect(io.stderrText).not.toMatch(/unknown option/);
      expect(code).toBe(0);
    },
  );
});

describe('--no-input never prompts and never waits', () => {
  test.each([
    ['on a terminal', { tty: true }],
    ['with something on stdin', { stdin: MANAGER }],
  ])('without --answers, %s: exit 2 at once, naming --answers', async (_what, options) => {
    const { io, code } = await run(['--no-input'], options);
    expect(io.stderrText).toMatch(/^who-failed-whom: --no-input: .*pass --answers FILE/);
    expect(io.stdoutText).toBe('');
    expect(code).toBe(2);
  });

  test('--answers - on a terminal is refused rather than waited on', async () => {
    const { io, code } = await run(['--no-input', '--answers', '-'], { tty: true, stdin: MANAGER });
    expect(io.stderrText).toMatch(/--answers - would read the answers from the terminal/);
    expect(code).toBe(2);
  });

  test('with --answers it scores as ever', async () => {
    const { io, code } = await run(['--no-input', '--answers', 'm.yaml']);
    expect(io.stdoutText).toContain('Balance');
    expect(code).toBe(0);
  });
});

describe('- read from a terminal says it is waiting', () => {
  test.each([[['--answers', '-']], [['validate', '-']], [['team', '-']]])('%j', async (argv) => {
    const { io } = await run(argv, { tty: true, stdin: MANAGER });
    expect(io.stderrText).toMatch(/^Reading from the terminal \(-\): type or paste, then press Ctrl-D/);
  });

  test('not when stdin is a pipe', async () => {
    const { io, code } = await run(['--answers', '-'], { stdin: MANAGER });
    expect(io.stderrText).toBe('');
    expect(code).toBe(0);
  });
});

describe('where files were written', () => {
  test('one line each for the report and the answers, on stderr', async () => {
    const { io, code } = await run(['--answers', 'm.yaml', '-o', 'r.md', '--save-answers', 's.yaml']);
    expect(io.stderrText).toBe('Report written to r.md\nAnswers written to s.yaml\n');
    expect(io.files.get('/mem/r.md')).toContain('Balance');
    expect(code).toBe(0);
  });

  test.each([[['-q']], [['--quiet']]])('%j silences them', async (flag) => {
    const { io, code } = await run([
      '--answers',
      'm.yaml',
      '-o',
      'r.md',
      '--save-answers',
      's.yaml',
      ...flag,
    ]);
    expect(io.stderrText).toBe('');
    expect(io.files.get('/mem/s.yaml')).toContain('give-time');
    expect(code).toBe(0);
  });

  test('team -o says it too, and -q silences it', async () => {
    const loud = await run(['team', 'm.yaml', '-o', 't.md']);
    expect(loud.io.stderrText).toBe('Report written to t.md\n');
    const quiet = await run(['team', 'm.yaml', '-o', 't.md', '-q']);
    expect(quiet.io.stderrText).toBe('');
  });

  test('--save-answers - writes the answers to stdout, the report to -o', async () => {
    const { io, code } = await run([
      '--answers',
      'm.yaml',
      '--save-answers',
      '-',
      '-o',
      'r.json',
      '-f',
      'json',
    ]);
    expect(io.stdoutText).toMatch(/^# yaml-language-server/);
    expect(io.stdoutText).toContain('give-time:');
    expect(io.stderrText).toBe('Report written to r.json\n');
    expect(JSON.parse(io.files.get('/mem/r.json') as string).kind).toBe('assessment');
    expect(code).toBe(0);
  });

  test('--save-answers - with the report on stdout too is refused before anything is written', async () => {
    const { io, code } = await run(['--answers', 'm.yaml', '--save-answers', '-']);
    expect(io.stderrText).toMatch(/--save-answers - writes the answers to stdout, where the report goes too/);
    expect(io.stdoutText).toBe('');
    expect(code).toBe(2);
  });
});
