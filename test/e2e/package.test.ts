import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assertBuilt, EXAMPLE, ROOT, readText, spawnCollect, tempDir } from '../support/spawn-cli.js';

// The package as a user gets it: packed, installed into an empty folder, run through npx. Node and npm run
// with this test's Node first on PATH, so the Node 22 and 24 runs in .ci/run test those versions.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
let folder: Awaited<ReturnType<typeof tempDir>>;
let packed: { filename: string; files: { path: string }[] };

beforeAll(async () => {
  assertBuilt();
  folder = await tempDir();
  // --ignore-scripts: dist/ is already built; the package must not need a build step to be packed.
  const json = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', folder.path],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  );
  packed = JSON.parse(json)[0];
  writeFileSync(join(folder.path, 'package.json'), '{"name":"tarball-test","private":true}\n');
  // --offline proves the tarball needs nothing from the registry: every dependency is bundled into dist/.
  execFileSync('npm', ['install', '--offline', '--no-package-lock', join(folder.path, packed.filename)], {
    cwd: folder.path,
    env,
    stdio: 'pipe',
  });
}, 120_000);

afterAll(async () => folder?.remove());

const npx = (args: string[], stdin = '/dev/null') =>
  spawnCollect('npx', ['--no', '--', 'who-failed-whom', ...args], {
    stdin,
    cwd: folder.path,
    env,
    timeoutMs: 60_000,
  });

describe('the packed tarball', () => {
  test('holds what a user needs and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    for (const path of paths)
      expect(path).toMatch(/^(bin\/|dist\/|questions\/|schema\/|README\.md$|LICENSE$|package\.json$)/);
    expect(paths).toEqual(
      expect.arrayContaining(['bin/who-failed-whom.js', 'dist/cli.js', 'questions/who-failed-whom.yaml']),
    );
    expect(paths.filter((p) => /test|fixture|\.ts$|\.map$/.test(p))).toEqual([]);
  });

  test('npx who-failed-whom --version prints the package version', async () => {
    const { version } = JSON.parse(await readText(join(ROOT, 'package.json')));
    const result = await npx(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('scores an answers file from stdin as JSON', async () => {
    const result = await npx(['--format', 'json'], await readText(EXAMPLE));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      leaning: 'asks-exceed-gives',
      bank: { id: 'who-failed-whom' },
    });
  });

  test('prints the template', async () => {
    const result = await npx(['template']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^answers:$/m);
    expect(result.stdout).toMatch(/^ {2}give-time:$/m);
  });
});
