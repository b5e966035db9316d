import { posix, win32 } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * Where the user's rounds are kept, from the environment and the platform given (so every platform's rule is
 * testable anywhere): WHO_FAILED_WHOM_DATA_DIR, else the platform's per-user data folder. Undefined when there
 * is no home to put it in.
 */
export function dataFolder(env: Env, platform: string, cwd: string): string | undefined {
  const path = platform === 'win32' ? win32 : posix;
  if (env.WHO_FAILED_WHOM_DATA_DIR) return path.resolve(cwd, env.WHO_FAILED_WHOM_DATA_DIR);
  if (platform === 'win32') return env.APPDATA && path.join(env.APPDATA, 'who-failed-whom');
  const home = env.HOME;
  if (platform === 'darwin')
    return home && path.join(home, 'Library', 'Application Support', 'who-failed-whom');
  // The XDG spec: a relative XDG_DATA_HOME is to be ignored.
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  const base = xdg ?? (home && path.join(home, '.local', 'share'));
  return base && path.join(base, 'who-failed-whom');
}
