/**
 * Issue 13, drafts: the answers so far kept after every answer, read back as strictly as an answers file; Ctrl-C
 * says where they are; the next start offers to resume them (the default) or start over; a finished or dropped
 * draft is removed. In-process through main() on a fake terminal and the memory Io.
 */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { draftPath, lockPath } from '../../src/commands/assess-draft.js';
import { DRAFT_KIND, draftDocument, readDraft } from '../../src/core/draft.js';
import { type LockAction, lockAction, lockDocument, lockState } from '../../src/core/draft-lock.js';
import type { AnswerValue, Commitment } from '../../src/core/types.js';
import { interruptedMessage } from '../../src/errors.js';
import { askingOrder } from '../../src/prompt/questionnaire.js';
import { followUpResumesAt } from '../../src/prompt/rounds.js';
import { type FakeTerminal, fakeTerminal, KEY } from '../support/fake-terminal.js';
import { builtinBank } from '../support/helpers.js';
import { type MemoryIo, type MemoryIoOptions, memoryIo } from '../support/memory-io.js';
import { BEFORE, COACHING } from '../support/round-fixtures.js';

const bank = builtinBank();
const order = askingOrder(bank);
const total = order.length;
const DATA = '/home/me/data';
const DRAFT = draftPath(DATA, bank, 'manager');
const LOCK = lockPath(DRAFT);
const ids = order.map((q) => q.id) as [string, string, string, string, ...string[]];

describe('a draft as data', () => {
  const values = new Map<string, AnswerValue>([
    [ids[0], 4],
    [ids[1], 2],
  ]);
  const text = draftDocument(bank, 'manager', {
    savedAt: '2026-12-01T10:00:00.000Z',
    position: 2,
    values,
    followUp: [],
  });

  test('what is written is read back', () => {
    expect(readDraft(text, bank, 'manager')).toEqual({
      draft: { savedAt: '2026-12-01T10:00:00.000Z', position: 2, values, followUp: [] },
    });
  });

  test.each<[string, string, RegExp]>([
    ['not JSON', '{', /not valid JSON/],
    ['another kind', JSON.stringify({ kind: 'something', answers: {} }), /not a draft/],
    ['another role', text, /another bank or role/],
    ['a value out of range', text.replace('": 4', '": 9'), /a whole number from 1 to 5, got 9/],
    [
      'an unknown question',
      text.replace(ids[0], 'no-such-question'),
      /unknown question id "no-such-question"/,
    ],
    ['another bank', JSON.stringify({ kind: DRAFT_KIND, answers: { bank: 'x', answers: {} } }), /bank "x"/],
  ])('%s: unusable, and why', (what, document, problem) => {
    const read = readDraft(document, bank, what === 'another role' ? 'rep' : 'manager');
    expect('problem' in read && read.problem).toMatch(problem);
  });
});

/** The memory Io with a terminal of its own for the prompts, and a data folder. */
function terminalIo(
  terminal: FakeTerminal,
  files: Record<string, string> = {},
  env = {},
  more: MemoryIoOptions = {},
): MemoryIo {
  const io = memoryIo({ files, env: { WHO_FAILED_WHOM_DATA_DIR: DATA, ...env }, ...more });
  Object.assign(io, { stdin: terminal.input, promptOutput: () => terminal.output });
  return io;
}

/** Answers each of `keys` (one per question, from the first), then Ctrl-C. */
async function answerThenInterrupt(keys: string[]): Promise<{ io: MemoryIo; code: number }> {
  const terminal = fakeTerminal();
  const io = terminalIo(terminal);
  const run = main(['--no-color'], io);
  for (const [i, key] of keys.entries()) await terminal.step(`(${i + 1}/${total})`, key);
  await terminal.step(`(${keys.length + 1}/${total})`, KEY.ctrlC);
  return { io, code: await run };
}

describe('the questionnaire keeps a draft', () => {
  test('after every answer; Ctrl-C says where, exit 130', async () => {
    const { io, code } = await answerThenInterrupt(['4', '3', '5', '2']);
    expect(code).toBe(130);
    expect(io.stderrText).toBe(`${interruptedMessage(DRAFT).join('\n')}\n`);
    const read = readDraft(io.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && Object.fromEntries(read.draft.values)).toEqual({
      [ids[0]]: 4,
      [ids[1]]: 3,
      [ids[2]]: 5,
      [ids[3]]: 2,
    });
    expect('draft' in read && read.draft.position).toBe(4);
    expect(io.files.has(LOCK)).toBe(false);
  });

  test('Ctrl-C before any answer keeps nothing, and says so', async () => {
    const { io, code } = await answerThenInterrupt([]);
    expect(code).toBe(130);
    expect(io.stderrText).toBe('Interrupted; nothing was saved.\n');
    expect(io.files.has(DRAFT)).toBe(false);
  });

  test('--no-save keeps none', async () => {
    const terminal = fakeTerminal();
    const io = terminalIo(terminal);
    const run = main(['--no-save'], io);
    await terminal.step(`(1/${total})`, '4');
    await terminal.step(`(2/${total})`, KEY.ctrlC);
    expect(await run).toBe(130);
    expect(io.stderrText).toBe('Interrupted; nothing was saved.\n');
    expect([...io.files.keys()].some((path) => path.startsWith(DATA))).toBe(false);
  });

  test('resume (Enter), go back one with ←, change it, finish: the first three as given, the fourth changed; the draft goes', async () => {
    const first = await answerThenInterrupt(['4', '3', '5', '2']);
    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [DRAFT]: first.io.files.get(DRAFT) as string });
    const run = main(['--no-color', '--format', 'json', '-o', 'r.json'], io);
    await terminal.step('You have unfinished answers', KEY.enter);
    await terminal.step(`(5/${total})`, KEY.left);
    await terminal.step(`(4/${total})`, '1');
    for (let i = 5; i <= total; i++) await terminal.step(`(${i}/${total})`, KEY.enter);
    await terminal.step('Score my answers', KEY.enter);
    await terminal.step('(1 of 3)', `${KEY.down.repeat(9)}${KEY.enter}`);
    expect(await run).toBe(0);
    const report = JSON.parse(io.files.get('/mem/r.json') as string) as {
      ledgers: { asked: { items: { id: string; answer: AnswerValue }[] } };
    };
    const given = Object.fromEntries(report.ledgers.asked.items.map((item) => [item.id, item.answer]));
    expect([given[ids[0]], given[ids[1]], given[ids[2]], given[ids[3]]]).toEqual([4, 3, 5, 1]);
    expect(io.files.has(DRAFT)).toBe(false);
    expect(io.files.has(LOCK)).toBe(false);
    expect(io.stderrText).toMatch(
      /^Report written to r\.json\nThis round is kept, readable by you alone, in\n {2}\S/,
    );
  });

  test('start over drops the draft and asks from the first question', async () => {
    const first = await answerThenInterrupt(['4', '3']);
    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [DRAFT]: first.io.files.get(DRAFT) as string });
    const run = main(['--no-color'], io);
    await terminal.step('You have unfinished answers', '2');
    await terminal.step(`(1/${total})`);
    const read = readDraft(io.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && read.draft.values.size).toBe(0);
    terminal.input.write(KEY.ctrlC);
    expect(await run).toBe(130);
    expect(io.files.has(DRAFT)).toBe(false);
  });

  test('a damaged draft is said to be unusable, and the run starts afresh', async () => {
    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [DRAFT]: '{ not json' });
    const run = main(['--no-color'], io);
    await terminal.step(`(1/${total})`, KEY.ctrlC);
    expect(await run).toBe(130);
    // Wrapped at the terminal's width, as every message on a terminal is.
    expect(terminal.text().replace(/\s+/g, ' ')).toContain(
      `Your unfinished answers in ${DRAFT} could not be used (it is not valid JSON)`,
    );
  });
});

describe('commitments are asked only where they can be kept', () => {
  /** Answers every question and scores; `commit` says whether the commitments are expected next. */
  async function finish(args: string[], commit: boolean): Promise<{ terminal: FakeTerminal; code: number }> {
    const terminal = fakeTerminal();
    const io = terminalIo(terminal);
    const run = main(['--no-color', '--format', 'json', '-o', 'r.json', ...args], io);
    for (let i = 1; i <= total; i++) await terminal.step(`(${i}/${total})`, i <= 14 ? '4' : KEY.enter);
    await terminal.step('Score my answers', KEY.enter);
    if (commit) await terminal.step('(1 of 3)', `${KEY.down.repeat(9)}${KEY.enter}`);
    return { terminal, code: await run };
  }

  test('--no-save without --save-answers: none asked (the next round could not ask how they went)', async () => {
    const { terminal, code } = await finish(['--no-save'], false);
    expect(code).toBe(0);
    expect(terminal.text()).not.toContain('Your commitment for the next round');
  });

  test('--no-save with --save-answers: asked, for the answers file', async () => {
    const { code } = await finish(['--no-save', '--save-answers', 'a.yaml'], true);
    expect(code).toBe(0);
  });
});

describe('one questionnaire at a time keeps the draft of a bank and role', () => {
  const A = 1001;
  const B = 1002;
  const lockOf = (pid: number) => lockDocument({ pid, startedAt: '2026-12-01T10:00:00.000Z' });

  test.each<[string, string | undefined, number[], LockAction]>([
    ['no lock', undefined, [], 'take'],
    ["another run's, running", lockOf(A), [A], 'refuse'],
    ["another run's, gone", lockOf(A), [], 'take-over'],
    ['naming this very process (a run before it, with the same id)', lockOf(B), [B], 'take-over'],
    ['no lock of ours', 'garbage', [A], 'take-over'],
  ])('%s', (_what, text, running, action) => {
    expect(lockAction(lockState(text, B, (pid) => running.includes(pid)))).toBe(action);
  });

  /** B's run, or 'asking' when it puts a question instead of ending. */
  async function outcome(run: Promise<number>, terminal: FakeTerminal): Promise<number | 'asking'> {
    const asking = terminal.step('?').then(() => 'asking' as const);
    return Promise.race([run, asking]);
  }

  test("a second run refuses before the first question: the first one's draft stays its own", async () => {
    const first = fakeTerminal();
    const a = terminalIo(first, {}, {}, { pid: A, running: [B] });
    const runA = main(['--no-color'], a);
    await first.step(`(1/${total})`, '1');
    await first.step(`(2/${total})`, '1');
    await first.step(`(3/${total})`);

    const second = fakeTerminal();
    const b = terminalIo(second, {}, {}, { pid: B, running: [A], sharing: a });
    expect(await outcome(main(['--no-color'], b), second)).toBe(2);
    expect(b.stderrText.replace(/\s+/g, ' ')).toContain(`${LOCK}: another questionnaire (pid ${A}, since `);
    expect(b.stderrText).toContain('pass --no-save');

    first.input.write(KEY.ctrlC);
    expect(await runA).toBe(130);
    expect(a.stderrText).toBe(`${interruptedMessage(DRAFT).join('\n')}\n`);
    const read = readDraft(a.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && Object.fromEntries(read.draft.values)).toEqual({ [ids[0]]: 1, [ids[1]]: 1 });
    expect(a.files.has(LOCK)).toBe(false);
  });

  test('--no-save beside it keeps nothing, and leaves the other draft alone', async () => {
    const first = fakeTerminal();
    const a = terminalIo(first, {}, {}, { pid: A, running: [B] });
    const runA = main(['--no-color'], a);
    await first.step(`(1/${total})`, '1');
    await first.step(`(2/${total})`);

    const second = fakeTerminal();
    const b = terminalIo(second, {}, {}, { pid: B, running: [A], sharing: a });
    const runB = main(['--no-color', '--no-save'], b);
    await second.step(`(1/${total})`, '5');
    await second.step(`(2/${total})`, KEY.ctrlC);
    expect(await runB).toBe(130);
    expect(b.stderrText).toBe('Interrupted; nothing was saved.\n');

    first.input.write(KEY.ctrlC);
    expect(await runA).toBe(130);
    const read = readDraft(a.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && Object.fromEntries(read.draft.values)).toEqual({ [ids[0]]: 1 });
  });

  test('a lock whose run is gone is taken over, and let go when the run ends', async () => {
    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [LOCK]: lockOf(A) }, {}, { pid: B });
    const run = main(['--no-color'], io);
    await terminal.step(`(1/${total})`);
    expect(io.files.get(LOCK)).toContain(`"pid":${B}`);
    terminal.input.write(KEY.ctrlC);
    expect(await run).toBe(130);
    expect(io.files.has(LOCK)).toBe(false);
  });

  test('a run that fails after the questions lets go too', async () => {
    const terminal = fakeTerminal();
    // The report's file is refused only once the questions are answered: it appears meanwhile.
    const io = terminalIo(terminal);
    const run = main(['--no-color', '-o', 'r.txt'], io);
    await terminal.step(`(1/${total})`);
    io.files.set('/mem/r.txt', 'not a report of ours\n');
    terminal.input.write('4');
    for (let i = 2; i <= total; i++) await terminal.step(`(${i}/${total})`, i <= 14 ? '4' : KEY.enter);
    await terminal.step('Score my answers', KEY.enter);
    expect(await run).toBe(2);
    expect(io.stderrText).toContain('r.txt');
    expect(io.files.has(LOCK)).toBe(false);
  });
});

describe('the follow-up on last round’s commitments is kept as it is answered', () => {
  const ROUND = `${DATA}/rounds/who-failed-whom/manager/2026-11-27T09-00-00Z.yaml`;
  const SECOND = 'Ask each rep what they need from me';

  test('Ctrl-C after the first answer keeps it, and says where', async () => {
    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [ROUND]: BEFORE });
    const run = main(['--no-color'], io);
    await terminal.step('Did you keep it?', '2');
    await terminal.step('A word on how it went', KEY.ctrlC);
    expect(await run).toBe(130);
    expect(io.stderrText).toBe(`${interruptedMessage(DRAFT).join('\n')}\n`);
    const read = readDraft(io.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && read.draft.followUp).toEqual([
      { text: COACHING, item: 'coach-strugglers', status: 'partly' },
    ]);
  });

  test('resumed, it goes on with the commitments not yet answered, then the questions', async () => {
    const first = fakeTerminal();
    const before = terminalIo(first, { [ROUND]: BEFORE });
    const stopped = main(['--no-color'], before);
    await first.step('Did you keep it?', '1');
    await first.step('A word on how it went', `On Mondays${KEY.enter}`);
    await first.step('Did you keep it?', KEY.ctrlC);
    expect(await stopped).toBe(130);

    const terminal = fakeTerminal();
    const io = terminalIo(terminal, { [ROUND]: BEFORE, [DRAFT]: before.files.get(DRAFT) as string });
    const run = main(['--no-color'], io);
    await terminal.step("how 1 of last round's commitments went", KEY.enter);
    await terminal.step(`2. ${SECOND}`);
    await terminal.step('Did you keep it?', '3');
    await terminal.step('A word on how it went', KEY.enter);
    await terminal.step(`(1/${total})`, KEY.ctrlC);
    expect(await run).toBe(130);
    const shown = terminal.text();
    expect(shown.slice(shown.indexOf('Resume where you stopped'))).not.toContain(COACHING);
    const read = readDraft(io.files.get(DRAFT) as string, bank, 'manager');
    expect('draft' in read && read.draft.followUp).toEqual([
      { text: COACHING, item: 'coach-strugglers', status: 'kept', note: 'On Mondays' },
      { text: SECOND, status: 'not-kept' },
    ]);
  });

  const commitments: Commitment[] = [{ text: 'one' }, { text: 'two' }, { text: 'three' }];
  test.each<[string, string[], boolean, number]>([
    ['none answered', [], false, 0],
    ['the first answered', ['one'], false, 1],
    ['the second answered, the first skipped', ['two'], false, 2],
    ['all answered', ['one', 'two', 'three'], false, 3],
    ['the questions begun: the follow-up was over', ['one'], true, 3],
  ])('a resumed follow-up, %s', (_what, answered, begun, from) => {
    const kept = answered.map((text) => ({ text, status: 'kept' as const }));
    expect(followUpResumesAt(commitments, kept, begun)).toBe(from);
  });
});
