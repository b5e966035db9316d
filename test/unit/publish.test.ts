/** Issue 13, ready to publish: where the project lives, and a crash that says where to report it. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { ISSUES_URL, main } from '../../src/cli/main.js';
import { ROOT } from '../support/helpers.js';
import { memoryIo } from '../support/memory-io.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  repository?: { type: string; url: string };
  bugs?: { url: string };
  homepage?: string;
};

describe('package.json', () => {
  test('names the repository, where bugs go, and the home page, all of one project', () => {
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/who-failed-whom/who-failed-whom.git',
    });
    expect(pkg.bugs?.url).toBe(ISSUES_URL);
    expect(pkg.homepage).toBe('https://github.com/who-failed-whom/who-failed-whom#readme');
  });
});

test('a crash (a bug, not a mistake of the user) names where to report it, exit 2', async () => {
  const io = memoryIo();
  // A failure no user can cause: the write throws something that is not a file-system error.
  io.writeFileAtomic = async () => {
    throw new TypeError('boom');
  };
  const code = await main(['init', 'bank.yaml'], io);
  expect(io.stderrText).toContain('who-failed-whom: unexpected error: boom');
  expect(io.stderrText).toContain(`Please report it at ${ISSUES_URL} with the command you ran`);
  expect(code).toBe(2);
});

describe('the README', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  test('pins a major version in every CI recipe', () => {
    const runs = readme.match(/npx --yes who-failed-whom[^\n]*/g) ?? [];
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toMatch(/^npx --yes who-failed-whom@1[ `]/);
  });
  test('says how to run from a clone or a tarball', () => {
    expect(readme).toMatch(/npm pack/);
    expect(readme).toMatch(/npm install -g \.\/who-failed-whom-1\.\d+\.\d+\.tgz/);
  });
});
