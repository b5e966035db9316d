/**
 * Form exports and encodings, through main() in-process: the exports of Google Forms, Typeform, SurveyMonkey
 * and Microsoft Forms in test/fixtures/forms/ (each in its service's own column layout, holding the six people
 * of examples/team) must give exactly the team report of examples/team's YAML files; and an answers file, a
 * bank or a CSV in another encoding must score as its UTF-8 self, or be refused by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { layoutOf } from '../support/form-layouts.js';
import { memoryIo, ROOT } from '../support/memory-io.js';

const FIXTURES = `${ROOT}test/fixtures/forms/`;
const TEAM = `${ROOT}examples/team/`;
const MANAGER = readFileSync(`${ROOT}examples/manager.yaml`, 'utf8');
const teamFiles = Object.fromEntries(
  readdirSync(TEAM).map((name) => [`team/${name}`, readFileSync(`${TEAM}${name}`, 'utf8')]),
);
const fixture = (name: string) => Uint8Array.from(readFileSync(`${FIXTURES}${name}`));

async function run(argv: string[], files: Record<string, string | Uint8Array>, stdin?: string | Uint8Array) {
  const io = memoryIo({ files, ...(stdin === undefined ? {} : { stdin }) });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** Encoders written here, from Node's own Buffer, independent of the decoder under test. */
const utf16le = (text: string, mark = true) =>
  Uint8Array.from([...(mark ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Uint8Array.from([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
const utf8bom = (text: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(text)]);
/** Windows-1252 of text within Latin-1: one byte per character. */
const cp1252 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

let folderJson: Record<string, unknown>;
beforeAll(async () => {
  const folder = await run(['team', 'team', '--format', 'json'], teamFiles);
  expect(folder.code).toBe(0);
  folderJson = json(folder.stdout);
  expect(folderJson.respondents).toEqual({ manager: 1, rep: 5 });
});

describe('form exports as each service writes them', () => {
  test.each([
    ['Google Forms quiz', 'google-forms-quiz.csv'],
    ['Typeform', 'typeform.csv'],
    ['Typeform, newer', 'typeform-2025.csv'],
    ['SurveyMonkey', 'surveymonkey.csv'],
    ['Microsoft Forms quiz, newer', 'microsoft-forms-quiz.csv'],
  ])('%s: every respondent read, the same report as the YAML files', async (service, name) => {
    const bytes = fixture(name);
    // The fixture keeps its service's layout: its columns before and after the questions, in order.
    const layout = layoutOf(service);
    const header = (new TextDecoder().decode(bytes).split(/\r?\n/)[0] ?? '').split(',');
    expect(header.slice(0, layout.before.length)).toEqual(layout.before);
    expect(header.slice(header.length - layout.after.length)).toEqual(layout.after);
    const result = await run(['team', name, '--format', 'json'], { [name]: bytes });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.respondents).toEqual({ manager: 1, rep: 5 });
    expect(report.skippedCount).toBe(0);
    expect(report).toEqual(folderJson);
  });

  test('Microsoft Forms quiz: its per-question Points and Feedback columns are there, and ignored', () => {
    const header = new TextDecoder().decode(fixture('microsoft-forms-quiz.csv'));
    expect(header).toMatch(/,"?Points - How consistently do you give each rep your time/);
    expect(header).toMatch(/,"?Feedback - When a rep falls short, what do you do first\?/);
  });

  test('SurveyMonkey: its second header row ("Response", "Open-Ended Response") is not a respondent', () => {
    const lines = new TextDecoder().decode(fixture('surveymonkey.csv')).split('\r\n');
    expect(lines[1]).toMatch(/^,{9}Response,Response,.*,Open-Ended Response/);
  });

  const semicolons = 'excel-semicolon-windows-1252.csv';

  test('European Excel: semicolons, Windows-1252, commas unquoted inside question texts', async () => {
    const bytes = fixture(semicolons);
    expect(new TextDecoder().decode(bytes.subarray(0, 40))).toMatch(/^Timestamp;Name;Role;How firmly/);
    expect(bytes).toContain(0xfc); // ü in Windows-1252, which is no UTF-8
    const result = await run(['team', semicolons, '--format', 'json'], { [semicolons]: bytes });
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual(folderJson);
    // Said once, so a file in some other single-byte encoding does not pass unnoticed.
    expect(result.stderr).toBe(
      `${semicolons}: note: not UTF-8, so read as Windows-1252 (Western European); if letters look wrong, save it as UTF-8\n`,
    );
  });

  test('European Excel: the names in Windows-1252 come out right (--show-names)', async () => {
    const result = await run(['team', semicolons, '--format', 'json', '--show-names'], {
      [semicolons]: fixture(semicolons),
    });
    expect(result.code).toBe(0);
    const names = (json(result.stdout).people as { name: string }[]).map((person) => person.name).sort();
    expect(names).toEqual(
      ['Ana Núñez', 'Chloé Café', 'François Lefèvre', 'Jürgen Müller', 'Søren Ødegård', 'Zoë Brontë'].sort(),
    );
  });

  test('Excel "Unicode text": UTF-16 LE with its mark, tab-separated', async () => {
    const text = new TextDecoder().decode(fixture('google-forms-quiz.csv'));
    const tabs = text
      .replaceAll(/"([^"]*)"/g, (_m, inner: string) => inner.replaceAll(',', '\u0000'))
      .replaceAll(',', '\t')
      .replaceAll('\u0000', ',');
    expect(tabs).toContain('\t');
    const result = await run(['team', 'r.csv', '--format', 'json'], { 'r.csv': utf16le(tabs) });
    expect(result.stderr).toBe('');
    expect(json(result.stdout)).toEqual(folderJson);
  });
});

describe('CSV columns', () => {
  const GIVE_TIME_PROMPT =
    'How consistently do you give each rep your time, the one thing you never have enough of?';
  const cases: [string, string, string[], number, RegExp, RegExp?][] = [
    [
      'two columns for one question refuse the file, naming both',
      `Role,give-time,"${GIVE_TIME_PROMPT}"\nmanager,3,4\n`,
      [],
      2,
      /^r\.csv:1:3: columns 2 \("give-time"\) and 3 \("How consistently do you give each rep your time, .*\.\.\."\) are both question "give-time"$/m,
    ],
    [
      'two role columns, too',
      'Role,Your role,give-time\nmanager,rep,3\n',
      [],
      2,
      /^r\.csv:1:2: columns 1 \("Role"\) and 2 \("Your role"\) are both the role$/m,
    ],
    [
      'a column that is no question',
      'Role,Department,give-time\nmanager,Sales,3\nrep,Sales,4\n',
      [],
      2,
      /^r\.csv:1:2: column "Department" matches no question id or question text\.$/m,
    ],
    [
      'answers under no header',
      'Role,,give-time\nmanager,x,3\n',
      [],
      2,
      /^r\.csv:1:2: column 2 has answers but no header$/m,
    ],
    ['an empty column without a header is nothing', 'Role,,give-time,\nmanager,,3,\n', [], 0, /^$/],
    [
      'a header and no rows says so, with no word of folders',
      'Role,give-time\n',
      [],
      2,
      /^r\.csv:1:1: has a header row but no rows under it; a form export has one row per respondent$/m,
      /Folders are searched/,
    ],
    [
      'SurveyMonkey headers and no rows',
      'Respondent ID,give-time,what-we-owe\n,Response,Open-Ended Response\n',
      [],
      2,
      /^r\.csv:1:1: has a header row but no rows under it/m,
    ],
    [
      'a role column of another name, its answers not all roles',
      'Your role in the team,give-time\nManager,3\nDirector,4\n',
      [],
      2,
      /^r\.csv:3:1: .*"Director"/m,
    ],
    [
      'two columns whose answers are all roles',
      'Position,Level,give-time\nmanager,rep,3\n',
      [],
      2,
      /^r\.csv:1:2: columns 1 and 2 all look like the respondent's role \(manager or rep\); keep one of them$/m,
    ],
    [
      "after Excel's sep= line, the header is line 2",
      'sep=;\nRole;Department;give-time\nmanager;x;3\n',
      [],
      2,
      /^r\.csv:2:2: column "Department" matches no question id or question text\.$/m,
    ],
    [
      "Excel's sep= line: semicolons, and lines still counted from the top",
      'sep=;\nRole;give-time\nmanager;9\n',
      [],
      2,
      /^r\.csv:3:2: give-time: expected a whole number from 1 to 5, got 9$/m,
    ],
  ];
  // A rest parameter: with more parameters than a row has elements, jest would pass `done` as the last one.
  test.each(cases)('%s', async (...[_what, csv, flags, code, stderr, absent]: (typeof cases)[number]) => {
    const result = await run(['team', 'r.csv', ...flags], { 'r.csv': csv });
    expect(result.stderr).toMatch(stderr);
    if (absent) expect(result.stderr).not.toMatch(absent);
    expect(result.code).toBe(code);
  });

  test('--skip-invalid leaves out a column that is no question and keeps every respondent', async () => {
    const csv =
      'Role,Department,give-time,Cost centre\nmanager,Sales,3,100\nrep,Sales,4,100\nrep,Sales,2,100\n';
    const result = await run(['team', 'r.csv', '--skip-invalid', '--format', 'json'], { 'r.csv': csv });
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.respondents).toEqual({ manager: 1, rep: 2 });
    expect(report.skippedCount).toBe(1);
    expect(report.skipped).toEqual([
      {
        source: 'r.csv, columns 2, 4',
        reason: 'r.csv:1:2: column "Department" matches no question id or question text.',
      },
    ]);
    expect(result.stderr).toBe('Skipped 1 invalid input(s); see the report.\n');
  });

  test.each([
    [
      'by its answers, under any header',
      'Are you a manager or a rep?,give-time\nManager,3\nSales rep,4\n rep ,2\n',
    ],
    ['by its header, as Google Forms asks it', 'What is your role?,give-time\nManager,3\nRep,4\nRep,2\n'],
    ['empty means manager', 'Role,give-time\n,3\nrep,4\nREP,2\n'],
  ])('the role column, %s', async (_what, csv) => {
    const result = await run(['team', 'r.csv', '--format', 'json'], { 'r.csv': csv });
    expect(result.stderr).toBe('');
    expect(json(result.stdout).respondents).toEqual({ manager: 1, rep: 2 });
  });

  test.each([
    ['semicolons', 'Role;give-time;what-we-owe\nmanager;3;Time, help\nrep;4;"A; b"\nrep;2;x\n'],
    ['tabs', 'Role\tgive-time\twhat-we-owe\nmanager\t3\tTime, help\nrep\t4\ta; b\nrep\t2\tx\n'],
    [
      'commas, with semicolons inside cells',
      'Role,give-time,what-we-owe\nmanager,3,a;b;c;d\nrep,4,"Time, help"\nrep,2,x\n',
    ],
    ['semicolons, rows of bare semicolons below', 'Role;give-time\nmanager;3\nrep;4\nrep;2\n;\n;\n'],
    ['CR-only line ends', 'Role,give-time\rmanager,3\rrep,4\rrep,2\r'],
  ])('the delimiter: %s', async (_what, csv) => {
    const result = await run(['team', 'r.csv', '--format', 'json'], { 'r.csv': csv });
    expect(result.stderr).toBe('');
    expect(json(result.stdout).respondents).toEqual({ manager: 1, rep: 2 });
  });
});

describe('answers files and banks in other encodings', () => {
  let plain: Record<string, unknown>;
  beforeAll(async () => {
    const result = await run(['--answers', 'a.yaml', '--format', 'json'], { 'a.yaml': MANAGER });
    expect(result.code).toBe(0);
    plain = json(result.stdout);
  });

  test.each([
    ['UTF-8 with a byte-order mark', utf8bom(MANAGER)],
    ['UTF-16 LE with a byte-order mark', utf16le(MANAGER)],
    ['UTF-16 BE with a byte-order mark', utf16be(MANAGER)],
    ['UTF-16 LE without one', utf16le(MANAGER, false)],
    ['CR-only line ends', MANAGER.replaceAll('\n', '\r')],
    ['Windows-1252 (ASCII only here)', cp1252(MANAGER)],
  ])('%s scores as the UTF-8 file does', async (_what, bytes) => {
    const result = await run(['--answers', 'a.yaml', '--format', 'json'], { 'a.yaml': bytes });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual(plain);
  });

  const withName = MANAGER.replace('respondent: Dana (example)', 'respondent: Renée Müller');

  test.each([
    [
      'a file',
      ['--answers', 'a.yaml', '--format', 'json'],
      { 'a.yaml': cp1252(withName) },
      undefined,
      'a.yaml',
    ],
    ['stdin', ['--answers', '-', '--format', 'json'], {}, cp1252(withName), '<stdin>'],
  ])('Windows-1252 names from %s come out right, with a note', async (_what, argv, files, stdin, name) => {
    const result = await run(argv, files, stdin);
    expect(result.code).toBe(0);
    expect((json(result.stdout).respondent as { name: string }).name).toBe('Renée Müller');
    expect(result.stderr).toMatch(new RegExp(`^${name}: note: not UTF-8, so read as Windows-1252`));
  });

  test('a bank in UTF-16 reads as the same bank', async () => {
    const bank = readFileSync(`${ROOT}questions/who-failed-whom.yaml`, 'utf8');
    const plainList = await run(['questions', '--questions', 'b.yaml', '--format', 'json'], {
      'b.yaml': bank,
    });
    const list = await run(['questions', '--questions', 'b.yaml', '--format', 'json'], {
      'b.yaml': utf16le(bank),
    });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(plainList.stdout);
  });

  test('UTF-32 is refused by name', async () => {
    // UTF-32 LE: the mark, then each character in four bytes (this file is ASCII).
    const bytes = Uint8Array.from([
      0xff,
      0xfe,
      0,
      0,
      ...[...Buffer.from(MANAGER)].flatMap((b) => [b, 0, 0, 0]),
    ]);
    const result = await run(['--answers', 'a.yaml'], { 'a.yaml': bytes });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^a\.yaml: is UTF-32 text, which is not read$/m);
    expect(result.stderr).toMatch(/^Save it as UTF-8/m);
  });

  test('Cyrillic in Windows-1251 is refused, not read as accented gibberish', async () => {
    const name = Uint8Array.from([0xc8, 0xe2, 0xe0, 0xed, 0x20, 0xcf, 0xe5, 0xf2, 0xf0, 0xee, 0xe2]); // Иван Петров
    const [before, after] = MANAGER.split('Dana (example)') as [string, string];
    const bytes = Uint8Array.from([...Buffer.from(before), ...name, ...Buffer.from(after)]);
    const result = await run(['--answers', 'a.yaml'], { 'a.yaml': bytes });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^a\.yaml: is neither UTF-8 nor Windows-1252 \(Western European\) text/m);
  });

  test('validate reads a UTF-16 answers file too', async () => {
    const result = await run(['validate', 'a.yaml'], { 'a.yaml': utf16le(MANAGER) });
    expect(result.code).toBe(0);
  });
});
