import type { Io } from '../io.js';
import type { Intent } from './intent.js';

type CommandIntent = Exclude<Intent, { command: 'print' }>;
type CommandName = CommandIntent['command'];
type OptionsOf<C extends CommandName> = Extract<CommandIntent, { command: C }>['options'];
type CommandModule<C extends CommandName> = { run(options: OptionsOf<C>, io: Io): Promise<number> };

/**
 * Each command is loaded when it runs, so --help and --version never pay for the YAML parser, the validators or
 * the prompt library.
 */
export const COMMANDS: { [C in CommandName]: () => Promise<CommandModule<C>> } = {
  assess: () => import('../commands/assess.js'),
  template: () => import('../commands/template.js'),
  questions: () => import('../commands/questions.js'),
  team: () => import('../commands/team.js'),
  validate: () => import('../commands/validate.js'),
  init: () => import('../commands/init.js'),
  compare: () => import('../commands/compare.js'),
  history: () => import('../commands/history.js'),
};

/** Runs a command with its options, configuration applied under the flags given (`given`, by option key). */
export async function runCommand<C extends CommandName>(
  intent: { command: C; options: OptionsOf<C> },
  io: Io,
  given: readonly string[] = [],
): Promise<number> {
  const load = COMMANDS[intent.command] as () => Promise<CommandModule<C>>;
  const { withSettings } = await import('../commands/settings.js');
  const options = await withSettings(intent.command, intent.options, given, io);
  const { run } = await load();
  return run(options, io);
}
