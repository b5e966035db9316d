import type { Role } from '../core/types.js';

/**
 * The columns that form services put in an export beside the questions, as each service heads them. Kept here
 * as a table rather than in a data file: these are the services' own headers, matched and never shown, so they
 * are no wording a bank could change (questions/ holds banks only); as code they are type-checked, and a run
 * reads and parses no extra file for them. Headers compare as questions do: case, runs of spaces and a trailing
 * `?`, `.` or `:` aside.
 */
export const FORM_METADATA: readonly {
  service: string;
  headers: readonly string[];
  prefixes?: readonly string[];
}[] = [
  // Google Forms: a quiz adds the score ("4 / 5").
  { service: 'Google Forms', headers: ['Timestamp', 'Score'] },
  // Typeform: `#` is the response token; newer exports add the response type, stage, tags and ending.
  {
    service: 'Typeform',
    headers: [
      '#',
      'Response Type',
      'Start Date (UTC)',
      'Stage Date (UTC)',
      'Submit Date (UTC)',
      'Network ID',
      'Tags',
      'Ending',
    ],
  },
  // SurveyMonkey: the columns before the questions, `Custom Data 1` and on (its second header row is
  // dropped, see SUBHEADER_CELLS; its Email Address, First Name and Last Name are PERSON_COLUMNS).
  {
    service: 'SurveyMonkey',
    headers: ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address'],
    prefixes: ['Custom Data '],
  },
  // Microsoft Forms: a quiz adds the totals and, per question, `Points - <question>` and `Feedback - <question>`.
  {
    service: 'Microsoft Forms',
    headers: ['ID', 'Start time', 'Completion time', 'Last modified time', 'Total points', 'Quiz feedback'],
    prefixes: ['Points - ', 'Feedback - '],
  },
  { service: 'other', headers: ['Time stamp', 'Submitted', 'Submitted at'] },
];

/** Columns that say who answered: shown only with --show-names (a name first, else first and last, else email). */
export const PERSON_COLUMNS = {
  name: ['Name', 'Your name', 'Full name', 'Respondent'],
  firstName: ['First Name'],
  lastName: ['Last Name'],
  email: ['Email', 'E-mail', 'Email address', 'E-mail address'],
} as const;

/** Headers of a role column; a column headed otherwise is taken for the role when all its answers are roles. */
export const ROLE_HEADERS: readonly string[] = ['Role', 'Your role', 'What is your role'];

/** Headers of a team column (`team --by team` groups by it). */
export const TEAM_HEADERS: readonly string[] = ['Team', 'Your team', 'Team name'];

/** What a respondent may have picked in a form for each role (compared without case). */
export const ROLE_ANSWERS: Readonly<Record<Role, readonly string[]>> = {
  manager: ['manager', 'sales manager'],
  rep: ['rep', 'sales rep', 'sales representative', 'salesperson'],
};

/** SurveyMonkey's second header row: what it writes above each answer column. */
export const SUBHEADER_CELLS: readonly string[] = [
  'Response',
  'Open-Ended Response',
  'Other (please specify)',
];
