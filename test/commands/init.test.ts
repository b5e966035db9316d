/**
 * `init` in-process: the round trip through validate, template and scoring, and the schema lines (with the
 * version from source; test/e2e/build.test.ts checks the built one carries the package's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { VERSION } from '../../src/version.js';
import { lines } from '../support/helpers.js';
import { EXAMPLE, memoryFolder } from '../support/in-process.js';
import { BUILTIN_BANK_PATH as BUILTIN, ROOT } from '../support/memory-io.js';

let folders = 0;
/** A new empty folder to run in, as the current directory. */
const newFolder = () => memoryFolder(`/mem/cwd-${++folders}`);
const ws = newFolder();

describe('init', () => {
  test('writes questions.yaml that validates cleanly; a bank you can fill in and score', async () => {
    const cwd = newFolder();
    const result = await cwd.run(['init']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Wrote questions.yaml');
    expect(result.code).toBe(0);
    const written = cwd.read('questions.yaml');
    expect(written?.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${VERSION}/schema/bank.schema.json`,
    );

    const validated = await cwd.run(['validate', 'questions.yaml']);
    expect(validated.stderr).toBe('');
    expect(lines(validated.stdout)).toEqual(['questions.yaml: ok (bank questions, version 1, 19 questions)']);
    expect(validated.code).toBe(0);
    const strict = await cwd.run(['validate', '--strict', 'questions.yaml']);
    expect(strict.code).toBe(0);

    // The round trip on: a template from the new bank, validated blank, filled in, validated and scored with it.
    const template = await cwd.run(['template', '--questions', 'questions.yaml']);
    expect(template.stdout).toContain('\nbank: questions\nbankVersion: 1\n');
    cwd.file(template.stdout, 'answers.yaml');
    const blank = await cwd.run(['validate', '--questions', 'questions.yaml', 'answers.yaml']);
    expect(lines(blank.stdout)).toEqual([
      'answers.yaml: ok (answers for bank questions, version 1, 0 answered)',
    ]);
    const listed = await cwd.run(['questions', '--format', 'json', '--questions', 'questions.yaml']);
    const scaleIds = (JSON.parse(listed.stdout) as { questions: { id: string; type: string }[] }).questions
      .filter((q) => q.type === 'scale')
      .map((q) => q.id);
    const filled = template.stdout.replace(/^ {2}([a-z0-9-]+):$/gm, (line, id: string) =>
      scaleIds.includes(id) ? `${line} 3` : line,
    );
    cwd.file(filled, 'answers.yaml');
    const checked = await cwd.run(['validate', '--questions', 'questions.yaml', 'answers.yaml']);
    expect(checked.code).toBe(0);
    const scored = await cwd.run(['--questions', 'questions.yaml', '-a', 'answers.yaml', '-f', 'json']);
    expect(scored.stderr).toBe('');
    expect(JSON.parse(scored.stdout).bank).toEqual({
      id: 'questions',
      version: 1,
      title: 'Who Failed Whom?',
    });
  });

  test('names the bank after its file, refuses to overwrite without --force, and writes no JSON', async () => {
    const cwd = newFolder();
    expect((await cwd.run(['init', 'team-acme.yaml'])).code).toBe(0);
    expect(cwd.read('team-acme.yaml')).toMatch(/\nid: team-acme\n/);

    cwd.file('mine\n', 'team-acme.yaml');
    const refused = await cwd.run(['init', 'team-acme.yaml']);
    expect(lines(refused.stderr)).toEqual([
      'team-acme.yaml already exists; pass --force to replace it, or choose another file',
    ]);
    expect(refused.code).toBe(2);
    expect(cwd.read('team-acme.yaml')).toBe('mine\n');

    expect((await cwd.run(['init', 'team-acme.yaml', '--force'])).code).toBe(0);
    expect(cwd.read('team-acme.yaml')).toMatch(/\nid: team-acme\n/);

    const nowhere = await cwd.run(['init', 'missing/bank.yaml']);
    expect(lines(nowhere.stderr)).toEqual([
      'missing/bank.yaml: cannot write it: its folder does not exist',
      'Choose another file, or init - to print it.',
    ]);
    expect(nowhere.code).toBe(2);

    const json = await cwd.run(['init', 'bank.json']);
    expect(json.stderr).toContain('name the file bank.yaml');
    expect(json.code).toBe(2);
  });

  test('init - prints the bank; template and --save-answers point at the answers schema', async () => {
    const printed = await ws.run(['init', '-']);
    expect(printed.code).toBe(0);
    expect(parse(printed.stdout).id).toBe('my-bank');
    const template = await ws.run(['template']);
    expect(template.stdout.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${VERSION}/schema/answers.schema.json`,
    );
    const saved = ws.path('saved.yaml');
    await ws.run(['-a', EXAMPLE, '-f', 'json', '--save-answers', saved]);
    expect(ws.read(saved)?.split('\n')[0]).toBe(template.stdout.split('\n')[0]);
  });

  test("the README's minimal bank validates cleanly, even with --strict", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Write your own bank'));
    const bank = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(bank).toContain('questions:');
    const path = ws.file(bank, 'readme-bank.yaml');
    const result = await ws.run(['validate', '--strict', path]);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([`${path}: ok (bank field-sales, version 1, 4 questions)`]);
  });

  test('the built-in bank points editors at the schema beside it', () => {
    expect(readFileSync(BUILTIN, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/bank.schema.json',
    );
  });
});
