/**
 * Issue 10, findings 2 and 4: what -o, --save-answers and init may write over, run in-process through
 * main(argv, memoryIo()). Symbolic links and read-only files are the memory Io's; the same rules on a real file
 * system are in test/e2e/writes.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../support/helpers.js';
import { DIR, type Entry, type MemoryIo, memoryIo } from '../support/memory-io.js';

const MANAGER = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
const REP = readFileSync(`${ROOT}examples/team/rep-a.yaml`, 'utf8');
const PACKAGE_JSON = readFileSync(`${ROOT}package.json`, 'utf8');
const BANK = readFileSync(`${ROOT}questions/who-failed-whom.yaml`, 'utf8');
/** The very files a user is in the middle of editing: each fails to parse, none is a report. */
const BROKEN_ANSWERS = {
  'a YAML syntax error': `${MANAGER}foo: bar: baz\n`,
  'a duplicate key': MANAGER.replace('answers:\n', 'answers:\n  give-time: 2\n'),
  'a tab': MANAGER.replace('answers:\n  ', 'answers:\n\t'),
  'UTF-16': `\uFEFF${MANAGER}`.split('').join('\0'),
};
const CSV = 'role,give-time,coach-strugglers\nmanager,3,2\nrep,2,1\nrep,1,2\nrep,2,2\n';

interface Run {
  io: MemoryIo;
  code: number;
}

async function run(
  argv: string[],
  files: Record<string, Entry> = {},
  more: { links?: Record<string, string>; readOnly?: string[] } = {},
): Promise<Run> {
  const io = memoryIo({ files: { 'm.yaml': MANAGER, ...files }, ...more });
  return { io, code: await main(argv, io) };
}

const fileAt = (io: MemoryIo, path: string) => io.files.get(`/mem/${path}`);

/** A report of ours, as an earlier run wrote it to `path`. */
async function earlierReport(argv: string[], path: string): Promise<string> {
  const { io, code } = await run([...argv, '-o', path]);
  expect(code).toBe(0);
  const text = fileAt(io, path);
  if (typeof text !== 'string') throw new Error(`${path} was not written`);
  return text;
}

type Refusal = [what: string, argv: string[], files: Record<string, Entry>, target: string, message: RegExp];

const refusals: Refusal[] = [
  ...Object.entries(BROKEN_ANSWERS).map(
    ([what, text]): Refusal => [
      `-o onto an answers file with ${what}`,
      ['-a', 'm.yaml', '-o', 'edit.yaml'],
      { 'edit.yaml': text },
      'edit.yaml',
      /^edit\.yaml exists and is not a who-failed-whom report; pass --force to replace it, or choose another file$/,
    ],
  ),
  [
    '-o onto package.json',
    ['-a', 'm.yaml', '-o', 'package.json'],
    { 'package.json': PACKAGE_JSON },
    'package.json',
    /^package\.json exists and is not a who-failed-whom report; pass --force to replace it, or choose another file$/,
  ],
  [
    '-o onto a bank',
    ['-a', 'm.yaml', '-f', 'json', '-o', 'b.yaml'],
    { 'b.yaml': BANK },
    'b.yaml',
    /^b\.yaml exists and is not a who-failed-whom report/,
  ],
  [
    '-o onto JSON that names a schemaVersion but no kind',
    ['-a', 'm.yaml', '-o', 'c.json'],
    { 'c.json': '{\n  "schemaVersion": 1,\n  "name": "config"\n}\n' },
    'c.json',
    /^c\.json exists and is not/,
  ],
  [
    '-o onto the answers file read, even with --force',
    ['-a', 'm.yaml', '-o', 'm.yaml', '--force'],
    {},
    'm.yaml',
    /^m\.yaml is one of this run's inputs; -o never replaces it, even with --force\. Choose another file$/,
  ],
  [
    '-o onto the bank read, even with --force',
    ['-a', 'm.yaml', '--questions', 'b.yaml', '-o', './b.yaml', '--force'],
    { 'b.yaml': BANK },
    'b.yaml',
    /^\.\/b\.yaml is one of this run's inputs/,
  ],
  [
    'team -o onto its own CSV, even with --force',
    ['team', 'responses.csv', '-o', 'responses.csv', '--force'],
    { 'responses.csv': CSV },
    'responses.csv',
    /^responses\.csv is one of this run's inputs/,
  ],
  [
    'team -o onto a file read from a folder, even with --force',
    ['team', 'retro', '-o', 'retro/rep.yaml', '--force'],
    { 'retro/manager.yaml': MANAGER, 'retro/rep.yaml': REP },
    'retro/rep.yaml',
    /^retro\/rep\.yaml is one of this run's inputs/,
  ],
  [
    '--save-answers onto an existing file',
    ['-a', 'm.yaml', '--save-answers', 'old.yaml'],
    { 'old.yaml': 'mine\n' },
    'old.yaml',
    /^old\.yaml already exists; pass --force to replace it, or choose another file$/,
  ],
  [
    '--save-answers onto the answers file read, even with --force',
    ['-a', 'm.yaml', '--save-answers', 'm.yaml', '--force'],
    {},
    'm.yaml',
    /^m\.yaml is one of this run's inputs; --save-answers never replaces it/,
  ],
  [
    'init onto an existing file',
    ['init', 'mine.yaml'],
    { 'mine.yaml': 'mine\n' },
    'mine.yaml',
    /^mine\.yaml already exists; pass --force to replace it, or choose another file$/,
  ],
  [
    'init onto the bank it copies, even with --force',
    ['init', 'b.yaml', '--questions', 'b.yaml', '--force'],
    { 'b.yaml': BANK },
    'b.yaml',
    /^b\.yaml is one of this run's inputs; init never replaces it/,
  ],
];

describe('a file that must stay is refused: exit 2, one line naming it, the file untouched', () => {
  test.each(refusals)('%s', async (_what, argv, files, target, message) => {
    const before = files[target] ?? MANAGER;
    const { io, code } = await run(argv, files);
    expect(code).toBe(2);
    expect(io.stderrText.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(io.stdoutText).toBe('');
    expect(fileAt(io, target)).toBe(before);
  });
});

describe('symbolic links and read-only files: refused, even with --force', () => {
  test.each([
    [
      '-o',
      ['-a', 'm.yaml', '-o', 'r.md', '--force'],
      /^r\.md is a symbolic link; -o never writes through one\. Name the file it points to, or choose another file$/,
    ],
    [
      '--save-answers',
      ['-a', 'm.yaml', '--save-answers', 'r.md', '--force'],
      /^r\.md is a symbolic link; --save-answers never writes through one/,
    ],
    ['init', ['init', 'r.md', '--force'], /^r\.md is a symbolic link; init never writes through one/],
  ])('%s onto a link: the link and what it points to are untouched', async (_flag, argv, message) => {
    const { io, code } = await run(argv, { 'secret.txt': 'secret\n' }, { links: { 'r.md': 'secret.txt' } });
    expect(code).toBe(2);
    expect(io.stderrText.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(fileAt(io, 'secret.txt')).toBe('secret\n');
    expect(io.links.get('/mem/r.md')).toBe('/mem/secret.txt');
  });

  test('-o onto a link to an earlier report of ours is still refused', async () => {
    const report = await earlierReport(['-a', 'm.yaml', '-f', 'markdown'], 'r.md');
    const { io, code } = await run(
      ['-a', 'm.yaml', '-f', 'markdown', '-o', 'link.md'],
      { 'r.md': report },
      {
        links: { 'link.md': 'r.md' },
      },
    );
    expect(code).toBe(2);
    expect(io.stderrText).toMatch(/^link\.md is a symbolic link/);
    expect(fileAt(io, 'r.md')).toBe(report);
  });

  test.each([
    [
      '-o',
      ['-a', 'm.yaml', '-o', 'r.txt', '--force'],
      /^r\.txt is read-only; -o will not replace it, even with --force\. Choose another file, or make it writable first$/,
    ],
    [
      '--save-answers',
      ['-a', 'm.yaml', '--save-answers', 'r.txt', '--force'],
      /^r\.txt is read-only; --save-answers will not replace it/,
    ],
    ['init', ['init', 'r.txt', '--force'], /^r\.txt is read-only; init will not replace it/],
  ])('%s onto a read-only file', async (_flag, argv, message) => {
    const report = await earlierReport(['-a', 'm.yaml'], 'r.txt');
    const { io, code } = await run(argv, { 'r.txt': report }, { readOnly: ['r.txt'] });
    expect(code).toBe(2);
    expect(io.stderrText.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(fileAt(io, 'r.txt')).toBe(report);
  });
});

describe('what may be replaced', () => {
  // Each report as an earlier run wrote it, then replaced by a run of another kind.
  test.each([
    ['text', ['-a', 'm.yaml']],
    ['Markdown', ['-a', 'm.yaml', '-f', 'markdown']],
    ['JSON', ['-a', 'm.yaml', '-f', 'json']],
    ['team text', ['team', 'm.yaml']],
    ['team Markdown', ['team', 'm.yaml', '-f', 'markdown']],
    ['team JSON', ['team', 'm.yaml', '-f', 'json']],
    ['HTML', ['-a', 'm.yaml', '-f', 'html']],
    ['team HTML', ['team', 'm.yaml', '-f', 'html']],
  ])('an earlier %s report of ours, without --force', async (_what, earlier) => {
    const report = await earlierReport(earlier, 'r.out');
    const { io, code } = await run(['-a', 'm.yaml', '-f', 'json', '-o', 'r.out'], { 'r.out': report });
    expect(io.stderrText).toBe('Report written to r.out\n');
    expect(code).toBe(0);
    expect(JSON.parse(fileAt(io, 'r.out') as string)).toMatchObject({
      kind: 'assessment',
      scores: { balance: 44.9 },
    });
  });

  test('an HTML report, by the comment its renderer writes below the doctype', async () => {
    const html =
      '<!doctype html>\n<!-- who-failed-whom report -->\n<html lang="en"><title>r</title></html>\n';
    const { io, code } = await run(['-a', 'm.yaml', '-o', 'r.html'], { 'r.html': html });
    expect(code).toBe(0);
    expect(fileAt(io, 'r.html')).not.toBe(html);
  });

  test('any other file with --force', async () => {
    const { io, code } = await run(['-a', 'm.yaml', '-f', 'json', '-o', 'package.json', '--force'], {
      'package.json': PACKAGE_JSON,
    });
    expect(code).toBe(0);
    expect(JSON.parse(fileAt(io, 'package.json') as string)).toMatchObject({ kind: 'assessment' });
  });

  test('--save-answers and init over an existing file with --force', async () => {
    const saved = await run(['-a', 'm.yaml', '--save-answers', 'old.yaml', '--force'], {
      'old.yaml': 'mine\n',
    });
    expect(saved.code).toBe(0);
    expect(fileAt(saved.io, 'old.yaml')).toMatch(/^answers:$/m);
    const init = await run(['init', 'mine.yaml', '--force'], { 'mine.yaml': 'mine\n' });
    expect(init.code).toBe(0);
    expect(fileAt(init.io, 'mine.yaml')).toMatch(/^id: mine$/m);
  });

  test('the marks: a text or Markdown file from -o starts with one; stdout never gets one', async () => {
    const text = await earlierReport(['-a', 'm.yaml'], 'r.txt');
    const markdown = await earlierReport(['-a', 'm.yaml', '-f', 'markdown'], 'r.md');
    expect(text.split('\n')[0]).toBe('who-failed-whom report');
    expect(markdown.split('\n')[0]).toBe('<!-- who-failed-whom report -->');
    for (const format of ['text', 'markdown']) {
      const { io } = await run(['-a', 'm.yaml', '-f', format]);
      expect(io.stdoutText).not.toContain('who-failed-whom report');
      expect(io.stdoutText.length).toBeGreaterThan(500);
    }
  });
});

describe('the command line names where to write', () => {
  test('-o "" says the name is empty', async () => {
    const { io, code } = await run(['-a', 'm.yaml', '-o', '']);
    expect(code).toBe(2);
    expect(io.stderrText).toBe(
      '-o: the file name is empty\nChoose another file for -o, or leave -o out to print the report.\n',
    );
  });

  test.each([
    ['the same name', 'x.md', 'x.md'],
    ['two names for one file', 'x.md', './sub/../x.md'],
  ])('--save-answers and -o with %s: refused before anything is written', async (_what, save, output) => {
    const { io, code } = await run(['-a', 'm.yaml', '--save-answers', save, '-o', output], { 'sub/': DIR });
    expect(code).toBe(2);
    expect(io.stderrText).toBe(
      `${output} is named by both --save-answers and -o; choose a different file for each\n`,
    );
    expect(fileAt(io, 'x.md')).toBeUndefined();
  });

  // Found by the fuzz: a name that is also a member of every object once reached a lookup of Object's own.
  test.each([
    ['init', ['init', 'hasOwnProperty'], 'hasOwnProperty'],
    ['-o', ['-a', 'm.yaml', '-o', 'constructor'], 'constructor'],
    ['--save-answers', ['-a', 'm.yaml', '--save-answers', 'toString'], 'toString'],
  ])('%s to a file named like an object member writes that file', async (_what, argv, name) => {
    const { io, code } = await run(argv);
    expect(io.stderrText).not.toContain('unexpected error');
    expect(code).toBe(0);
    expect(typeof fileAt(io, name)).toBe('string');
  });

  test('-o onto a folder is refused before anything is read or written', async () => {
    const { io, code } = await run(['-a', 'm.yaml', '--save-answers', 's.yaml', '-o', 'd'], { 'd/': DIR });
    expect(code).toBe(2);
    expect(io.stderrText).toBe(
      'd: cannot write it: it is a folder\nChoose another file for -o, or leave -o out to print the report.\n',
    );
    expect(fileAt(io, 's.yaml')).toBeUndefined();
  });

  test.each([
    ['a folder that does not exist', 'nowhere/r.txt', {}, 'its folder does not exist'],
    ['a path through a file', 'm.yaml/r.txt', {}, 'part of its path is a file, not a folder'],
  ])('-o into %s: refused before the answers are saved', async (_what, output, files, reason) => {
    const { io, code } = await run(['-a', 'm.yaml', '--save-answers', 's.yaml', '-o', output], files);
    expect(code).toBe(2);
    expect(io.stderrText).toBe(
      `${output}: cannot write it: ${reason}\nChoose another file for -o, or leave -o out to print the report.\n`,
    );
    expect(fileAt(io, 's.yaml')).toBeUndefined();
  });

  test.each(['/dev/stdout', '/dev/fd/1'])('-o %s is this run’s stdout, whatever it is', async (path) => {
    const { io, code } = await run(['-a', 'm.yaml', '-f', 'json', '-o', path]);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdoutText)).toMatchObject({ kind: 'assessment' });
  });
});
