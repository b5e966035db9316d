import { describe, expect, test } from '@jest/globals';
import { parseArgs } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';
import { memoryIo } from '../support/memory-io.js';

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

const assess = (options: object) => ({
  command: 'assess',
  options: { format: 'text', save: true, force: false, color: true, input: true, ...options },
});

describe('parseArgs', () => {
  test.each([
    ['no arguments: the defaults', [], assess({})],
    ['--format json', ['--format', 'json'], assess({ format: 'json' })],
    ['-f markdown', ['-f', 'markdown'], assess({ format: 'markdown' })],
    ['-f html', ['-f', 'html'], assess({ format: 'html' })],
    ['--format=json', ['--format=json'], assess({ format: 'json' })],
    ['--fail-under 60, as a number', ['--fail-under', '60'], assess({ failUnder: 60 })],
    ['--fail-under 0', ['--fail-under', '0'], assess({ failUnder: 0 })],
    ['--fail-under 101, the always-failing gate', ['--fail-under', '101'], assess({ failUnder: 101 })],
    ['--fail-under 72.5', ['--fail-under', '72.5'], assess({ failUnder: 72.5 })],
    ['--answers -', ['--answers', '-'], assess({ answers: '-' })],
    [
      'the bank on stdin, the answers from a file',
      ['--questions', '-', '--answers', 'a.yaml'],
      assess({ questions: '-', answers: 'a.yaml' }),
    ],
    ['-a file -o out', ['-a', 'a.yaml', '-o', 'out.md'], assess({ answers: 'a.yaml', output: 'out.md' })],
    ['--no-color', ['--no-color'], assess({ color: false })],
    ['--force', ['--save-answers', 's.yaml', '--force'], assess({ saveAnswers: 's.yaml', force: true })],
    ['--questions', ['--questions', 'bank.yaml'], assess({ questions: 'bank.yaml' })],
    ['--role rep', ['--role', 'rep'], assess({ role: 'rep' })],
    ['--no-save', ['--no-save'], assess({ save: false })],
    [
      'compare BEFORE AFTER',
      ['compare', 'a.yaml', 'b.yaml'],
      {
        command: 'compare',
        options: { before: 'a.yaml', after: 'b.yaml', format: 'text', force: false, color: true },
      },
    ],
    [
      'compare last --role rep --format json',
      ['compare', 'last', '--role', 'rep', '--format', 'json'],
      {
        command: 'compare',
        options: { before: 'last', role: 'rep', format: 'json', force: false, color: true },
      },
    ],
    [
      'history -f markdown',
      ['history', '-f', 'markdown'],
      { command: 'history', options: { format: 'markdown', force: false, color: true } },
    ],
    ['template', ['template'], { command: 'template', options: { role: 'manager', color: true } }],
    [
      'template --role rep',
      ['template', '--role', 'rep'],
      { command: 'template', options: { role: 'rep', color: true } },
    ],
    [
      'template --questions',
      ['template', '--questions', 'b.yaml'],
      { command: 'template', options: { role: 'manager', questions: 'b.yaml', color: true } },
    ],
    ['questions', ['questions'], { command: 'questions', options: { format: 'text', color: true } }],
    [
      'questions --format json',
      ['questions', '--format', 'json'],
      { command: 'questions', options: { format: 'json', color: true } },
    ],
    [
      'questions -f json --questions',
      ['questions', '-f', 'json', '--questions', 'b.yaml'],
      { command: 'questions', options: { format: 'json', questions: 'b.yaml', color: true } },
    ],
  ])('%s', (_what, argv, intent) => {
    expect(parseArgs(argv)).toEqual(intent);
  });

  test.each([
    ['--help', ['--help']],
    ['-h', ['-h']],
  ])('%s prints the help', (_what, argv) => {
    const intent = parseArgs(argv);
    expect(intent).toEqual({ command: 'print', text: expect.stringContaining('Usage: who-failed-whom') });
    expect(intent.command === 'print' && intent.text).toContain('--fail-under <balance>');
  });

  test('template --help prints the help of template', () => {
    expect(parseArgs(['template', '--help'])).toEqual({
      command: 'print',
      text: expect.stringContaining('print a blank answers file'),
    });
  });

  test.each([['--version'], ['-v']])('%s prints the version', (flag) => {
    expect(parseArgs([flag])).toEqual({ command: 'print', text: `${VERSION}\n` });
  });

  test.each([
    ['--fail-under abc', ['--fail-under', 'abc'], /'abc' is invalid\. expected a number from 0 to 100/],
    ['--fail-under 102', ['--fail-under', '102'], /'102' is invalid/],
    ['--fail-under -1', ['--fail-under', '-1'], /'-1' is invalid/],
    ['--fail-under with an empty value', ['--fail-under', ''], /'' is invalid/],
    // Number() reads all of these as numbers; none is how anyone writes a threshold.
    [
      '--fail-under in hex',
      ['--fail-under', '0x3C'],
      /'0x3C' is invalid\. expected a number from 0 to 100 in digits/,
    ],
    ['--fail-under in binary', ['--fail-under', '0b111100'], /'0b111100' is invalid/],
    ['--fail-under with an exponent', ['--fail-under', '6e1'], /'6e1' is invalid/],
    ['--fail-under with a sign', ['--fail-under', '+60'], /'\+60' is invalid/],
    ['--fail-under with spaces', ['--fail-under', ' 60 '], /' 60 ' is invalid/],
    ['--fail-under ending in a point', ['--fail-under', '60.'], /'60\.' is invalid/],
    ['--fail-under Infinity', ['--fail-under', 'Infinity'], /'Infinity' is invalid/],
    [
      'team --min-group in hex',
      ['team', 'x', '--min-group', '0x3'],
      /'0x3' is invalid\. expected a whole number/,
    ],
    ['team --min-group 2.0', ['team', 'x', '--min-group', '2.0'], /'2\.0' is invalid/],
    // Stdin can be read once.
    [
      '--questions - --answers -',
      ['--questions', '-', '--answers', '-'],
      /only one input can be stdin, but --questions - and --answers - both read it/,
    ],
    ['team - -', ['team', '-', '-'], /only one input can be stdin, but - and - both read it/],
    ['team --questions - -', ['team', '--questions', '-', 'a.yaml', '-'], /--questions - and - both read it/],
    ['validate - - -', ['validate', '-', '-', '-'], /- and - and - all read it/],
    [
      '--format xml',
      ['--format', 'xml'],
      /'xml' is invalid\. Allowed choices are text, json, markdown, html/,
    ],
    ['questions --format markdown', ['questions', '--format', 'markdown'], /'markdown' is invalid/],
    ['a misspelt option', ['--formt', 'json'], /^unknown option '--formt'\s+\(Did you mean --format\?\)$/],
    ['another misspelt option', ['--fail-undr', '60'], /Did you mean --fail-under\?/],
    ['a misspelt command', ['templte'], /unknown command "templte"\. Did you mean "template"\?/],
    ['a missing value', ['--answers'], /argument missing/],
    ['an unknown role', ['--role', 'boss'], /'boss' is invalid\. Allowed choices are manager, rep/],
  ])('%s is a UsageError', (_what, argv, message) => {
    const error = usageError(argv);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/^error: /);
  });
});

describe('stdin is read once', () => {
  test.each([
    ['piped', false],
    ['a terminal', true],
  ])('--questions - without --answers is refused before reading anything, stdin %s', async (_what, tty) => {
    const io = memoryIo({ stdin: 'answers:\n  give-time: 3\n' });
    io.stdin.isTTY = tty;
    expect(await main(['--questions', '-'], io)).toBe(2);
    expect(io.stderrText).toMatch(
      /^who-failed-whom: --questions - reads the bank from stdin, so the answers cannot come from it; pass them with --answers FILE\n/,
    );
    expect(io.stdin.readableDidRead).toBe(false);
  });
});
