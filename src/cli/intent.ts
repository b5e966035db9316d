import type { AssessOptions } from '../commands/assess.js';
import type { CompareOptions } from '../commands/compare.js';
import type { HistoryOptions } from '../commands/history.js';
import type { InitOptions } from '../commands/init.js';
import type { QuestionsOptions } from '../commands/questions.js';
import type { TeamCommandOptions } from '../commands/team.js';
import type { TemplateOptions } from '../commands/template.js';
import type { ValidateOptions } from '../commands/validate.js';

/** What the command line asks for; parsing does nothing else, so it is tested as data. */
export type Intent =
  | { command: 'assess'; options: AssessOptions }
  | { command: 'template'; options: TemplateOptions }
  | { command: 'questions'; options: QuestionsOptions }
  | { command: 'validate'; options: ValidateOptions }
  | { command: 'init'; options: InitOptions }
  | { command: 'team'; options: TeamCommandOptions }
  | { command: 'compare'; options: CompareOptions }
  | { command: 'history'; options: HistoryOptions }
  | { command: 'print'; text: string };
