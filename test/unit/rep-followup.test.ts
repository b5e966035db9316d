/**
 * Reps on their manager's commitments: `template --role rep --commitments MANAGER_FILE` asks about each one,
 * and the team report sets the manager's own follow-up beside the reps' answers, withheld below the minimum.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { parseAnswers } from '../../src/input/load.js';
import { memoryIo } from '../support/memory-io.js';
import { builtinBank, edit, ROOT } from './helpers.js';

const EXAMPLE = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
const REP = readFileSync(`${ROOT}examples/team/rep-a.yaml`, 'utf8');
const COACHING = 'Coach the two reps furthest behind for an hour each week';
const PRICING = 'Clear one pricing approval a week';
const MANAGER = `${EXAMPLE}commitments:\n  - item: coach-strugglers\n    text: ${COACHING}\n  - text: ${PRICING}\n`;

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo({ files });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('template --role rep --commitments', () => {
  test('lists each of the manager’s commitments with its status to fill in, under the bank’s question', async () => {
    const { code, stdout, stderr } = await run(['template', '--role', 'rep', '--commitments', 'm.yaml'], {
      'm.yaml': MANAGER,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      '# Did your manager keep this? For each: status kept, partly or not-kept (empty: not answered), and a note if you like.\n' +
        'followUp:\n' +
        `  - text: "${COACHING}"\n    item: "coach-strugglers"\n    status:\n    note:\n` +
        `  - text: "${PRICING}"\n    status:\n    note:\n` +
        'answers:\n',
    );
    // Blank, it is a valid answers file that follows nothing up yet; filled in, it does.
    const bank = builtinBank();
    expect((await parseAnswers(stdout, 't.yaml', bank)).followUp).toBeUndefined();
    const filled = edit(
      stdout,
      '    status:\n    note:\n  - text',
      '    status: partly\n    note: Twice\n  - text',
    );
    expect((await parseAnswers(filled, 't.yaml', bank)).followUp).toEqual([
      { text: COACHING, item: 'coach-strugglers', status: 'partly', note: 'Twice' },
    ]);
  });

  test.each([
    ['without --role rep', ['template', '--commitments', 'm.yaml'], { 'm.yaml': MANAGER }, 'add --role rep'],
    [
      "a rep's file",
      ['template', '--role', 'rep', '--commitments', 'r.yaml'],
      { 'r.yaml': REP },
      "r.yaml: is a rep's answers; --commitments takes the manager's",
    ],
    [
      'a manager file without commitments',
      ['template', '--role', 'rep', '--commitments', 'm.yaml'],
      { 'm.yaml': EXAMPLE },
      'm.yaml: holds no commitments',
    ],
    [
      'with --answers, outside the questionnaire',
      ['--answers', 'r.yaml', '--role', 'rep', '--commitments', 'm.yaml'],
      { 'r.yaml': REP, 'm.yaml': MANAGER },
      'see: template --role rep --commitments FILE',
    ],
  ])('exit 2: %s', async (_what, argv, files, message) => {
    const { code, stderr } = await run(argv, files);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

/** A rep's answers with their view of the manager's commitments. */
const repSays = (coaching: string, pricing?: string, note?: string) =>
  edit(
    REP,
    'answers:\n',
    `followUp:\n  - text: ${COACHING}\n    item: coach-strugglers\n    status: ${coaching}\n${note ? `    note: ${note}\n` : ''}${pricing ? `  - text: ${PRICING}\n    status: ${pricing}\n` : ''}answers:\n`,
  );
const managerSays = edit(
  EXAMPLE,
  'answers:\n',
  `followUp:\n  - text: ${COACHING}\n    item: coach-strugglers\n    status: kept\n    note: Every week but two\nanswers:\n`,
);

describe('the team report on last round’s commitments', () => {
  const files = {
    'team/manager.yaml': managerSays,
    'team/a.yaml': repSays('kept', 'not-kept', 'Better lately'),
    'team/b.yaml': repSays('partly', 'not-kept'),
    'team/c.yaml': repSays('not-kept'),
    'team/d.yaml': repSays('partly'),
  };

  test('JSON: the manager’s account beside the reps’ counts; a group below the minimum withheld', async () => {
    const { code, stdout } = await run(['team', 'team', '--format', 'json'], files);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.commitments).toEqual([
      // By their words, so the order says nothing about who answered first.
      {
        text: PRICING,
        item: null,
        label: null,
        manager: { n: 0, counts: { kept: 0, partly: 0, 'not-kept': 0 }, notes: [], withheld: null },
        rep: { n: 2, counts: null, notes: [], withheld: 'fewer than 3 reps answered' },
      },
      {
        text: COACHING,
        item: 'coach-strugglers',
        label: 'coaching the reps who struggle',
        manager: {
          n: 1,
          counts: { kept: 1, partly: 0, 'not-kept': 0 },
          notes: ['Every week but two'],
          withheld: null,
        },
        rep: {
          n: 4,
          counts: { kept: 1, partly: 2, 'not-kept': 1 },
          notes: ['Better lately'],
          withheld: null,
        },
      },
    ]);
  });

  test('text and Markdown set them side by side', async () => {
    const text = (await run(['team', 'team'], files)).stdout;
    const section = text.slice(text.indexOf("Last round's commitments"));
    expect(section.replace(/\s+/g, ' ')).toContain(`${COACHING} (coaching the reps who struggle)`);
    expect(section).toMatch(
      /manager {2}kept\n.*- Every week but two\n\s+reps {5}1 kept, 2 partly kept, 1 not kept \(n=4\)/,
    );
    expect(section).toContain('reps     withheld: fewer than 3 reps answered');
    const markdown = (await run(['team', 'team', '--format', 'markdown'], files)).stdout;
    expect(markdown).toContain(
      `| ${COACHING} (coaching the reps who struggle) | kept | 1 kept, 2 partly kept, 1 not kept (n=4) |`,
    );
    expect(markdown).toContain(`| ${PRICING} | not answered | withheld: fewer than 3 reps answered |`);
  });

  test('without follow-up in any file the report has no commitments section', async () => {
    const { stdout } = await run(['team', 'examples', '--format', 'json'], {
      'examples/m.yaml': EXAMPLE,
      'examples/r.yaml': REP,
    });
    expect(JSON.parse(stdout).commitments).toBeUndefined();
  });
});
