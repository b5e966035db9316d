import { dirname, isAbsolute, join, posix, resolve, win32 } from 'node:path';
import { checkConfig, type Settings } from '../core/config.js';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { readText } from './load.js';

// Finding and reading configuration files: the project's, from the current folder upward, and the user's, in
// the platform's config folder. Paths inside a file are relative to that file.

export const PROJECT_FILES = ['who-failed-whom.config.yaml', 'who-failed-whom.config.yml'];

/** The user's config file: $XDG_CONFIG_HOME or ~/.config, ~/Library/Application Support on macOS, %APPDATA%. */
export function userConfigPath(
  env: Record<string, string | undefined>,
  platform: string,
): string | undefined {
  const path = platform === 'win32' ? win32 : posix;
  if (platform === 'win32') return env.APPDATA && path.join(env.APPDATA, 'who-failed-whom', 'config.yaml');
  const home = env.HOME;
  if (platform === 'darwin')
    return home && path.join(home, 'Library', 'Application Support', 'who-failed-whom', 'config.yaml');
  // The XDG spec: a relative XDG_CONFIG_HOME is to be ignored.
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
  const base = xdg ?? (home && path.join(home, '.config'));
  return base && path.join(base, 'who-failed-whom', 'config.yaml');
}

/** The nearest project file, from `cwd` up to the root. */
export async function findProjectConfig(io: Io): Promise<string | undefined> {
  let folder = resolve(io.cwd);
  for (;;) {
    for (const name of PROJECT_FILES) {
      const candidate = join(folder, name);
      if ((await io.kindOf(candidate)) === 'file') return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Whether a file is named as a config file is, for validate to tell it from a bank or answers. */
export function isConfigName(path: string): boolean {
  return (
    /(^|[\\/])who-failed-whom\.config\.ya?ml$/.test(path) ||
    /(^|[\\/])who-failed-whom[\\/]config\.ya?ml$/.test(path)
  );
}

/** A config file's settings, checked, its paths made absolute; InputError with file:line:col otherwise. */
export async function readConfig(io: Io, path: string): Promise<Settings> {
  const { text, name } = await readText(io, path);
  // Loaded only when there is a file: the YAML library costs a run that has none more than its own work.
  const { parseSource, problemLines, sortedByPosition } = await import('./source.js');
  const source = parseSource(text, name);
  const { settings, problems } = checkConfig(source.data);
  if (!settings || problems.length > 0) {
    throw new InputError(
      sortedByPosition(problemLines(source, problems), name),
      `Fix ${name}; see "Configuration" in the README.`,
    );
  }
  const base = dirname(resolve(io.cwd, path));
  const absolute = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : resolve(base, p));
  const questions = absolute(settings.questions);
  const roster = absolute(settings.roster);
  return { ...settings, ...(questions ? { questions } : {}), ...(roster ? { roster } : {}) };
}

/** The project's and the user's settings, each from its file when there is one. */
export async function configFiles(io: Io): Promise<{ project: Settings; user: Settings }> {
  const project = await findProjectConfig(io);
  const user = userConfigPath(io.env, io.platform);
  const userExists = user !== undefined && (await io.kindOf(user)) === 'file';
  return {
    project: project ? await readConfig(io, project) : {},
    user: userExists ? await readConfig(io, user) : {},
  };
}
