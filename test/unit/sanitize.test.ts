import { describe, expect, test } from '@jest/globals';
import { escapeMarkdown } from '../../src/render/markdown.js';
import { escapeUnsafeInJson, hasUnsafe, sanitize, sanitizeAll, visible } from '../../src/render/sanitize.js';
import { BEL, ESC, PAYLOADS } from '../support/hostile.js';

describe('sanitize, for prose shown on a terminal', () => {
  test.each(PAYLOADS)('%s: nothing a terminal obeys is left, the words are', (_name, text, shown) => {
    const out = sanitize(text);
    expect(hasUnsafe(out)).toBe(false);
    expect(out).toBe(shown);
  });

  test.each([
    ['plain text', 'How firmly do you hold them to it?'],
    ['accents, emoji and CJK', 'Café 😀 客户'],
    ['Arabic and Hebrew, which need no control characters', 'مرحبا שלום'],
  ])('leaves %s as it is', (_name, text) => {
    expect(sanitize(text)).toBe(text);
  });

  test('sanitizeAll reaches every string of a model, keys too, and keeps a __proto__ key as data', () => {
    const model = JSON.parse(
      `{"title": "a\\u001b[2Jb", "list": ["c\\u202ed", 3, null], "__proto__": {"e\\nf": "g"}}`,
    ) as Record<string, unknown>;
    const safe = sanitizeAll(model);
    expect(safe).toEqual(JSON.parse('{"title": "ab", "list": ["cd", 3, null], "__proto__": {"e f": "g"}}'));
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.hasOwn(safe, '__proto__')).toBe(true);
  });
});

describe('visible, for file names and messages', () => {
  test.each([
    ['a newline', 'bad\nname.yaml', 'bad\\nname.yaml'],
    ['a carriage return and a tab', 'a\rb\tc', 'a\\rb\\tc'],
    ['ESC, which starts every sequence', `x${ESC}[2Jy`, 'x\\x1b[2Jy'],
    ['a C1 control', 'x\u009by', 'x\\x9by'],
    ['U+202E', 'in\u202Efdp.exe', 'in\\u202efdp.exe'],
    ['a zero-width space', 'a\u200Bb', 'a\\u200bb'],
    ['a tag character', 'a\u{E0041}b', 'a\\u{e0041}b'],
    ['nothing to show', 'plain.yaml', 'plain.yaml'],
  ])('shows %s as an escape', (_name, text, shown) => {
    expect(visible(text)).toBe(shown);
    expect(hasUnsafe(visible(text))).toBe(false);
  });

  test('keepLayout keeps line feeds, CRLF and tabs, and escapes the rest', () => {
    expect(visible(`a: 1\r\nb:\t"${ESC}"\rc\n`, { keepLayout: true })).toBe('a: 1\r\nb:\t"\\x1b"\\rc\n');
  });
});

describe('escapeUnsafeInJson', () => {
  test.each(PAYLOADS)('%s: the JSON holds the same data, and nothing a terminal obeys', (_name, text) => {
    const json = escapeUnsafeInJson(JSON.stringify({ text }, null, 2));
    expect(JSON.parse(json)).toEqual({ text });
    expect(hasUnsafe(json.replaceAll('\n', ''))).toBe(false);
  });
});

describe('escapeMarkdown', () => {
  const UNLINK = '<!-- -->';
  test.each([
    ['a mention', 'ask @dana first', `ask @${UNLINK}dana first`],
    ['a team mention', 'cc @acme/sales', `cc @${UNLINK}acme/sales`],
    ['an issue reference', 'see #123', `see #${UNLINK}123`],
    ['a reference at the start, which is also a heading mark', '#7 first', `\\#${UNLINK}7 first`],
    ['a cross-repository reference', 'acme/crm#7', `acme/crm#${UNLINK}7`],
    ['a GH- reference', 'GH-12 and gh-3', `GH-${UNLINK}12 and gh-${UNLINK}3`],
    ['an entity, which would become @ (and holds a #64)', '&#64;dana', `\\&#${UNLINK}64;dana`],
    ['a hash that is no reference', 'C# and #tag', 'C# and #tag'],
    ['an @ that is no mention', 'a @ b', 'a @ b'],
    ['a link', '[click](https://evil)', '\\[click\\](https://evil)'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a table cell break', 'a | b', 'a \\| b'],
    ['a newline', 'one\n# two', 'one # two'],
    ['an escape sequence', `${ESC}]8;;x${BEL}link`, 'link'],
    ['U+202E', 'a\u202Eb', 'ab'],
  ])('%s', (_name, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});
