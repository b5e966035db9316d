import { Command, CommanderError, Help, Option } from 'commander';
import { COMMAND_NAMES, HELP_WORDS } from '../command-names.js';
import type { AssessOptions } from '../commands/assess.js';
import { didYouMean } from '../core/suggest.js';
import { UsageError } from '../errors.js';
import { layoutWidth, renderExamples, wrap } from '../render/wrap.js';
import { VERSION } from '../version.js';
import {
  defineCommand,
  outputOption,
  percent,
  questionsOption,
  quietOption,
  reportFormatOption,
  roleOption,
} from './args-commands.js';
import type { Intent } from './intent.js';

/**
 * `who-failed-whom --format json questions`: an option given before the command counts for it when the command
 * takes it (unless given again after), and is refused when it does not, rather than silently dropped.
 */
function applyRootOptions(program: Command, name: string, options: object): void {
  const command = program.commands.find((c) => c.name() === name);
  if (!command) return;
  for (const [key, value] of Object.entries(program.opts())) {
    if (program.getOptionValueSource(key) !== 'cli') continue;
    if (!command.options.some((o) => o.attributeName() === key)) {
      const flag = program.options.find((o) => o.attributeName() === key)?.long ?? key;
      throw new UsageError(`${flag} does not apply to the ${name} command`);
    }
    if (command.getOptionValueSource(key) !== 'cli') Object.assign(options, { [key]: value });
  }
}

/**
 * A command's own usage line and help, for a mistake in calling it: `team` without a path says how `team` is
 * called, not how the tool is.
 */
function usageHint(command: Command | undefined): string | undefined {
  const parent = command?.parent;
  if (!command || !parent) return undefined;
  const name = `${parent.name()} ${command.name()}`;
  return `Usage: ${name} ${command.usage()}\nRun ${parent.name()} help ${command.name()} for its options and examples.`;
}

/** Narrower than this, an option's description goes under it instead of beside it. */
const MIN_DESCRIPTION_WIDTH = 28;

/**
 * Help laid out for `width` columns, down to 40: descriptions wrap beside their option, or under it when the
 * column beside would be too narrow, and the usage line wraps too; no word is split.
 */
function helpLayout(width: number): Partial<Help> {
  return {
    minWidthToWrap: MIN_DESCRIPTION_WIDTH,
    commandUsage(command) {
      return wrap(Help.prototype.commandUsage.call(this, command), width - 7, '', '       ');
    },
    formatItem(term, termWidth, description, helper) {
      if (!description || width - termWidth - 4 >= MIN_DESCRIPTION_WIDTH) {
        return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
      }
      return `  ${term}\n${wrap(description, width, '      ')}`;
    },
  };
}

/**
 * `given` is filled with the keys of the options the command line gave, so configuration never overrides them.
 * `columns`: the width help is wrapped to (stdout's, when it is a terminal). Given here so commander never
 * looks at process.stdout itself: on a pipe, building that stream costs more than the whole help.
 */
export function parseArgs(argv: string[], columns?: number, given: string[] = []): Intent {
  let intent: Intent | undefined;
  let printed = '';
  const width = layoutWidth(columns);
  /** The command whose arguments commander refused, to point at its own help. */
  let failed: Command | undefined;
  const program = new Command('who-failed-whom')
    .description(
      'Before you decide a salesperson failed, ask whether you failed them.\n' +
        'Weighs what you ask of your reps against what you give them, and scores the balance.\n\n' +
        'In a terminal it asks the questions; in CI, pass an answers file (see `template`).',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .option('-a, --answers <file>', 'score this answers file (YAML or JSON; - reads stdin) instead of asking')
    .addOption(reportFormatOption())
    .addOption(outputOption())
    .addOption(
      new Option('--fail-under <balance>', 'exit 1 when the balance is below this (0–100)').argParser(
        percent,
      ),
    )
    .option(
      '--save-answers <file>',
      'also write the answers to this file, to replay the run in CI (- writes them to stdout)',
    )
    .option('--no-save', 'do not keep this questionnaire as a round in your data folder')
    .option(
      '--commitments <file>',
      'with --role rep: first ask whether the manager kept the commitments in this answers file of theirs',
    )
    .option(
      '--force',
      'let -o and --save-answers replace an existing file (never a link, a read-only file or an input)',
      false,
    )
    .option('--no-color', 'no colour (NO_COLOR and TERM=dumb are honoured too)')
    .addOption(roleOption())
    .addOption(questionsOption())
    .option('--strict', 'fail on warnings too (answers made for another version of the bank)')
    .option('--no-input', 'never prompt: fail at once unless --answers names the answers')
    .addOption(quietOption())
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `\n${wrap(
        'Exit codes: 0 ok · 1 balance below --fail-under · 2 usage or invalid input · 130 interrupted (Ctrl-C) · 143 terminated (SIGTERM)',
        width,
      )}\n\n` +
        renderExamples(
          [
            ['who-failed-whom', 'answer the questions in a terminal'],
            ['who-failed-whom template > answers.yaml', 'a blank answers file to fill in'],
            [
              'who-failed-whom --answers answers.yaml --format markdown --fail-under 60',
              'score it in CI; exit 1 below 60',
            ],
            ['who-failed-whom help team', 'the help of one command'],
          ],
          width,
        ).slice(1),
    )
    // Extra words reach the action instead of failing as "too many arguments", so a mistyped command gets a
    // suggestion.
    .allowExcessArguments(true)
    .action((options: Record<string, unknown>, command: Command) => {
      const [word, topic] = command.args;
      if (word === 'help') {
        const subcommand = program.commands.find((c) => c.name() === topic);
        if (topic !== undefined && !subcommand) {
          throw new UsageError(
            `no command "${topic}" to show help for.${didYouMean(topic, COMMAND_NAMES)} Commands: ${COMMAND_NAMES.join(', ')}`,
          );
        }
        // outputHelp, not helpInformation: only it adds the text after (exit codes, examples).
        (subcommand ?? program).outputHelp();
        intent = { command: 'print', text: printed };
        return;
      }
      if (word !== undefined) {
        throw new UsageError(
          `unknown command "${word}".${didYouMean(word, COMMAND_NAMES)} Commands: ${COMMAND_NAMES.join(', ')}`,
        );
      }
      intent = { command: 'assess', options: options as unknown as AssessOptions };
    });

  // Each command is defined only when the command line names it (or asks for help, which lists them all):
  // defining all six costs a scoring run more than it spends on the scoring.
  const wantsHelp = argv.some((arg) => HELP_WORDS.includes(arg));
  for (const name of COMMAND_NAMES) {
    if (wantsHelp || argv.includes(name)) {
      defineCommand(
        program,
        name,
        (found) => {
          intent = found;
        },
        width,
      );
    }
  }

  for (const command of [program, ...program.commands]) {
    // Only the root takes stray words (to suggest a command); a subcommand refuses them.
    if (command !== program) command.allowExcessArguments(false);
    command.configureHelp(helpLayout(width));
    command
      .exitOverride((error) => {
        failed = command;
        throw error;
      })
      .configureOutput({
        writeOut: (text) => {
          printed += text;
        },
        getOutHelpWidth: () => width,
        getErrHelpWidth: () => width,
        getOutHasColors: () => false,
        getErrHasColors: () => false,
        // Errors are reported by main() as one line with a hint, not by commander.
        writeErr: () => {},
        outputError: () => {},
      });
  }

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { command: 'print', text: printed };
      throw new UsageError(error.message.replace(/^error: /, ''), usageHint(failed));
    }
    throw error;
  }
  if (!intent) throw new UsageError('nothing to do');
  if (intent.command !== 'assess' && 'options' in intent) {
    applyRootOptions(program, intent.command, intent.options);
  }
  refuseStdinTwice(intent);
  // The options the command line gave (before the command or after it): configuration never overrides them.
  const named = intent.command;
  for (const command of [program, ...program.commands.filter((c) => c.name() === named)]) {
    for (const key of Object.keys(command.opts())) {
      if (command.getOptionValueSource(key) === 'cli' && !given.includes(key)) given.push(key);
    }
  }
  return intent;
}

/** Stdin can be read once: a second input named `-` would find it empty. */
function refuseStdinTwice(intent: Intent): void {
  if (intent.command === 'print') return;
  const { options } = intent;
  const readers: string[] = [];
  if (options.questions === '-') readers.push('--questions -');
  if (intent.command === 'assess' && intent.options.answers === '-') readers.push('--answers -');
  const listed =
    intent.command === 'team'
      ? intent.options.paths
      : intent.command === 'validate'
        ? intent.options.files
        : [];
  for (const path of listed) if (path === '-') readers.push('-');
  if (readers.length > 1) {
    throw new UsageError(
      `only one input can be stdin, but ${readers.join(' and ')} ${readers.length === 2 ? 'both' : 'all'} read it; save the others to files and name those`,
    );
  }
}
