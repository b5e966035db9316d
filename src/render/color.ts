import type { OutputStream } from '../io.js';
import { plainStyle, type Style } from './style.js';

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

/**
 * chalk is loaded only when colour is on: its colour detection imports node:tty, which costs a plain run
 * (stdout a pipe or a file) more than rendering the whole report.
 */
export async function makeStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return plainStyle;
  const { chalkStyle } = await import('./chalk-style.js');
  return chalkStyle();
}
