import { describe, expect, test } from '@jest/globals';
import { checkBank } from '../../src/core/bank.js';
import { lintBank } from '../../src/core/bank-lint.js';
import { parseSource, problemLines } from '../../src/input/source.js';
import { builtinBank, edit, positionOf } from '../support/helpers.js';

const NAME = 'lint.yaml';
/** Two asked items, each supported, and two owed items with distinct prompts: nothing to warn about. */
const BASE = `id: lint
version: 1
title: Lint
scales:
  s: {min: 1, max: 5}
verdicts: {asks-exceed-gives: A., balanced: B., gives-exceed-asks: C.}
sections:
  - {id: one, title: One}
questions:
  - id: ask-a
    section: one
    type: scale
    scale: s
    side: asked
    prompt: Asked A?
    supportedBy: [owe-a]
  - id: ask-b
    section: one
    type: scale
    scale: s
    side: asked
    prompt: Asked B?
    supportedBy: [owe-b]
  - id: owe-a
    section: one
    type: scale
    scale: s
    side: owed
    prompt: Owed A?
  - id: owe-b
    section: one
    type: scale
    scale: s
    side: owed
    prompt: Owed B?
`;

function lint(yaml: string) {
  const source = parseSource(yaml, NAME);
  const { bank, problems } = checkBank(source.data);
  if (!bank) throw new Error(`the test bank is invalid: ${problemLines(source, problems).join('; ')}`);
  expect(problems).toEqual([]);
  return { source, warnings: lintBank(bank) };
}

/** The warnings as `file:line:col: warning: message` lines, as validate prints them. */
const lines = (yaml: string) => {
  const { source, warnings } = lint(yaml);
  return problemLines(source, warnings);
};

/** Removes the question with this id (its block of lines), keeping the rest of the bank as written. */
function without(yaml: string, id: string): string {
  const start = yaml.indexOf(`  - id: ${id}\n`);
  const next = yaml.indexOf('  - id: ', start + 1);
  return yaml.slice(0, start) + (next < 0 ? '' : yaml.slice(next));
}

describe('lintBank', () => {
  test('the built-in bank has nothing to warn about', () => {
    expect(lintBank(builtinBank())).toEqual([]);
  });

  test('a sound bank has nothing to warn about', () => {
    expect(lint(BASE).warnings).toEqual([]);
  });

  test('a ledger with a single item, at its side', () => {
    const one = without(BASE, 'owe-b').replace('supportedBy: [owe-b]', 'supportedBy: [owe-a]');
    const yaml = edit(one, 'side: owed', 'side: owed #only');
    expect(lines(yaml)).toEqual([
      `${positionOf(yaml, 'owed #only', NAME)}: warning: the owed ledger has a single item ("owe-a"): one answer would speak for the whole ledger`,
    ]);
  });

  test('a ledger whose weights are all zero, at the first weight', () => {
    let yaml = edit(BASE, '    prompt: Owed A?\n', '    prompt: Owed A?\n    weight: 0 #first\n');
    yaml = edit(yaml, '    prompt: Owed B?\n', '    prompt: Owed B?\n    weight: 0\n');
    expect(lines(yaml)).toEqual([
      `${positionOf(yaml, '0 #first', NAME)}: warning: every item of the owed ledger weighs 0: the weights say nothing, so each item counts the same`,
    ]);
  });

  test('one weight of zero among others is fine', () => {
    expect(
      lint(edit(BASE, '    prompt: Owed A?\n', '    prompt: Owed A?\n    weight: 0\n')).warnings,
    ).toEqual([]);
  });

  test('an asked item that no owed item supports, at its id', () => {
    const yaml = edit(BASE, '    prompt: Asked B?\n    supportedBy: [owe-b]\n', '    prompt: Asked B?\n');
    expect(lines(yaml)).toEqual([
      `${positionOf(yaml, 'ask-b', NAME)}: warning: asked item "ask-b" names no owed item that supports it (supportedBy), so the report can never show a gap for it`,
    ]);
  });

  test('an empty supportedBy counts as none', () => {
    const yaml = edit(BASE, 'supportedBy: [owe-b]', 'supportedBy: []');
    expect(lint(yaml).warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('"ask-b" names no owed item'),
    ]);
  });

  test('two questions with the same prompt, at the second, ignoring case and spacing', () => {
    const yaml = edit(BASE, 'prompt: Owed B?', 'prompt: "owed  a?" #again');
    expect(lines(yaml)).toEqual([
      `${positionOf(yaml, '"owed  a?" #again', NAME)}: warning: question "owe-b" has the same prompt as "owe-a"`,
    ]);
  });

  test('every warning of a bank is listed, each a warning', () => {
    let yaml = without(BASE, 'ask-b');
    yaml = edit(yaml, '    supportedBy: [owe-a]\n', '');
    yaml = edit(yaml, 'prompt: Owed B?', 'prompt: Owed A?');
    const { warnings } = lint(yaml);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('the asked ledger has a single item ("ask-a")'),
      expect.stringContaining('asked item "ask-a" names no owed item'),
      expect.stringContaining('question "owe-b" has the same prompt as "owe-a"'),
    ]);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
  });
});
