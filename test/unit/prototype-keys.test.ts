/**
 * Names that an object already has ("constructor", "prototype", "__proto__") are data like any other, on
 * every path a key takes: the quick YAML reader, the YAML library, JSON, a CSV export, a team folder and a
 * stream on stdin; as question ids, scale names and choice values of a bank, and as unknown ids in answers.
 */
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { quickParse } from '../../src/input/quick-yaml.js';
import { type DIR, memoryIo } from '../support/memory-io.js';

const BANK = `id: proto-bank
version: 1
title: Names an object already has
scales:
  constructor:
    min: 1
    max: 5
verdicts:
  asks-exceed-gives: Asks exceed gives.
  balanced: Balanced.
  gives-exceed-asks: Gives exceed asks.
sections:
  - id: prototype
    title: Prototype
questions:
  - id: constructor
    section: prototype
    type: scale
    side: asked
    prompt: How firmly do you hold reps to the constructor?
    scale: constructor
    supportedBy: [prototype]
    rep: { prompt: How firmly does your manager hold you to the constructor? }
  - id: prototype
    section: prototype
    type: scale
    side: owed
    prompt: How consistently do you deliver the prototype?
    scale: constructor
    rep: { prompt: How consistently does your manager deliver the prototype? }
  - id: which
    section: prototype
    type: choice
    side: owed
    prompt: Which one?
    scale: constructor
    choices:
      - { value: __proto__, label: Proto, score: 1 }
      - { value: constructor, label: Cons, score: 5 }
    rep: { prompt: Which one does your manager pick? }
`;

// constructor 4 and prototype 2 on a 1–5 scale; which: __proto__, the choice worth 1.
const ANSWERS = { constructor: 4, prototype: 2, which: '__proto__' } as const;
const point = (n: number) => ((n - 1) / (5 - 1)) * 100;
const ASKED = point(ANSWERS.constructor);
const GIVEN = (point(ANSWERS.prototype) + point(1)) / 2;

const quickYaml = `answers:\n  constructor: 4\n  prototype: 2\n  which: __proto__\n`;
// Flow style is outside the quick reader's subset: the YAML library reads it.
const libraryYaml = 'answers: {constructor: 4, prototype: 2, which: __proto__}\n';
const json = JSON.stringify({ answers: ANSWERS });

async function run(argv: string[], files: Record<string, string | typeof DIR>, stdin?: string) {
  const io = memoryIo({ files, ...(stdin === undefined ? {} : { stdin }) });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('a bank whose ids, scale and choice values are named like prototype members', () => {
  test('the YAML readers take the paths the tests mean', () => {
    expect(quickParse(quickYaml)).not.toBeUndefined();
    expect(quickParse(libraryYaml)).toBeUndefined();
  });

  test.each([
    ['YAML, quick reader', 'a.yaml', quickYaml],
    ['YAML, library', 'a.yaml', libraryYaml],
    ['JSON', 'a.json', json],
  ])('scores every answer: %s', async (_path, name, text) => {
    const result = await run(['--questions', 'bank.yaml', '--answers', name, '--format', 'json'], {
      'bank.yaml': BANK,
      [name]: text,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.scores).toEqual({ asked: ASKED, given: GIVEN, balance: 100 - (ASKED - GIVEN) });
    expect(report.missing).toEqual([]);
    expect(report.ledgers.asked.items.map((item: { id: string }) => item.id)).toEqual(['constructor']);
  });

  const MANAGER = { role: 'manager', constructor: 5, prototype: 4, which: 'constructor' };
  const REPS = [
    { role: 'rep', constructor: 5, prototype: 1, which: '__proto__' },
    { role: 'rep', constructor: 4, prototype: 2, which: '__proto__' },
    { role: 'rep', constructor: 5, prototype: 2, which: 'constructor' },
  ];
  const people = [MANAGER, ...REPS];
  const yamlOf = (p: (typeof people)[number]) =>
    `role: ${p.role}\nanswers:\n  constructor: ${p.constructor}\n  prototype: ${p.prototype}\n  which: ${p.which}\n`;
  const csv = [
    'Role,constructor,prototype,which',
    ...people.map(
      (p) => `${p.role},${p.constructor},${p.prototype},${p.which === '__proto__' ? 'Proto' : 'Cons'}`,
    ),
  ].join('\n');

  test.each<[string, string[], Record<string, string>, string | undefined]>([
    [
      'a folder of YAML files',
      ['retro'],
      Object.fromEntries(people.map((p, i) => [`retro/${i}.yaml`, yamlOf(p)])),
      undefined,
    ],
    ['a CSV export', ['team.csv'], { 'team.csv': csv }, undefined],
    ['YAML documents on stdin', ['-'], {}, people.map((p) => `---\n${yamlOf(p)}`).join('')],
  ])('a team counts every answer: %s', async (_what, paths, files, stdin) => {
    const result = await run(
      ['team', ...paths, '--questions', 'bank.yaml', '--format', 'json'],
      { 'bank.yaml': BANK, ...files },
      stdin,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.respondents).toEqual({ manager: 1, rep: REPS.length });
    const item = (id: string) => report.items.find((i: { id: string }) => i.id === id).byRole;
    expect(item('constructor').rep.n).toBe(REPS.length);
    expect(item('prototype').rep.n).toBe(REPS.length);
    const count = (value: string) => REPS.filter((r) => r.which === value).length;
    expect(Object.entries(item('which').rep.distribution)).toEqual([
      ['__proto__', count('__proto__')],
      ['constructor', count('constructor')],
    ]);
  });
});

describe('unknown ids named like prototype members are refused', () => {
  const ID_KINDS = ['__proto__', 'constructor', 'prototype'];
  const cases = ID_KINDS.flatMap((id) => [
    [
      id,
      'YAML, quick reader',
      ['--answers', 'a.yaml'],
      { 'a.yaml': `answers:\n  give-time: 3\n  ${id}: 3\n` },
    ],
    [id, 'YAML, library', ['--answers', 'a.yaml'], { 'a.yaml': `answers: {give-time: 3, ${id}: 3}\n` }],
    [id, 'JSON', ['--answers', 'a.json'], { 'a.json': `{"answers": {"give-time": 3, "${id}": 3}}` }],
    [id, 'a team file', ['team', 'a.yaml'], { 'a.yaml': `answers:\n  give-time: 3\n  ${id}: 3\n` }],
  ]) as [string, string, string[], Record<string, string>][];

  test.each(cases)('%s: %s', async (id, _path, argv, files) => {
    const result = await run(argv, files);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`:\\d+:\\d+: unknown question id "${id}"\\.`));
  });

  test.each(ID_KINDS)('%s: a CSV column', async (id) => {
    const result = await run(['team', 'team.csv'], { 'team.csv': `Role,give-time,${id}\nmanager,3,3\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`team.csv:1:3: column "${id}" matches no question`);
  });

  test.each(ID_KINDS)('%s: a top-level key of an answers file', async (id) => {
    const result = await run(['--answers', 'a.json'], {
      'a.json': `{"${id}": 1, "answers": {"give-time": 3}}`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`a.json:1:2: unknown key "${id}".`);
  });

  test('a scale that is not defined is unknown, even one named like a prototype member', async () => {
    const bank = BANK.replace('scales:\n  constructor:', 'scales:\n  points:');
    const result = await run(['questions', '--questions', 'bank.yaml'], { 'bank.yaml': bank });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bank\.yaml:\d+:\d+: unknown scale "constructor"\./);
  });

  test('a scale label named like a prototype member is not a point of the scale', async () => {
    const bank = BANK.replace('    max: 5\n', '    max: 5\n    labels: {__proto__: Never}\n');
    const result = await run(['questions', '--questions', 'bank.yaml'], { 'bank.yaml': bank });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('label for __proto__, which is not a point of the scale 1–5');
  });
});
