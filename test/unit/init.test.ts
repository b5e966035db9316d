import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { checkBank } from '../../src/core/bank.js';
import { lintBank } from '../../src/core/bank-lint.js';
import { checkFieldNotes } from '../../src/core/field-notes.js';
import { parseSource } from '../../src/input/source.js';
import { renderBankScaffold } from '../../src/render/bank-scaffold.js';
import { builtinBankText, ROOT } from '../support/helpers.js';

const notes = checkFieldNotes(
  parseSource(readFileSync(`${ROOT}schema/fields.yaml`, 'utf8'), 'fields.yaml').data,
);
const SCHEMA_LINE = '# yaml-language-server: $schema=https://example.test/bank.schema.json';
const scaffoldOf = (text: string, id = 'team-bank') =>
  renderBankScaffold(text, notes, { id, file: 'team-bank.yaml', schemaLine: SCHEMA_LINE });
const scaffold = scaffoldOf(builtinBankText());
const data = (text: string) => parseSource(text, 'bank.yaml').data as Record<string, unknown>;
/** The lines that are not comments or blank: what the YAML says, as written. */
const content = (text: string) =>
  text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));

describe('the bank init scaffolds', () => {
  test('is the built-in bank with a new id and version 1', () => {
    const { id, version, ...rest } = data(scaffold);
    const { id: _id, version: _version, ...builtin } = data(builtinBankText());
    expect({ id, version }).toEqual({ id: 'team-bank', version: 1 });
    expect(rest).toEqual(builtin);
  });

  test('is valid with nothing to warn about', () => {
    const { bank, problems } = checkBank(data(scaffold));
    expect(problems).toEqual([]);
    expect(bank && lintBank(bank)).toEqual([]);
  });

  test('keeps the layout of the bank it copies, line for line', () => {
    const changed = (line: string) => !/^(id|version):/.test(line);
    expect(content(scaffold).filter(changed)).toEqual(content(builtinBankText()).filter(changed));
  });

  test('starts with the schema line, then says how to check and use it', () => {
    const lines = scaffold.split('\n');
    expect(lines[0]).toBe(SCHEMA_LINE);
    expect(scaffold).toContain('# Check it with: who-failed-whom validate team-bank.yaml\n');
    expect(scaffold).toContain('# Use it with: who-failed-whom --questions team-bank.yaml\n');
  });

  test("drops the copied bank's own comments", () => {
    for (const line of comments(builtinBankText()).filter((l) => !l.includes('yaml-language-server'))) {
      expect(scaffold.split('\n')).not.toContain(line);
    }
  });

  test('explains each field once, at its first use, in comments no wider than 110', () => {
    const text = comments(scaffold)
      .map((line) => line.trim().replace(/^# ?/, ''))
      .join(' ');
    // Fields the built-in bank does not use have nowhere to go; the README and the schema explain them.
    const unused = ['$schema'];
    for (const [path, note] of Object.entries(notes.bank)) {
      const count = text.split(note.split(/\s+/).join(' ')).length - 1;
      expect([path, count]).toEqual([path, unused.includes(path) ? 0 : 1]);
    }
    expect(comments(scaffold).filter((line) => line.length > 110)).toEqual([]);
  });

  test('puts the note of a list item’s first key above its dash', () => {
    expect(scaffold).toMatch(
      /\n {2}# id: The question's id:[^\n]*\n(?: {2}#[^\n]*\n)* {2}- id: reach-financial-goals\n/,
    );
  });

  test('removes a comment after a value, and keeps a # inside a block of text', () => {
    const bank = builtinBankText()
      .replace('title: Who Failed Whom?', 'title: Who Failed Whom? # the title')
      .replace('  Did your salesperson fail you', '  # not a comment\n  Did your salesperson fail you');
    const out = scaffoldOf(bank);
    expect(out).toContain('\ntitle: Who Failed Whom?\n');
    expect(data(out).intro).toContain('# not a comment');
  });
});
