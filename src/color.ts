import { Chalk } from 'chalk';
import type { OutputStream } from './io.js';
import { plainStyle, type Style } from './render/style.js';

/**
 * chalk reads FORCE_COLOR but ignores NO_COLOR and TERM=dumb, so the decision is made here and chalk is only
 * told the level.
 */
export function colorEnabled(
  stream: OutputStream,
  env: Record<string, string | undefined>,
  flag: boolean,
): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined) return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function makeStyle(enabled: boolean): Style {
  if (!enabled) return plainStyle;
  const chalk = new Chalk({ level: 1 });
  return {
    heading: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    strong: (t) => chalk.bold(t),
    asked: (t) => chalk.cyan(t),
    given: (t) => chalk.magenta(t),
    good: (t) => chalk.green(t),
    warn: (t) => chalk.yellow(t),
  };
}
