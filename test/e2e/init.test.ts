/** End-to-end: `init`, the round trip through validate, template and scoring, and the schema lines. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { BUILTIN, lines, VERSION, workspace } from './bank-files.js';
import { assertBuilt, EXAMPLE, ROOT, readText, runCli } from './helpers.js';

const ws = workspace();

beforeAll(async () => {
  assertBuilt();
  await ws.open();
});

afterAll(async () => {
  await ws.close();
});

describe('init', () => {
  test('writes questions.yaml that validates cleanly; a bank you can fill in and score', async () => {
    const cwd = await ws.folder();
    const result = await runCli(['init'], { stdin: 'ignore', cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Wrote questions.yaml');
    expect(result.code).toBe(0);
    const written = await readText(join(cwd, 'questions.yaml'));
    expect(written.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${VERSION}/schema/bank.schema.json`,
    );

    const validated = await runCli(['validate', 'questions.yaml'], { stdin: 'ignore', cwd });
    expect(validated.stderr).toBe('');
    expect(lines(validated.stdout)).toEqual(['questions.yaml: ok (bank questions, version 1, 19 questions)']);
    expect(validated.code).toBe(0);
    const strict = await runCli(['validate', '--strict', 'questions.yaml'], { stdin: 'ignore', cwd });
    expect(strict.code).toBe(0);

    // The round trip on: a template from the new bank, validated blank, filled in, validated and scored with it.
    const template = await runCli(['template', '--questions', 'questions.yaml'], { stdin: 'ignore', cwd });
    expect(template.stdout).toContain('\nbank: questions\nbankVersion: 1\n');
    await writeFile(join(cwd, 'answers.yaml'), template.stdout);
    const blank = await runCli(['validate', '--questions', 'questions.yaml', 'answers.yaml'], {
      stdin: 'ignore',
      cwd,
    });
    expect(lines(blank.stdout)).toEqual([
      'answers.yaml: ok (answers for bank questions, version 1, 0 answered)',
    ]);
    const listed = await runCli(['questions', '--format', 'json', '--questions', 'questions.yaml'], {
      stdin: 'ignore',
      cwd,
    });
    const scaleIds = (JSON.parse(listed.stdout) as { questions: { id: string; type: string }[] }).questions
      .filter((q) => q.type === 'scale')
      .map((q) => q.id);
    const filled = template.stdout.replace(/^ {2}([a-z0-9-]+):$/gm, (line, id: string) =>
      scaleIds.includes(id) ? `${line} 3` : line,
    );
    await writeFile(join(cwd, 'answers.yaml'), filled);
    const checked = await runCli(['validate', '--questions', 'questions.yaml', 'answers.yaml'], {
      stdin: 'ignore',
      cwd,
    });
    expect(checked.code).toBe(0);
    const scored = await runCli(['--questions', 'questions.yaml', '-a', 'answers.yaml', '-f', 'json'], {
      stdin: 'ignore',
      cwd,
    });
    expect(scored.stderr).toBe('');
    expect(JSON.parse(scored.stdout).bank).toEqual({
      id: 'questions',
      version: 1,
      title: 'Who Failed Whom?',
    });
  });

  test('names the bank after its file, refuses to overwrite without --force, and writes no JSON', async () => {
    const cwd = await ws.folder();
    expect((await runCli(['init', 'team-acme.yaml'], { stdin: 'ignore', cwd })).code).toBe(0);
    expect(await readText(join(cwd, 'team-acme.yaml'))).toMatch(/\nid: team-acme\n/);

    await writeFile(join(cwd, 'team-acme.yaml'), 'mine\n');
    const refused = await runCli(['init', 'team-acme.yaml'], { stdin: 'ignore', cwd });
    expect(lines(refused.stderr)).toEqual([
      'team-acme.yaml already exists; pass --force to replace it, or choose another file',
    ]);
    expect(refused.code).toBe(2);
    expect(await readText(join(cwd, 'team-acme.yaml'))).toBe('mine\n');

    expect((await runCli(['init', 'team-acme.yaml', '--force'], { stdin: 'ignore', cwd })).code).toBe(0);
    expect(await readText(join(cwd, 'team-acme.yaml'))).toMatch(/\nid: team-acme\n/);

    const nowhere = await runCli(['init', 'missing/bank.yaml'], { stdin: 'ignore', cwd });
    expect(lines(nowhere.stderr)).toEqual([
      'missing/bank.yaml: cannot write it: its folder does not exist',
      'Choose another file, or init - to print it.',
    ]);
    expect(nowhere.code).toBe(2);

    const json = await runCli(['init', 'bank.json'], { stdin: 'ignore', cwd });
    expect(json.stderr).toContain('name the file bank.yaml');
    expect(json.code).toBe(2);
  });

  test('init - prints the bank; template and --save-answers point at the answers schema', async () => {
    const printed = await runCli(['init', '-'], { stdin: 'ignore' });
    expect(printed.code).toBe(0);
    expect(parse(printed.stdout).id).toBe('my-bank');
    const template = await runCli(['template'], { stdin: 'ignore' });
    expect(template.stdout.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/who-failed-whom@${VERSION}/schema/answers.schema.json`,
    );
    const saved = ws.path('saved.yaml');
    await runCli(['-a', EXAMPLE, '-f', 'json', '--save-answers', saved], { stdin: 'ignore' });
    expect((await readText(saved)).split('\n')[0]).toBe(template.stdout.split('\n')[0]);
  });

  test("the README's minimal bank validates cleanly, even with --strict", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Write your own bank'));
    const bank = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(bank).toContain('questions:');
    const path = await ws.file(bank, 'readme-bank.yaml');
    const result = await runCli(['validate', '--strict', path], { stdin: 'ignore' });
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([`${path}: ok (bank field-sales, version 1, 4 questions)`]);
  });

  test('the built-in bank points editors at the schema beside it', () => {
    expect(readFileSync(BUILTIN, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/bank.schema.json',
    );
  });
});
