import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandName } from '../command-names.js';
import type { CompareOptions } from '../commands/compare.js';
import type { HistoryOptions } from '../commands/history.js';
import type { InitOptions } from '../commands/init.js';
import type { QuestionsOptions } from '../commands/questions.js';
import type { TeamCommandOptions } from '../commands/team.js';
import type { TemplateOptions } from '../commands/template.js';
import type { ValidateOptions } from '../commands/validate.js';
import { FORMATS } from '../core/config.js';
import { didYouMean } from '../core/suggest.js';
import { DEFAULT_MIN_COMMENTS } from '../core/team.js';
import { renderExamples } from '../render/wrap.js';
import type { Intent } from './intent.js';

// The commands after the root one, and the options they share with it (src/cli/args.ts defines the root).

// Plain decimal digits only: Number() would also take 0x3C, 1e2, 0b1 or " 60 ", which nobody means as a
// threshold and which read as something else than they look.
const WHOLE = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;

function groupSize(value: string): number {
  const n = Number(value);
  if (!WHOLE.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

export function percent(value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value) || n > 101) {
    throw new InvalidArgumentError(
      'expected a number from 0 to 100 in digits, like 60 or 72.5 (101 always fails, for testing the gate).',
    );
  }
  return n;
}

/**
 * An option taking one of `choices`: help lists them, and a misspelt value gets the nearest one
 * (`--format jsn` → did you mean "json"?).
 */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  return new Option(flags, description).choices(choices).argParser((value: string) => {
    if (choices.includes(value)) return value;
    throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.${didYouMean(value, choices)}`);
  });
}

export const roleOption = (fallback?: string) => {
  const option = choiceOption(
    '--role <role>',
    'whose view: a manager rating themselves, or a rep rating their manager',
    ['manager', 'rep'],
  );
  return fallback ? option.default(fallback) : option;
};

export const reportFormatOption = () =>
  choiceOption('-f, --format <format>', 'report format (html: one self-contained page with charts)', [
    ...FORMATS,
  ]).default('text');

export const quietOption = () =>
  new Option('-q, --quiet', 'do not say where files were written (errors are still shown)');

export const outputOption = () =>
  new Option(
    '-o, --output <file>',
    'write the report to this file instead of stdout; without --force it replaces only an earlier report',
  );

/**
 * --no-color on a command that prints no colour (a YAML file, a list): accepted all the same, so a user who sets it
 * on every command (an alias, a script) is not refused.
 */
export const uncolouredOption = () =>
  new Option('--no-color', 'no colour: accepted, as by every command (nothing here is coloured)');

/** For commands whose only file out is the report (-o). */
export const forceOption = () =>
  new Option(
    '--force',
    'let -o replace a file that is not a report (never a link, a read-only file or an input)',
  ).default(false);

export const questionsOption = () =>
  new Option('--questions <file>', 'use this question bank instead of the built-in one (YAML or JSON)');

/** The options of a command whose one output is a report: its format, -o, --force, colour, the bank. */
function reportOptions(command: Command): Command {
  return command
    .addOption(reportFormatOption())
    .addOption(outputOption())
    .addOption(forceOption())
    .option('--no-color', 'no colour')
    .addOption(quietOption())
    .addOption(questionsOption());
}

/** Adds one command to the program; its action hands what was asked for to `found`. */
export function defineCommand(
  program: Command,
  name: CommandName,
  found: (intent: Intent) => void,
  width: number,
): void {
  const withExamples = (command: Command, lines: [string, string][]) =>
    command.addHelpText('after', renderExamples(lines, width));
  const define: Record<CommandName, () => void> = {
    template: () => {
      program
        .command('template')
        .description('print a blank answers file, each prompt and its allowed values as comments')
        .addOption(roleOption('manager'))
        .option(
          '--commitments <file>',
          'with --role rep: ask whether the manager kept each commitment in this answers file of theirs',
        )
        .addOption(questionsOption())
        .addOption(uncolouredOption())
        .action((options: TemplateOptions) => {
          found({ command: 'template', options });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom template > answers.yaml', 'a blank answers file to fill in and score in CI'],
        ['who-failed-whom template --role rep > rep.yaml', 'the same in the words a rep answers in'],
      ]);
    },
    questions: () => {
      program
        .command('questions')
        .description('list the questions of the bank')
        .addOption(choiceOption('-f, --format <format>', 'list format', ['text', 'json']).default('text'))
        .addOption(questionsOption())
        .addOption(uncolouredOption())
        .action((options: QuestionsOptions) => {
          found({ command: 'questions', options });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom questions', 'every question, with its id, scale and weight'],
        ['who-failed-whom questions --format json', 'the same as JSON, to build a form from'],
      ]);
    },
    team: () => {
      program
        .command('team')
        .description('the team picture from many answers files: managers and reps, the perception gap')
        .argument(
          '<paths...>',
          'answers files, folders (searched for .yaml, .yml, .json), form exports (.csv, .xlsx), or -',
        )
        .addOption(reportFormatOption())
        .addOption(outputOption())
        .addOption(
          new Option(
            '--fail-under <balance>',
            'exit 1 when the lowest team balance shown is below this',
          ).argParser(percent),
        )
        .option(
          '--skip-invalid',
          'report on the valid inputs and list the invalid ones, instead of exit 2',
          false,
        )
        .addOption(
          new Option('--min-group <n>', "withhold reps' figures answered by fewer reps than this")
            .argParser(groupSize)
            .default(3),
        )
        .addOption(
          new Option(
            '--min-comments <n>',
            "withhold reps' comments on a question written by fewer reps than this (never below --min-group)",
          )
            .argParser(groupSize)
            .default(DEFAULT_MIN_COMMENTS),
        )
        .addOption(
          new Option(
            '--by <grouping>',
            'one group per team (the team: of each answers file, or a Team column) or per folder',
          ).choices(['team', 'folder']),
        )
        .option(
          '--roster <file>',
          'CSV of who was asked (name or email, role, team): response rates per team; with --show-names, who has not answered',
        )
        .option(
          '--show-names',
          'show respondents by name, one row each (off by default, for anonymity)',
          false,
        )
        .option(
          '--baseline <path>',
          'last round, for the change since: a folder of its answers, or its team --format json report',
        )
        .addOption(forceOption())
        .option('--no-color', 'no colour')
        .addOption(quietOption())
        .addOption(questionsOption())
        .action((paths: string[], options: Omit<TeamCommandOptions, 'paths'>) => {
          found({ command: 'team', options: { ...options, paths } });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom team retro/', 'the team picture from every answers file under retro/'],
        ['who-failed-whom team responses.csv -f markdown', 'from a form export, as Markdown'],
      ]);
    },
    validate: () => {
      program
        .command('validate')
        .description('check question banks and answers files, listing every problem with file:line:col')
        .argument('<files...>', 'banks and answers files (YAML or JSON), told apart by content; - is stdin')
        .option('--questions <file>', 'check answers files against this bank instead of the built-in one')
        .option('--strict', 'fail on warnings too')
        .addOption(uncolouredOption())
        .action((files: string[], options: Omit<ValidateOptions, 'files'>) => {
          found({ command: 'validate', options: { ...options, files } });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom validate my-bank.yaml', 'check a question bank you wrote'],
        ['who-failed-whom validate retro/*.yaml', 'check answers files before a team retro'],
      ]);
    },
    init: () => {
      program
        .command('init')
        .description('write a question bank to make your own: the built-in one, each field explained')
        .argument('[file]', 'where to write it (- prints it)', 'questions.yaml')
        .option('--force', 'replace an existing file (never a link, a read-only file or an input)', false)
        .addOption(quietOption())
        .addOption(questionsOption())
        .addOption(uncolouredOption())
        .action((file: string, options: Omit<InitOptions, 'file'>) => {
          found({ command: 'init', options: { ...options, file } });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom init my-bank.yaml', 'start your own bank from the built-in one'],
        ['who-failed-whom --questions my-bank.yaml', 'then answer your own questions'],
      ]);
    },
    compare: () => {
      reportOptions(program.command('compare'))
        .description('what moved between two rounds: the scores, every item that moved, and the commitments')
        .argument('<before>', 'the earlier answers file, or "last" for your last two kept rounds')
        .argument('[after]', 'the later answers file')
        .addOption(roleOption())
        .action(
          (before: string, after: string | undefined, options: Omit<CompareOptions, 'before' | 'after'>) => {
            found({
              command: 'compare',
              options: { ...options, before, ...(after === undefined ? {} : { after }) },
            });
          },
        );
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom compare q1.yaml q2.yaml', 'what moved between two answers files'],
        ['who-failed-whom compare last', 'your last two kept rounds'],
      ]);
    },
    history: () => {
      reportOptions(program.command('history'))
        .description('your kept rounds: date, role, balance and leaning, and the balance over time')
        .addOption(roleOption())
        .action((options: HistoryOptions) => {
          found({ command: 'history', options });
        });
      withExamples(program.commands.at(-1) as Command, [
        ['who-failed-whom history', 'your kept rounds and the balance over time'],
        ['who-failed-whom history --format json', 'the same as JSON'],
      ]);
    },
  };
  define[name]();
}
