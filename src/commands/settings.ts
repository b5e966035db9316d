import { envSettings, mergeSettings, type SettingKey, type Settings } from '../core/config.js';
import { UsageError } from '../errors.js';
import { configFiles } from '../input/config.js';
import type { Io } from '../io.js';

// The configuration a command takes (see src/core/config.ts), applied to its options before it runs: a flag
// given on the command line stays; any other option a setting names takes the first of the environment, the
// project file and the user file that sets it.

/**
 * The settings each command takes; a command not listed takes none (and looks for no file): validate checks
 * the files it is given, config files among them, so a broken config must not stop it.
 */
const TAKES: Partial<Record<string, readonly SettingKey[]>> = {
  assess: ['questions', 'failUnder', 'format'],
  team: ['questions', 'minGroup', 'failUnder', 'format', 'roster'],
  compare: ['questions', 'format'],
  history: ['questions', 'format'],
  template: ['questions'],
  questions: ['questions'],
  init: ['questions'],
};

export async function withSettings<O extends object>(
  command: string,
  options: O,
  given: readonly string[],
  io: Io,
): Promise<O> {
  const takes = (TAKES[command] ?? []).filter((key) => !given.includes(key));
  if (takes.length === 0) return options;
  const env = envSettings(io.env);
  if (env.problems.length > 0) {
    throw new UsageError(env.problems.join('; '), 'Fix that variable, or unset it.');
  }
  const { project, user } = await configFiles(io);
  const merged: Settings = mergeSettings([env.settings, project, user]);
  const applied = { ...options };
  for (const key of takes) if (merged[key] !== undefined) Object.assign(applied, { [key]: merged[key] });
  return applied;
}
