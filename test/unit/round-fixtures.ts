/** Rounds of one manager made from examples/manager.yaml, shared by the tests of compare, history and their pages. */
import { readFileSync } from 'node:fs';
import { edit, ROOT } from './helpers.js';

export const EXAMPLE = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
export const COACHING = 'Coach the two reps furthest behind for an hour each week';
export const BEFORE = `${EXAMPLE}commitments:\n  - item: coach-strugglers\n    text: ${COACHING}\n    due: "2027-03-01"\n  - text: Ask each rep what they need from me\n`;
/** Three months on: only coaching moved, from 1 (Never) to 4 (Usually), and the manager says it was kept. */
export const AFTER = edit(
  edit(edit(EXAMPLE, '  coach-strugglers: 1', '  coach-strugglers: 4'), '"2026-11-27"', '"2027-02-27"'),
  'answers:\n',
  `followUp:\n  - text: ${COACHING}\n    item: coach-strugglers\n    status: kept\n    note: Missed two weeks in January\nanswers:\n`,
);

/** The data folder the rounds are kept in (WHO_FAILED_WHOM_DATA_DIR), and its folder for the built-in bank. */
export const DATA_DIR = '/data';
export const FOLDER = `${DATA_DIR}/rounds/who-failed-whom`;
/** Three quarters of one manager, and one rep's round, as kept files (absolute paths under FOLDER). */
export const ROUNDS: Record<string, string> = {
  [`${FOLDER}/manager/2026-11-27T09-00-00Z.yaml`]: `${EXAMPLE}commitments:\n  - item: coach-strugglers\n    text: Coach the reps who are behind\n`,
  [`${FOLDER}/manager/2027-02-26T09-00-00Z.yaml`]: edit(
    edit(edit(EXAMPLE, '  coach-strugglers: 1', '  coach-strugglers: 4'), '"2026-11-27"', '"2027-02-26"'),
    'answers:\n',
    'followUp:\n  - text: Coach the reps who are behind\n    item: coach-strugglers\n    status: kept\nanswers:\n',
  ),
  [`${FOLDER}/manager/2027-05-28T09-00-00Z.yaml`]: edit(
    edit(edit(EXAMPLE, '  coach-strugglers: 1', '  coach-strugglers: 5'), '  give-time: 2', '  give-time: 5'),
    '"2026-11-27"',
    '"2027-05-28"',
  ),
  [`${FOLDER}/rep/2027-02-27T10-00-00Z.yaml`]: edit(EXAMPLE, 'role: manager', 'role: rep')
    .replace(
      /^ {2}(ask-before-deciding|out-of-balance-view|what-we-owe|commitments-to-them|commitments-equal|out-of-balance|time-for-those-in-need):.*\n/gm,
      '',
    )
    .replace('"2026-11-27"', '"2027-02-27"'),
};
