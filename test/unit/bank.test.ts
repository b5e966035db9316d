import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { checkBank } from '../../src/core/bank.js';
import { bankForRole } from '../../src/core/role.js';
import { parseSource, problemLines } from '../../src/input/source.js';
import { builtinBank, builtinBankText, edit, positionOf, ROOT } from '../support/helpers.js';

const ARTICLE_PATH = `${ROOT}../shared/seed/who-failed-whom-article.txt`;
const article = existsSync(ARTICLE_PATH) ? readFileSync(ARTICLE_PATH, 'utf8') : undefined;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const REFLECTIONS = [
  'What do we owe our salespeople?',
  'What commitments do we make to them?',
  'Are the commitments we make to our salespeople equal to the commitments that we ask them to make?',
  'Are they out of balance?',
  'How do we ensure that we make time for the salespeople who are most in need of our time and our efforts?',
];

describe('the built-in bank', () => {
  const bank = builtinBank();
  const scored = bank.questions.filter((q) => q.side !== undefined);
  const quotes = bank.questions.flatMap((q) =>
    q.source && 'article' in q.source ? [[q.id, q.source.article] as const] : [],
  );

  test('is valid, with no problems at all (not even warnings)', () => {
    expect(checkBank(parseSource(builtinBankText(), 'bank.yaml').data).problems).toEqual([]);
  });

  test.each(['asked', 'owed'] as const)('has a %s ledger', (side) => {
    expect(scored.filter((q) => q.side === side).length).toBeGreaterThanOrEqual(2);
  });

  test.each(scored.map((q) => q.id))('scored item %s has a source', (id) => {
    expect(bank.questions.find((q) => q.id === id)?.source).toBeDefined();
  });

  test('quotes the article at all', () => expect(quotes.length).toBeGreaterThan(0));

  const quoteTest = article === undefined ? test.skip.each(quotes) : test.each(quotes);
  const skipped = article === undefined ? ` (SKIPPED: ${ARTICLE_PATH} is absent)` : '';
  quoteTest(`%s quotes the article verbatim${skipped}`, (_id, quote) => {
    expect(squash(article ?? '')).toContain(squash(quote));
  });

  test("asks the article's five questions verbatim, in its order, each unscored, and no other", () => {
    const reflect = bank.questions.filter((q) => q.section === 'reflect');
    expect(reflect.map((q) => q.prompt)).toEqual(REFLECTIONS);
    for (const q of reflect) expect(q.side).toBeUndefined();
  });

  test('"Are they out of balance?" is the self-view choice, the others are answered in words', () => {
    const [owe, commitments, equal, balance, time] = REFLECTIONS.map((prompt) =>
      bank.questions.find((q) => q.prompt === prompt),
    );
    for (const q of [owe, commitments, equal, time]) expect(q?.type).toBe('text');
    expect(balance?.type).toBe('choice');
    expect(balance?.choices?.map((c) => c.view)).toEqual(['out-of-balance', 'balanced', 'unsure']);
  });

  test('the rep intro promises no more than team can keep: names can be shown (team --show-names)', () => {
    const intro = bank.rep?.intro ?? '';
    expect(intro).not.toMatch(/never with your name/);
    expect(intro).toMatch(/can choose to show answers by name/);
    expect(intro).toMatch(/fewer than three reps/);
  });

  test.each(['manager', 'rep'] as const)('no question is asked twice of a %s', (role) => {
    const view = bankForRole(bank, role);
    const prompts = view.questions.map((q) => q.prompt.toLowerCase());
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  test.each(bank.questions.filter((q) => q.side === 'owed').map((q) => q.id))(
    'owed item %s: its help (and its rep help) says what delivering it looks like',
    (id) => {
      const q = bank.questions.find((question) => question.id === id);
      expect(q?.help).toMatch(/^What delivering it looks like: /);
      expect(q?.rep?.help).toMatch(/^What delivering it looks like: /);
      expect(`${q?.help}`).not.toMatch(/weight/i);
    },
  );
});

const NAME = 'bank.yaml';
const BASE = `id: mini
version: 1
title: Mini
scales:
  s:
    min: 1
    max: 5
    labels:
      1: Low
      5: High
verdicts:
  asks-exceed-gives: Asks exceed.
  balanced: Balanced.
  gives-exceed-asks: Gives exceed.
sections:
  - id: one
    title: One
questions:
  - id: ask
    section: one
    type: scale
    scale: s
    side: asked
    prompt: Asked?
    supportedBy: [owe]
  - id: owe
    section: one
    type: scale
    scale: s
    side: owed
    prompt: Owed?
`;
const OWED_PROMPT = '    prompt: Owed?';
/** Appends a question given as its `key: value` lines. */
const add = (...lines: string[]) => `${BASE}  - ${lines.join('\n    ')}\n`;
const scoredChoice = (...second: string[]) =>
  `${add('id: pick', 'section: one', 'type: choice', 'scale: s', 'side: owed', 'prompt: Pick?', 'choices:')}` +
  `      - {value: a, label: A, score: 1}\n      - ${second.join('\n        ')}\n`;

function check(yaml: string) {
  const source = parseSource(yaml, NAME);
  return { source, ...checkBank(source.data) };
}

describe('a minimal bank', () => {
  test('is valid and fills in the defaults', () => {
    const { bank, problems } = check(BASE);
    expect(problems).toEqual([]);
    expect(bank?.questions.map((q) => [q.id, q.weight, q.label])).toEqual([
      ['ask', 1, 'Asked?'],
      ['owe', 1, 'Owed?'],
    ]);
    expect(bank?.scoring).toEqual({ tolerance: 10, minAnsweredWeight: 0.5 });
  });
});

const text = (...extra: string[]) => add('id: extra', 'section: one', 'type: text', 'prompt: X?', ...extra);
const scale = (...extra: string[]) => add('id: extra', 'section: one', 'type: scale', 'prompt: X?', ...extra);
const withOwed = (line: string) => edit(BASE, OWED_PROMPT, `${OWED_PROMPT}\n    ${line}`);

// [what is broken, the bank, a fragment of the message, the text the problem must point at]
const broken: [string, string, string, string][] = [
  [
    'duplicate question id',
    add('id: ask #dup', 'section: one', 'type: text', 'prompt: Again?'),
    'duplicate question id "ask"',
    'ask #dup',
  ],
  [
    'duplicate section id',
    edit(BASE, '    title: One\n', '    title: One\n  - {id: one, title: Two}\n'),
    'duplicate section id "one"',
    'one, title',
  ],
  [
    'unknown section',
    add('id: extra', 'section: onee', 'type: text', 'prompt: X?'),
    'unknown section "onee". Did you mean "one"?',
    'onee',
  ],
  ['unknown scale', scale('scale: t #typo', 'side: owed'), 'unknown scale "t". Did you mean "s"?', 't #typo'],
  [
    'supportedBy naming no question',
    edit(BASE, '[owe]', '[owe, owed]'),
    'unknown question "owed". Did you mean "owe"?',
    'owed]',
  ],
  [
    'supportedBy naming an asked item',
    scale('scale: s', 'side: asked', 'supportedBy: [ask]'),
    '"ask" is not an owed item',
    'ask]',
  ],
  [
    'supportedBy on an owed item',
    withOwed('supportedBy: [owe] #self'),
    'only asked items name the owed items that support them',
    '[owe] #self',
  ],
  [
    'scale min >= max',
    edit(BASE, '    max: 5', '    max: 1 #flat'),
    'max (1) must be greater than min (1)',
    '1 #flat',
  ],
  [
    'label outside the scale',
    edit(BASE, '      5: High', '      7: High'),
    'label for 7, which is not a point of the scale 1–5',
    '7: High',
  ],
  [
    'misspelt key',
    edit(BASE, OWED_PROMPT, '    promt: Owed?'),
    'unknown key "promt". Did you mean "prompt"?',
    'promt',
  ],
  ['wrong type', withOwed('weight: "two"'), 'expected number, got "two"', '"two"'],
  [
    'choice score outside the scale',
    scoredChoice('value: b', 'label: B', 'score: 9 #out'),
    'score 9 is outside the scale 1–5',
    '9 #out',
  ],
  [
    'scored choice without a score',
    scoredChoice('value: b #noscore', 'label: B'),
    'every choice of a scored question needs a score',
    'value: b #noscore',
  ],
  [
    'text question with a side',
    text('side: asked #text'),
    'a text question cannot be scored; remove side',
    'asked #text',
  ],
  [
    'missing ledger',
    edit(BASE, '    side: owed', '    side: asked'),
    'no question has side: owed; a bank needs both ledgers to score',
    '- id: ask',
  ],
  ['id not kebab-case', edit(BASE, '  - id: owe', '  - id: Owe_It'), 'must be kebab-case', 'Owe_It'],
  [
    'source with article and added',
    withOwed('source: {article: A., added: B.}'),
    'source takes exactly one of "article" (a quote) or "added"',
    '{article',
  ],
  [
    'source with neither',
    withOwed('source: {}'),
    'source takes exactly one of "article" (a quote) or "added"',
    '{}',
  ],
];

describe('a broken bank', () => {
  test.each(broken)('%s is reported where it is', (_what, yaml, message, needle) => {
    const { source, bank, problems } = check(yaml);
    expect(bank).toBeUndefined();
    const found = problems.find((p) => p.message.includes(message));
    expect(found).toBeDefined();
    if (!found) return;
    const where = positionOf(yaml, needle, NAME);
    expect(source.locate(found.path, found.atKey)).toBe(where);
    expect(problemLines(source, [found])).toEqual([`${where}: ${found.message}`]);
  });

  test('reports every cross-reference problem, not only the first', () => {
    const yaml =
      `${BASE}  - {id: x1, section: onee, type: text, prompt: X?}\n` +
      '  - {id: x2, section: one, type: text, side: owed, prompt: Y?}\n' +
      '  - {id: x3, section: one, type: scale, scale: t, side: owed, prompt: Z?}\n';
    expect(check(yaml).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown section "onee"'),
      expect.stringContaining('a text question cannot be scored'),
      expect.stringContaining('unknown scale "t"'),
    ]);
  });

  test('reports every shape problem, not only the first', () => {
    const yaml = edit(
      edit(BASE, OWED_PROMPT, '    promt: Owed?\n    weight: "two"'),
      '  - id: ask',
      '  - id: Ask_It',
    );
    const { source, problems } = check(yaml);
    const lines = problemLines(source, problems);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bank\.yaml:\d+:\d+: unknown key "promt"/),
        `${positionOf(yaml, '"two"', NAME)}: expected number, got "two"`,
        expect.stringMatching(new RegExp(`^${positionOf(yaml, 'Ask_It', NAME)}: .*kebab-case`)),
      ]),
    );
  });
});
