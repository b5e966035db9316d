/**
 * The columns each form service puts around the questions of an export, as the services write them. Written
 * here from the services' own exports, not taken from src/input/form-columns.ts, so the tests hold the code to
 * the services rather than to itself. The fixtures in test/fixtures/forms/ and the fuzz's form exports use them.
 */
export interface ServiceLayout {
  service: string;
  before: string[];
  after: string[];
  /** Columns a quiz adds after each question: the prefix, then the question's text. */
  perQuestion: string[];
  /** A second header row above the answers (SurveyMonkey's "Response" / "Open-Ended Response"). */
  subheader: boolean;
}

export const SERVICE_LAYOUTS: ServiceLayout[] = [
  {
    service: 'Google Forms quiz',
    before: ['Timestamp', 'Email Address', 'Score'],
    after: [],
    perQuestion: [],
    subheader: false,
  },
  {
    service: 'Typeform',
    before: ['#'],
    after: ['Start Date (UTC)', 'Submit Date (UTC)', 'Network ID'],
    perQuestion: [],
    subheader: false,
  },
  {
    service: 'Typeform, newer',
    before: ['#'],
    after: [
      'Response Type',
      'Start Date (UTC)',
      'Stage Date (UTC)',
      'Submit Date (UTC)',
      'Network ID',
      'Tags',
      'Ending',
    ],
    perQuestion: [],
    subheader: false,
  },
  {
    service: 'SurveyMonkey',
    before: [
      'Respondent ID',
      'Collector ID',
      'Start Date',
      'End Date',
      'IP Address',
      'Email Address',
      'First Name',
      'Last Name',
      'Custom Data 1',
    ],
    after: [],
    perQuestion: [],
    subheader: true,
  },
  {
    service: 'Microsoft Forms quiz, newer',
    before: [
      'ID',
      'Start time',
      'Completion time',
      'Email',
      'Name',
      'Total points',
      'Quiz feedback',
      'Last modified time',
    ],
    after: [],
    perQuestion: ['Points - ', 'Feedback - '],
    subheader: false,
  },
];

export function layoutOf(service: string): ServiceLayout {
  const layout = SERVICE_LAYOUTS.find((candidate) => candidate.service === service);
  if (!layout) throw new Error(`no layout for ${service}`);
  return layout;
}
