// The command line's words, in a module of their own: the loader (src/boot/compile-cache.ts) guesses the kind of run
// from them without loading commander, and the argument parser (src/cli/args.ts) defines commands from them.

export const COMMAND_NAMES = [
  'template',
  'questions',
  'team',
  'validate',
  'init',
  'compare',
  'history',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Any of these asks for help, which lists every command. */
export const HELP_WORDS = ['help', '-h', '--help'];

export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}
