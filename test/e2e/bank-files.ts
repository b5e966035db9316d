/** Shared by the end-to-end tests of validate and init: files in a temporary folder, positions in text. */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
export const BUILTIN = join(ROOT, 'questions', 'who-failed-whom.yaml');

/** A temporary folder to write files and run in; open() in beforeAll, close() in afterAll. */
export function workspace() {
  let dir: { path: string; remove: () => Promise<void> } | undefined;
  let count = 0;
  const root = () => {
    if (!dir) throw new Error('workspace not open');
    return dir.path;
  };
  return {
    async open() {
      dir = await tempDir();
    },
    async close() {
      await dir?.remove();
    },
    path: (name: string) => join(root(), name),
    /** Writes text to a new file; returns its path. */
    async file(text: string, name = `file-${++count}.yaml`): Promise<string> {
      const path = join(root(), name);
      await writeFile(path, text);
      return path;
    },
    /** A new empty folder, to run in as the current directory. */
    async folder(): Promise<string> {
      const path = join(root(), `cwd-${++count}`);
      await mkdir(path);
      return path;
    },
  };
}

/** "name:line:col" of the only occurrence of `needle` in `text`, computed independently of the code under test. */
export function at(text: string, needle: string, name: string): string {
  const offset = text.indexOf(needle);
  if (offset < 0 || text.indexOf(needle, offset + 1) >= 0)
    throw new Error(`"${needle}" must occur exactly once`);
  const before = text.slice(0, offset).split('\n');
  return `${name}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Replaces exactly one occurrence. */
export function edit(text: string, from: string, to: string): string {
  at(text, from, '');
  return text.replace(from, to);
}

export const lines = (text: string) => text.split('\n').filter((line) => line !== '');
