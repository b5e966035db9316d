import { Chalk } from 'chalk';
import type { Style } from './style.js';

/** The colours of a text report on a terminal; chalk is told the level, never left to guess it. */
export function chalkStyle(): Style {
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
