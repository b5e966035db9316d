/**
 * Issue 5: every exit-2 path of the CLI, one row each, its message pinned. Each row runs in a folder of its own
 * holding its files, so messages name files as the command line did. `first` must match the whole first stderr
 * line, the hint the whole last line (null: a one-line message), `between` the lines in between.
 * test/commands/exit-codes.test.ts runs the rows in-process; test/e2e/exit-codes.test.ts runs those that need a
 * real process or file system (NEEDS_A_PROCESS).
 *
 * Exit-2 paths found but not triggered here, and why:
 * - args.ts `nothing to do`: every parse that does not throw runs an action, and every action sets the intent.
 * - team.ts `team needs at least one file, folder or - (stdin)`: commander's `<paths...>` refuses first.
 * - init.ts `cannot write it: the file system is read-only` (EROFS): needs a read-only mount.
 * - field-notes.ts, and init reading schema/fields.yaml: only a broken install ("unexpected error").
 * - load.ts, a file that never ends (`-a /dev/zero`): now capped like the others; covered by the FIFO row.
 * - EACCES as root, who may read and write anything: root reads a write-only sysfs attribute instead (the kernel
 *   refuses to open it for reading) and writes into /sys (EACCES, or EROFS where /sys is read-only); where
 *   there is no /sys, those rows are left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { edit } from './helpers.js';
import { EXAMPLE } from './in-process.js';

// ---- Fixtures ------------------------------------------------------------------------------------------------

/**
 * Files to create, by name relative to the row's folder: a name ending in / is a folder. '-' is stdin; '|' is
 * stdin through a real pipe (`cat |`), which /dev/stdin can open, unlike the socket Node gives a child.
 */
export type Files = Record<string, string>;
/** Written, then made unreadable (a file) or unwritable (a folder). */
export const LOCKED = '\u0000locked';
const MANAGER = readFileSync(EXAMPLE, 'utf8');
/** Just over the 1 MiB cap on input. */
const BIG = `answers:\n${'#'.repeat(1024 * 1024)}\n`;
const answers = (...lines: string[]) => `answers:\n${lines.map((line) => `  ${line}\n`).join('')}`;

/** A valid bank, one question a line (line 8 on), so a position reads as the line of the question. */
const BANK = `id: mini
version: 1
title: Mini
scales: {s: {min: 1, max: 5}}
verdicts: {asks-exceed-gives: A., balanced: B., gives-exceed-asks: C.}
sections: [{id: one, title: One}]
questions:
  - {id: ask-a, section: one, type: scale, scale: s, side: asked, prompt: Asked A?, supportedBy: [owe-a]}
  - {id: ask-b, section: one, type: scale, scale: s, side: asked, prompt: Asked B?, supportedBy: [owe-b]}
  - {id: owe-a, section: one, type: scale, scale: s, side: owed, prompt: Owed A?}
  - {id: owe-b, section: one, type: scale, scale: s, side: owed, prompt: Owed B?}
`;
/** The bank with one text replaced (it must occur exactly once). */
const bank = (from: string, to: string) => ({ 'b.yaml': edit(BANK, from, to) });
/** The bank with questions q1, q2… appended (line 12 on), each `{id: qN, section: one, …}`. */
const plus = (...questions: string[]) => ({
  'b.yaml': BANK + questions.map((q, i) => `  - {id: q${i + 1}, section: one, ${q}}\n`).join(''),
});
const BROKEN = bank('version: 1', 'version: one');
const CHOICES = 'choices: [{value: x, label: X, score: 1}, {value: y, label: Y';

const USAGE = /Run who-failed-whom --help for usage\./;
/** A mistake in calling a command points at that command's help. */
const HELP_OF = (command: string) =>
  new RegExp(`Run who-failed-whom help ${command} for its options and examples\\.`);
const cli = (message: RegExp) => new RegExp(`who-failed-whom: ${message.source}`);
const YAML = /Check the YAML syntax at that line \(indentation, a missing colon, an unclosed quote\)\./;
const ANSWERS = /See the allowed answers with: who-failed-whom template/;
const FIX_BANK = /Fix the question bank, then run again\./;
const VALIDATE = /Fix each line above, then run who-failed-whom validate again\./;
const STRICT = /--strict counts warnings as errors: fix them, or drop --strict\./;
const SKIP = /Fix them, or pass --skip-invalid to report on the valid ones only\./;
const FOLDERS = /Folders are searched for \.yaml, \.yml and \.json files\./;
const REPORT_TO = /Choose another file for -o, or leave -o out to print the report\./;
const WRITE = /Choose another file, or init - to print it\./;

const root = process.getuid?.() === 0;
const SYSFS_WRITE_ONLY = '/sys/bus/platform/uevent';
const unreadable = root ? (existsSync(SYSFS_WRITE_ONLY) ? SYSFS_WRITE_ONLY : undefined) : 'locked.yaml';
const unwritable = root ? (existsSync('/sys') ? '/sys/wfw.yaml' : undefined) : 'ro/b.yaml';

/** [what, argv (split on spaces), files, exit code, first line, last line (the hint), the lines between] */
export type Row = [string, string, Files, 2, RegExp, RegExp | null, RegExp?];

/** Rows only a real process shows: a real pipe on stdin, a device, permissions the kernel enforces. */
export const NEEDS_A_PROCESS = new Set<Row>();
const real = (row: Row): Row => {
  NEEDS_A_PROCESS.add(row);
  return row;
};

// biome-ignore format: a table reads best a row to a line or two
export const ROWS: Row[] = [
  // The command line (commander, args.ts)
  ['unknown option, with a suggestion', '--answer m.yaml', {}, 2, cli(/unknown option '--answer'/), USAGE, /\(Did you mean --answers\?\)/],
  ['an option without its value', '-a', {}, 2, cli(/option '-a, --answers <file>' argument missing/), USAGE],
  ['--format not among the choices', '-f yaml', {}, 2,
    cli(/option '-f, --format <format>' argument 'yaml' is invalid\. Allowed choices are text, json, markdown, html\.(?! Did you mean)/), USAGE],
  ['--format misspelt, with a suggestion', '-f jsn', {}, 2,
    cli(/option '-f, --format <format>' argument 'jsn' is invalid\. Allowed choices are text, json, markdown, html\. Did you mean "json"\?/), USAGE],
  ['--role not among the choices', 'template --role boss', {}, 2,
    cli(/option '--role <role>' argument 'boss' is invalid\. Allowed choices are manager, rep\./), HELP_OF('template'), /Usage: who-failed-whom template \[options\]/],
  ['--fail-under out of range', '--fail-under 102', {}, 2, cli(/option '--fail-under <balance>' argument '102' is invalid\. expected a number from 0 to 100 in digits, like 60 or 72\.5 \(101 always fails, for testing the gate\)\./), USAGE],
  ['--min-group below 1', 'team --min-group 0 .', {}, 2,
    cli(/option '--min-group <n>' argument '0' is invalid\. expected a whole number of at least 1\./), HELP_OF('team'), /Usage: who-failed-whom team \[options\] <paths\.\.\.>/],
  ['unknown command, with a suggestion', 'teem', {}, 2,
    cli(/unknown command "teem"\. Did you mean "team"\? Commands: template, questions, team, validate, init, compare, history/), USAGE],
  ['a command without its arguments', 'validate', {}, 2, cli(/missing required argument 'files'/), HELP_OF('validate'), /Usage: who-failed-whom validate \[options\] <files\.\.\.>/],
  // Assessing (commands/assess.ts)
  ['no answers: stdin is not a terminal and gives nothing', '', { '-': '' }, 2, cli(/no answers: stdin is not a terminal and gave nothing\. Pass --answers FILE \(or pipe one in\), or run in a terminal to answer the questions/), USAGE],
  ['--role against the role in the file', '-a m.yaml --role rep', { 'm.yaml': MANAGER }, 2,
    cli(/--role rep, but m\.yaml says role: manager; drop one of them/), USAGE],
  ['too little of a ledger answered', '-a few.yaml', { 'few.yaml': answers('give-time: 3') }, 2, /few\.yaml: too little of the asked ledger is answered to score it: 0 of 6 items, 0% of its weight \(at least 50% is needed\)/,
    /Answer more of: reach-financial-goals, follow-sales-process, held-accountable, pipeline-current, accurate-forecast, activity-levels/],
  ['--save-answers onto an existing file', '-a m.yaml --save-answers old.yaml', { 'm.yaml': MANAGER, 'old.yaml': 'mine\n' }, 2,
    /old\.yaml already exists; pass --force to replace it, or choose another file/, null],
  ['-o onto an answers file', '-a m.yaml -o other.yaml', { 'm.yaml': MANAGER, 'other.yaml': MANAGER }, 2,
    /other\.yaml exists and is not a who-failed-whom report; pass --force to replace it, or choose another file/, null],
  ['-o onto the run\'s own answers file, even with --force', '-a m.yaml -o ./m.yaml --force', { 'm.yaml': MANAGER }, 2,
    /\.\/m\.yaml is one of this run's inputs; -o never replaces it, even with --force\. Choose another file/, null],
  ['--save-answers and -o naming one file', '-a m.yaml --save-answers x.md -o ./x.md', { 'm.yaml': MANAGER }, 2,
    /\.\/x\.md is named by both --save-answers and -o; choose a different file for each/, null],
  ['--strict, answers made for another version of the bank', '-a v.yaml --strict', { 'v.yaml': `bankVersion: 9\n${answers('give-time: 3')}` }, 2,
    /v\.yaml:1:14: answers were made for version 9 of bank who-failed-whom; this is version 2/,
    /--strict counts warnings as errors: score them with the bank they were made for \(--questions FILE\), or drop --strict\./],
  // Reading a file (load.ts)
  ['no such file', '-a nope.yaml', {}, 2, /nope\.yaml: no such file/, null],
  ['a folder', '-a d', { 'd/': '' }, 2, /d: is a folder, not a file/, null],
  ...(unreadable ? [real(['permission denied', `-a ${unreadable}`, { 'locked.yaml': LOCKED }, 2,
    new RegExp(`${unreadable.replace(/[./]/g, '\\$&')}: permission denied`), null])] : []),
  ['a path through a file', '-a b.yaml/x.yaml', { 'b.yaml': BANK }, 2,
    /b\.yaml\/x\.yaml: no such file \(part of its path is a file, not a folder\)/, null],
  ['an empty file', '-a e.yaml', { 'e.yaml': ' \n' }, 2, /e\.yaml: is empty; expected an answers file/,
    /Print a blank one with: who-failed-whom template > answers\.yaml/],
  ['a file over 1 MiB', '-a big.yaml', { 'big.yaml': BIG }, 2, /big\.yaml: is larger than 1 MiB; this is not an answers or bank file/, null],
  ['stdin over 1 MiB', '', { '-': BIG }, 2, /<stdin>: is larger than 1 MiB; this is not an answers or bank file/, null],
  // Parsing (source.ts)
  real(['a pipe over 1 MiB, read as a file', '-a /dev/stdin', { '|': BIG }, 2,
    /\/dev\/stdin: is larger than 1 MiB; this is not an answers or bank file/, null]),
  ['a YAML syntax error', '-a s.yaml', { 's.yaml': `${answers('give-time: 3')}foo: bar: baz\n` }, 2,
    /s\.yaml:3:6: Nested mappings are not allowed in compact mappings/, YAML],
  ['a duplicate key', '-a k.yaml', { 'k.yaml': answers('give-time: 3', 'give-time: 4') }, 2, /k\.yaml:3:3: duplicate key "give-time" \(first on line 2\); each key may appear once/, null],
  ['an alias without its anchor', '-a a.yaml', { 'a.yaml': answers('give-time: *nope') }, 2,
    /a\.yaml:2:14: Unresolved alias \(the anchor must be set before the alias\): nope/, null],
  ['too many aliases', '-a a.yaml', { 'a.yaml': `a: &a x\nb: [${'*a, '.repeat(100)}*a]\n` }, 2,
    /a\.yaml:2:5: too many aliases \(\*name\) to expand; answers and banks need none/, null],
  ['nesting too deep', '-a n.yaml', { 'n.yaml': `answers: ${'['.repeat(5000)}${']'.repeat(5000)}\n` }, 2,
    /n\.yaml:1:\d+: nested too deeply to read; answers and banks are a few levels deep/, null],
  // Answers (core/answers.ts, core/validation.ts)
  ['an unknown key, with a suggestion', '-a u.yaml', { 'u.yaml': 'respondant: Dana\nanswers: {}\n' }, 2, /u\.yaml:1:1: unknown key "respondant"\. Did you mean "respondent"\? Allowed here: \$schema, bank, bankVersion, role, respondent, team, date, answers, followUp, commitments/, ANSWERS],
  ['a required key missing', '-a u.yaml', { 'u.yaml': 'bank: who-failed-whom\n' }, 2, /u\.yaml:1:1: "answers" is required/, ANSWERS],
  ['not a mapping', '-a u.yaml', { 'u.yaml': 'answers: 3\n' }, 2, /u\.yaml:1:10: expected a mapping \(key: value\), got 3/, ANSWERS],
  ['a value not among the choices of a key', '-a u.yaml', { 'u.yaml': 'role: boss\nanswers: {}\n' }, 2,
    /u\.yaml:1:7: expected one of manager, rep, got "boss"\./, ANSWERS],
  ['a fraction for a whole number', '-a u.yaml', { 'u.yaml': 'bankVersion: 1.5\nanswers: {}\n' }, 2, /u\.yaml:1:14: expected a whole number, got 1\.5/, ANSWERS],
  ['answers for another bank', '-a u.yaml', { 'u.yaml': 'bank: other\nanswers: {}\n' }, 2,
    /u\.yaml:1:7: these answers are for the bank "other", not "who-failed-whom"; pass its bank with --questions/, ANSWERS],
  ['an unknown question id, with a suggestion', '-a u.yaml', { 'u.yaml': answers('give-tme: 3') }, 2, /u\.yaml:2:3: unknown question id "give-tme"\. Did you mean "give-time"\? See the ids with: who-failed-whom questions/, ANSWERS],
  ['a number outside the scale', '-a u.yaml', { 'u.yaml': answers('give-time: 9') }, 2,
    /u\.yaml:2:14: give-time: expected a whole number from 1 to 5, got 9/, ANSWERS],
  ['a choice not offered, with a suggestion', '-a u.yaml', { 'u.yaml': answers('ask-before-deciding: look-at-mysef') }, 2, /u\.yaml:2:24: ask-before-deciding: expected one of look-at-myself, talk-it-through, review-their-numbers, performance-plan, got "look-at-mysef"\. Did you mean "look-at-myself"\?/, ANSWERS],
  ['a number for a text question', '-a u.yaml', { 'u.yaml': answers('what-we-owe: 3') }, 2, /u\.yaml:2:16: what-we-owe: expected text, got number/, ANSWERS],
  // The shape of a bank (core/bank-schema.ts, core/validation.ts)
  ['bank: a string for a number', 'questions --questions b.yaml', BROKEN, 2, /b\.yaml:2:10: expected number, got "one"/, FIX_BANK],
  ['bank: a value not among the choices', 'questions --questions b.yaml', plus('type: essay, prompt: Q?'), 2,
    /b\.yaml:12:34: expected one of scale, choice, text, got "essay"\./, FIX_BANK],
  ['bank: a required key missing', 'questions --questions b.yaml', plus('type: text'), 2, /b\.yaml:12:5: "prompt" is required/, FIX_BANK],
  ['bank: an unknown key, with a suggestion', 'questions --questions b.yaml', bank('title: Mini', 'title: Mini\ntitel: Mini'), 2, /b\.yaml:4:1: unknown key "titel"\. Did you mean "title"\? Allowed here: \$schema, id, version, title, intro, scales, scoring, verdicts, rep, sections, questions, rounds/, FIX_BANK],
  ['bank: an id not in kebab-case', 'questions --questions b.yaml', bank('id: mini', 'id: Mini'), 2,
    /b\.yaml:1:5: must be kebab-case: lowercase letters, digits and single hyphens/, FIX_BANK],
  ['bank: an empty text', 'questions --questions b.yaml', bank('title: Mini', 'title: ""'), 2, /b\.yaml:3:8: must not be empty/, FIX_BANK],
  ['bank: a number below the minimum', 'questions --questions b.yaml', bank('version: 1', 'version: 0'), 2, /b\.yaml:2:10: expected >=1, got 0/, FIX_BANK],
  ['bank: an infinite number', 'questions --questions b.yaml', bank('Owed B?}', 'Owed B?, weight: .inf}'), 2,
    /b\.yaml:11:91: expected a finite number, got Infinity/, FIX_BANK],
  // What a bank's parts say of each other (core/bank.ts)
  ['bank: a scale whose max is not above its min', 'questions --questions b.yaml', bank('min: 1, max: 5', 'min: 5, max: 5'), 2,
    /b\.yaml:4:27: max \(5\) must be greater than min \(5\)/, FIX_BANK],
  ['bank: a label for a point off the scale', 'questions --questions b.yaml', bank('max: 5}', 'max: 5, labels: {6: Six}}'), 2,
    /b\.yaml:4:39: label for 6, which is not a point of the scale 1–5/, FIX_BANK],
  ['bank: a duplicate section id', 'questions --questions b.yaml', bank('title: One}', 'title: One}, {id: one, title: Two}'), 2,
    /b\.yaml:6:40: duplicate section id "one"/, FIX_BANK],
  ['bank: a duplicate question id', 'questions --questions b.yaml', bank('id: ask-b', 'id: ask-a'), 2, /b\.yaml:9:10: duplicate question id "ask-a"/, FIX_BANK],
  ['bank: an unknown section', 'questions --questions b.yaml', bank('owe-b, section: one', 'owe-b, section: two'), 2,
    /b\.yaml:11:26: unknown section "two"\./, FIX_BANK],
  ['bank: an unknown scale, with a suggestion', 'questions --questions b.yaml', bank('scale: s, side: owed, prompt: Owed B', 'scale: z, side: owed, prompt: Owed B'), 2,
    /b\.yaml:11:51: unknown scale "z"\. Did you mean "s"\?/, FIX_BANK],
  ['bank: a scored question without a scale', 'questions --questions b.yaml', bank('scale: s, side: owed, prompt: Owed B', 'side: owed, prompt: Owed B'), 2,
    /b\.yaml:11:5: a scored scale question needs "scale" \(one of: s\)/, FIX_BANK],
  ['bank: a text question with a scale', 'questions --questions b.yaml', plus('type: text, scale: s, prompt: Q?'), 2, /b\.yaml:12:47: a text question takes no scale/, FIX_BANK],
  ['bank: a text question with a side', 'questions --questions b.yaml', plus('type: text, side: owed, prompt: Q?'), 2,
    /b\.yaml:12:46: a text question cannot be scored; remove side/, FIX_BANK],
  ['bank: choices on a question that is not a choice', 'questions --questions b.yaml', plus('type: text, prompt: Q?, choices: []'), 2,
    /b\.yaml:12:\d+: only choice questions take choices, not text/, FIX_BANK],
  ['bank: a choice question with one choice', 'questions --questions b.yaml', plus('type: choice, prompt: Q?, choices: [{value: x, label: X}]'), 2,
    /b\.yaml:12:63: a choice question needs at least two choices/, FIX_BANK],
  ['bank: a duplicate choice value', 'questions --questions b.yaml', plus('type: choice, prompt: Q?, choices: [{value: x, label: X}, {value: x, label: Y}]'), 2,
    /b\.yaml:12:94: duplicate choice value "x"/, FIX_BANK],
  ['bank: a scored choice without a score', 'questions --questions b.yaml', plus(`type: choice, scale: s, side: owed, prompt: Q?, ${CHOICES}}]`), 2,
    /b\.yaml:12:118: every choice of a scored question needs a score/, FIX_BANK],
  ['bank: a score off the scale', 'questions --questions b.yaml', plus(`type: choice, scale: s, side: owed, prompt: Q?, ${CHOICES}, score: 9}]`), 2,
    /b\.yaml:12:146: score 9 is outside the scale 1–5/, FIX_BANK],
  ['bank: view on a scored question', 'questions --questions b.yaml', plus(`type: choice, scale: s, side: owed, prompt: Q?, ${CHOICES}, score: 2, view: unsure}]`), 2,
    /b\.yaml:12:\d+: view belongs on an unscored self-view question/, FIX_BANK],
  ['bank: two questions with view', 'questions --questions b.yaml', plus(...Array(2).fill('type: choice, prompt: Q?, choices: [{value: x, label: X, view: unsure}, {value: y, label: Y}]')), 2,
    /b\.yaml:13:5: only one question may carry choices with `view`/, FIX_BANK],
  ['bank: supportedBy on an item that is not asked', 'questions --questions b.yaml', bank('Owed B?}', 'Owed B?, supportedBy: [owe-a]}'), 2,
    /b\.yaml:11:\d+: only asked items name the owed items that support them/, FIX_BANK],
  ['bank: supportedBy an unknown question, with a suggestion', 'questions --questions b.yaml', bank('[owe-b]', '[owe-c]'), 2,
    /b\.yaml:9:99: unknown question "owe-c"\. Did you mean "owe-a"\?/, FIX_BANK],
  ['bank: supportedBy an item that is not owed', 'questions --questions b.yaml', bank('[owe-b]', '[ask-a]'), 2,
    /b\.yaml:9:99: "ask-a" is not an owed item \(side: owed\)/, FIX_BANK],
  ['bank: a source with neither article nor added', 'questions --questions b.yaml', bank('Owed B?}', 'Owed B?, source: {}}'), 2,
    /b\.yaml:11:91: source takes exactly one of "article" \(a quote\) or "added" \(why it is not from the article\)/, FIX_BANK],
  ['bank: one ledger empty', 'questions --questions b.yaml', { 'b.yaml': BANK.replace(/, supportedBy: \[owe-.\]/g, '').replaceAll('side: owed, ', '') }, 2,
    /b\.yaml:8:3: no question has side: owed; a bank needs both ledgers to score/, FIX_BANK],
  // Warnings that --strict fails on (core/bank-lint.ts)
  ['--strict: a ledger of one item', 'validate --strict b.yaml', { 'b.yaml': BANK.replace(/^.*ask-b.*\n/m, '') }, 2,
    /b\.yaml:8:60: the asked ledger has a single item \("ask-a"\): one answer would speak for the whole ledger/, STRICT],
  ['--strict: every item of a ledger weighs 0', 'validate --strict b.yaml', { 'b.yaml': BANK.replaceAll('side: owed,', 'side: owed, weight: 0,') }, 2,
    /b\.yaml:10:\d+: every item of the owed ledger weighs 0: the weights say nothing, so each item counts the same/, STRICT],
  ['--strict: an asked item without supporters', 'validate --strict b.yaml', bank(', supportedBy: [owe-b]', ''), 2, /b\.yaml:9:10: asked item "ask-b" names no owed item that supports it \(supportedBy\), so the report can never show a gap for it/, STRICT],
  ['--strict: two questions with the same prompt', 'validate --strict b.yaml', bank('Owed B?', 'Owed A?'), 2,
    /b\.yaml:11:74: question "owe-b" has the same prompt as "owe-a"/, STRICT],
  // validate (commands/validate.ts)
  ['validate: a file it cannot read', 'validate nope.yaml', {}, 2, /nope\.yaml: no such file/, VALIDATE],
  ['validate: neither a bank nor answers', 'validate x.yaml', { 'x.yaml': 'title: What?\n' }, 2,
    /x\.yaml:1:1: neither a question bank \(it has no "questions"\) nor an answers file \(no "answers"\)/, VALIDATE],
  ['validate: answers not checked against a broken bank', 'validate --questions b.yaml u.yaml', { ...BROKEN, 'u.yaml': answers('give-time: 3') }, 2,
    /b\.yaml:2:10: expected number, got "one"/, VALIDATE, /u\.yaml: not checked, because the question bank to check it against has problems/],
  // team (commands/team.ts, team-inputs.ts, csv.ts)
  ['team: no answers in a folder', 'team d', { 'd/': '' }, 2, /d: no valid answers found/, FOLDERS],
  ['team --skip-invalid: nothing valid', 'team --skip-invalid u.yaml', { 'u.yaml': answers('give-tme: 3') }, 2, /u\.yaml: no valid answers found \(1 invalid input\(s\) skipped; the first: u\.yaml:2:3: unknown question id "give-tme"\. Did you mean "give-time"\? See the ids with: who-failed-whom questions\)/, FOLDERS],
  ['team: an alias bomb in a folder', 'team d', { 'd/': '', 'd/a.yaml': `a: &a x\nb: [${'*a, '.repeat(100)}*a]\n` }, 2,
    /d\/a\.yaml:2:5: too many aliases \(\*name\) to expand; answers and banks need none/,
    /Fix them, or pass --skip-invalid to report on the valid ones only\./],
  real(['a device that never ends', '-a /dev/zero', {}, 2, /\/dev\/zero: is larger than 1 MiB; this is not an answers or bank file/, null]),
  ['team: empty stdin', 'team -', {}, 2, /<stdin>: no valid answers found/, /On stdin, give YAML documents separated by --- lines\./],
  // Writing (output.ts)
  ['-o into a folder that does not exist', '-a m.yaml -o nowhere/r.txt', { 'm.yaml': MANAGER }, 2,
    /nowhere\/r\.txt: cannot write it: its folder does not exist/, REPORT_TO],
  ['-o onto a folder', '-a m.yaml -o d', { 'm.yaml': MANAGER, 'd/': '' }, 2, /d: cannot write it: it is a folder/, REPORT_TO],
  ['--save-answers into a folder that does not exist', '-a m.yaml --save-answers nowhere/s.yaml', { 'm.yaml': MANAGER }, 2,
    /nowhere\/s\.yaml: cannot write it: its folder does not exist/, /Choose another file for --save-answers\./],
  ['team -o into a folder that does not exist', 'team m.yaml -o nowhere/r.txt', { 'm.yaml': MANAGER }, 2,
    /nowhere\/r\.txt: cannot write it: its folder does not exist/, REPORT_TO],
  ['team: a path that does not exist', 'team nope.yaml', {}, 2, /nope\.yaml: no such file or folder/, SKIP],
  ['team: an invalid answers file', 'team u.yaml', { 'u.yaml': answers('give-time: 9') }, 2, /u\.yaml:2:14: give-time: expected a whole number from 1 to 5, got 9/, SKIP],
  ['team: several invalid inputs, counted', 'team nope.yaml u.yaml', { 'u.yaml': answers('give-time: 9') }, 2, /nope\.yaml: no such file or folder/,
    /Fix them, or pass --skip-invalid to report on the valid ones only \(2 inputs are invalid\)\./, /u\.yaml:2:14: give-time: expected .*/],
  ['team: a document in a stream, placed from the start of the stream', 'team -', { '-': `${answers('give-time: 3')}---\n${answers('give-tme: 3')}` }, 2,
    /<stdin>:5:3: unknown question id "give-tme"\. Did you mean "give-time"\? See the ids with: who-failed-whom questions/, SKIP],
  ['CSV: a column that is no question, with a suggestion', 'team c.csv', { 'c.csv': 'role,give-tme\nmanager,3\n' }, 2, /c\.csv:1:2: column "give-tme" matches no question id or question text\. Did you mean "give-time" \(How consistently do you give each rep your time, the one thing you never have enough of\?\)\?/,
    SKIP, /Rename the column to a question id \(see: who-failed-whom questions\) or its exact text\./],
  ['CSV: no column is a question', 'team c.csv', { 'c.csv': 'timestamp,name\n1,Dana\n' }, 2, /c\.csv:1:1: no column matches a question/, SKIP],
  ['CSV: a ragged row', 'team c.csv', { 'c.csv': 'role,give-time\nmanager,3,4\n' }, 2, /c\.csv:2:1: has 3 fields, but the header has 2/, SKIP],
  ['CSV: an unclosed quote', 'team c.csv', { 'c.csv': 'role,"give-time\nmanager,3\n' }, 2,
    /c\.csv:2:1: Quote Not Closed: the parsing is finished with an opening quote at line 2/, SKIP],
  ['CSV: empty', 'team c.csv', { 'c.csv': '' }, 2, /c\.csv:1:1: is empty; expected a header row and one row per respondent/, SKIP],
  ['CSV: a cell that is no answer', 'team c.csv', { 'c.csv': 'role,give-time\nmanager,9\n' }, 2, /c\.csv:2:2: give-time: expected a whole number from 1 to 5, got 9/, SKIP],
  // init (commands/init.ts)
  ['init: a JSON file name', 'init bank.json', {}, 2, cli(/init writes YAML, with comments that JSON cannot hold; name the file bank\.yaml/), USAGE],
  ['init: onto an existing file', 'init b.yaml', { 'b.yaml': 'mine\n' }, 2, /b\.yaml already exists; pass --force to replace it, or choose another file/, null],
  ['init: into a folder that does not exist', 'init nowhere/b.yaml', {}, 2, /nowhere\/b\.yaml: cannot write it: its folder does not exist/, WRITE],
  ['init --force onto a folder', 'init d --force', { 'd/': '' }, 2, /d: cannot write it: it is a folder/, WRITE],
  ...(unwritable ? [real(['init: where it may not write', `init ${unwritable}`, { 'ro/': LOCKED }, 2,
    new RegExp(`${unwritable.replace(/[./]/g, '\\$&')}: cannot write it: (permission denied|the file system is read-only)`), WRITE])] : []),
  ['init --questions: a broken bank', 'init --questions b.yaml out.yaml', BROKEN, 2, /b\.yaml:2:10: expected number, got "one"/,
    /Fix that bank first, or run init without --questions to start from the built-in one\./],
];

const whole = (re: RegExp) => new RegExp(`^(?:${re.source})$`);

/** Exit 2, nothing on stdout, no stack trace; the first line, the hint and the lines between as the row says. */
export function expectRow(
  result: { code: number | null; stdout: string; stderr: string },
  [, , , code, first, hint, between]: Row,
): void {
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(lines[0]).toMatch(whole(first));
  if (hint) expect(lines.at(-1)).toMatch(whole(hint));
  expect(lines.slice(1, hint ? -1 : undefined).join('\n')).toMatch(between ? whole(between) : /^$/);
  expect(result.code).toBe(code);
}
