/**
 * Form exports saved as workbooks (.xlsx, Microsoft Forms' only export), in-process: the same team JSON as the
 * same answers written as YAML files, errors located as file:Sheet1!C7, a broken workbook exit 2 naming the
 * file. The committed fixture was made by openpyxl (test/fixtures/xlsx/make-xlsx.py); the others by a small
 * writer in test/support.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import { main } from '../../src/cli/main.js';
import { columnIndex, columnLetters, readFirstSheet } from '../../src/input/xlsx.js';
import { memoryIo } from '../support/memory-io.js';
import { type Cell, workbook } from '../support/xlsx-writer.js';
import { builtinBank, ROOT } from './helpers.js';

const bank = builtinBank();
const FIXTURE = `${ROOT}test/fixtures/xlsx/`;
const fixture = JSON.parse(readFileSync(`${FIXTURE}forms-export.json`, 'utf8')) as {
  header: string[];
  ids: (string | null)[];
  rows: Cell[][];
};
const column = (name: string) => fixture.header.indexOf(name);

/** A row of the fixture as the answers file a respondent would have written: labels turned into values. */
function answersFile(row: Cell[]): string {
  const lines = [
    'bank: who-failed-whom',
    `role: ${row[column('Role')]}`,
    `team: ${row[column('Team')]}`,
    'answers:',
  ];
  fixture.ids.forEach((id, i) => {
    const cell = row[i];
    if (id === null || cell === null || cell === undefined) return;
    const q = bank.questions.find((candidate) => candidate.id === id);
    let value: string | number = cell;
    if (q?.type === 'scale' && typeof cell === 'string') {
      value = Number(Object.entries(q.scale?.labels ?? {}).find(([, label]) => label === cell)?.[0]);
    } else if (q?.type === 'choice') {
      value = q.choices?.find((c) => c.label === cell || c.rep?.label === cell)?.value ?? `no choice ${cell}`;
    }
    lines.push(`  ${id}: ${JSON.stringify(value)}`);
  });
  return `${lines.join('\n')}\n`;
}

async function team(files: Record<string, string | Uint8Array>, ...argv: string[]) {
  const io = memoryIo({ files });
  const code = await main(['team', ...argv], io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('a Microsoft Forms export', () => {
  const xlsx = new Uint8Array(readFileSync(`${FIXTURE}forms-export.xlsx`));
  const yaml = Object.fromEntries(fixture.rows.map((row, i) => [`yaml/r${i}.yaml`, answersFile(row)]));

  test.each([
    [[] as string[]],
    [['--by', 'team']],
    [['--by', 'team', '--min-group', '2', '--min-comments', '2']],
  ])('gives the same team JSON as the same answers written as YAML files (%j)', async (extra) => {
    const fromXlsx = await team({ 'responses.xlsx': xlsx }, 'responses.xlsx', '--format', 'json', ...extra);
    const fromYaml = await team(yaml, 'yaml', '--format', 'json', ...extra);
    expect(fromXlsx.stderr).toBe('');
    expect(fromXlsx.code).toBe(0);
    expect(fromYaml.code).toBe(0);
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromYaml.stdout));
    // Not trivially: both hold the answers.
    expect(JSON.parse(fromXlsx.stdout).respondents).toEqual({ manager: 2, rep: 8 });
  });

  test('reads the first sheet, Excel dates and numbers as they are, text through &amp; and <', () => {
    const sheet = readFirstSheet(xlsx, 'f.xlsx');
    expect(sheet.name).toBe('Sheet1');
    expect(sheet.rows[0]?.cells).toEqual(fixture.header);
    expect(sheet.rows[2]?.cells[column('ID')]).toBe('2');
    expect(sheet.rows.find((r) => r.cells.includes('Help on the big deals & legal <fast>.'))).toBeDefined();
  });
});

describe('problems, located as file:Sheet1!C7', () => {
  const header: Cell[] = [
    'ID',
    'Name',
    'Role',
    'How consistently does your manager give you their time?',
    'Team',
  ];
  const rows = (...body: Cell[][]) => workbook([{ name: 'Sheet1', rows: [header, ...body] }]);

  test.each<[string, Uint8Array, RegExp]>([
    [
      'a label that is not on the scale',
      rows([1, 'Bo', 'rep', 'Often', 'East']),
      /^r\.xlsx:Sheet1!D2: give-time: expected a whole number from 1 to 5, got "Often"/m,
    ],
    [
      'a point off the scale, in row 3',
      rows([1, 'Bo', 'rep', 3, 'East'], [2, 'Cy', 'rep', 7, 'East']),
      /^r\.xlsx:Sheet1!D3: give-time: expected a whole number from 1 to 5, got 7/m,
    ],
    ['a role that is none', rows([1, 'Bo', 'boss', 3, 'East']), /^r\.xlsx:Sheet1!C2: /m],
    [
      'a column that matches no question',
      workbook([
        {
          name: 'Responses 1',
          rows: [
            ['ID', 'How often do you smile?'],
            [1, 3],
          ],
        },
      ]),
      /^r\.xlsx:'Responses 1'!B1: column "How often do you smile\?" matches no question/m,
    ],
  ])('%s', async (_name, bytes, message) => {
    const result = await team({ 'r.xlsx': bytes }, 'r.xlsx');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  test('with --skip-invalid the good rows count and the bad one is listed by its row', async () => {
    const result = await team(
      { 'r.xlsx': rows([1, 'Bo', 'rep', 'Often', 'East'], [2, 'Cy', 'rep', 'Usually', 'East']) },
      'r.xlsx',
      '--skip-invalid',
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.respondents).toEqual({ manager: 0, rep: 1 });
    expect(report.skipped).toEqual([
      { source: 'r.xlsx:Sheet1!2:2', reason: expect.stringMatching(/^r\.xlsx:Sheet1!D2: /) },
    ]);
  });
});

describe('a broken workbook is exit 2, naming the file', () => {
  const without = (part: string) => {
    const files: Record<string, Uint8Array> = {
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>',
      ),
    };
    delete files[part];
    return zipSync(files);
  };

  test.each<[string, Uint8Array, RegExp]>([
    [
      'not a zip at all',
      strToU8('ID,Name\n1,Bo\n'),
      /broken\.xlsx: not a readable \.xlsx workbook \(the zip cannot be opened/,
    ],
    [
      'a zip cut short',
      workbook([{ name: 'Sheet1', rows: [['ID']] }]).slice(0, 60),
      /broken\.xlsx: not a readable \.xlsx workbook/,
    ],
    [
      'no workbook part',
      without('xl/workbook.xml'),
      /broken\.xlsx: not a readable \.xlsx workbook \(it has no xl\/workbook\.xml\)/,
    ],
    [
      'its first sheet missing',
      without('xl/worksheets/sheet1.xml'),
      /broken\.xlsx: not a readable \.xlsx workbook \(its first sheet \(xl\/worksheets\/sheet1\.xml\) is missing\)/,
    ],
    [
      'a shared string that is not there',
      without('none'),
      /broken\.xlsx: not a readable \.xlsx workbook \(cell A1 names a missing shared string\)/,
    ],
  ])('%s', async (_name, bytes, message) => {
    const result = await team({ 'broken.xlsx': bytes }, 'broken.xlsx');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Export the responses again as an Excel workbook/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('column letters', () => {
  test.each<[number, string]>([
    [0, 'A'],
    [2, 'C'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('%i ↔ %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });
});
