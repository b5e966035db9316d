/**
 * Bytes to text (src/input/decode.ts): every encoding a file arrives in is either read to the exact text or
 * refused by name; nothing comes out as U+FFFD. The expected bytes are built here by hand or by Node's own
 * Buffer encoders, never by the code under test.
 */
import { describe, expect, test } from '@jest/globals';
import { decodeText, encodingNote } from '../../src/decode.js';
import { InputError } from '../../src/errors.js';

const TEXT = 'respondent: Café Müller\nanswers:\n  give-time: 3\n';

/** Windows-1252 bytes of Latin-1 text: one byte per character, as Excel writes them. */
const cp1252 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf16be = (text: string) => Uint8Array.from(Buffer.from(text, 'utf16le').swap16());
const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part)] : [...part])));

describe('decodeText reads', () => {
  test.each([
    ['UTF-8', bytes(TEXT), 'utf-8'],
    ['UTF-8 with a byte-order mark, the mark dropped', bytes([0xef, 0xbb, 0xbf], TEXT), 'utf-8'],
    ['UTF-16 LE with a byte-order mark', bytes([0xff, 0xfe], Buffer.from(TEXT, 'utf16le')), 'utf-16le'],
    ['UTF-16 BE with a byte-order mark', bytes([0xfe, 0xff], utf16be(TEXT)), 'utf-16be'],
    ['UTF-16 LE without a byte-order mark', bytes(Buffer.from(TEXT, 'utf16le')), 'utf-16le'],
    ['UTF-16 BE without a byte-order mark', utf16be(TEXT), 'utf-16be'],
    ['Windows-1252 (Latin-1 letters)', cp1252(TEXT), 'windows-1252'],
  ])('%s', (_what, input, encoding) => {
    expect(decodeText(input, 'f.yaml')).toEqual({ text: TEXT, encoding });
  });

  test('Windows-1252 beyond Latin-1: all of 0x80–0x9F it defines (the euro sign, curly quotes, dashes)', () => {
    const undefinedBytes = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    const defined = [...Array(32).keys()].map((i) => 0x80 + i).filter((b) => !undefinedBytes.includes(b));
    expect(
      decodeText(
        bytes(
          'x: ',
          defined.flatMap((b) => [b, 0x20]),
        ),
        'f',
      ).text,
    ).toBe('x: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ ');
  });

  test.each([
    ['CR-only (old Mac)', 'a: 1\rb: 2\r'],
    ['CRLF (Windows)', 'a: 1\r\nb: 2\r\n'],
    ['mixed', 'a: 1\r\nb: 2\r'],
  ])('line ends %s become LF', (_what, text) => {
    expect(decodeText(bytes(text), 'f').text).toBe('a: 1\nb: 2\n');
  });

  test('a byte-order mark inside the text is the text’s own', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'a\uFEFFb'), 'f').text).toBe('a\uFEFFb');
  });

  test('Windows-1252 German where "ß“" happens to be a valid UTF-8 pair', () => {
    const text = 'note: „Grüße aus Köln, Gruß“ – Jürgen\n';
    expect(
      decodeText(cp1252(text.replace('„', '\u0084').replace('“', '\u0093').replace('–', '\u0096')), 'f').text,
    ).toBe(text);
  });

  test('an empty file is empty text', () => {
    expect(decodeText(new Uint8Array(0), 'f')).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('decodeText refuses by name, never mangles', () => {
  const refusal = (input: Uint8Array): string[] => {
    try {
      decodeText(input, 'f.csv');
    } catch (error) {
      if (error instanceof InputError) return error.lines;
      throw error;
    }
    throw new Error('read, not refused');
  };

  test.each([
    ['UTF-32 LE', bytes([0xff, 0xfe, 0, 0], [0x61, 0, 0, 0]), /^f\.csv: is UTF-32 text, which is not read$/],
    ['UTF-32 BE', bytes([0, 0, 0xfe, 0xff], [0, 0, 0, 0x61]), /^f\.csv: is UTF-32 text, which is not read$/],
    [
      'UTF-16 cut in the middle of a character',
      bytes([0xff, 0xfe], [0x61, 0, 0x62]),
      /^f\.csv: is not valid UTF-16LE text/,
    ],
    [
      'UTF-8 with a Windows-1252 byte pasted in (line 2, after "é")',
      bytes('name: Café\nnote: caf', [0xe9], '\n'),
      /^f\.csv:2:10: parts of it are UTF-8, but byte 0xE9 here is not UTF-8$/,
    ],
    [
      'a UTF-8 byte-order mark, then a byte that is not UTF-8',
      bytes([0xef, 0xbb, 0xbf], 'ab\ncd', [0xff]),
      /^f\.csv:2:3: it starts with a UTF-8 byte-order mark, but byte 0xFF here is not UTF-8$/,
    ],
    [
      'Cyrillic in Windows-1251 ("Иван")',
      bytes('name: ', [0xc8, 0xe2, 0xe0, 0xed], '\n'),
      /^f\.csv: is neither UTF-8 nor Windows-1252 \(Western European\) text/,
    ],
    [
      'a byte Windows-1252 leaves undefined',
      bytes('name: Caf', [0x81], '\n'),
      /^f\.csv: is neither UTF-8 nor Windows-1252/,
    ],
    [
      'Japanese in Shift-JIS ("日本語のテキスト")',
      bytes(
        'note: ',
        [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x83, 0x65, 0x83, 0x4c, 0x83, 0x58, 0x83, 0x67],
        '\n',
      ),
      /^f\.csv: is neither UTF-8 nor Windows-1252/,
    ],
  ])('%s', (_what, input, message) => {
    const lines = refusal(input);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe('encodingNote', () => {
  test('speaks only of Windows-1252, the one encoding guessed', () => {
    expect(encodingNote('r.csv', 'utf-8')).toBeUndefined();
    expect(encodingNote('r.csv', 'utf-16le')).toBeUndefined();
    expect(encodingNote('r.csv', 'windows-1252')).toMatch(
      /^r\.csv: note: not UTF-8, so read as Windows-1252/,
    );
  });

  test('a file name cannot start a line of its own', () => {
    expect(encodingNote('a\nb\u001b[2J.csv', 'windows-1252')).toMatch(/^a\?b\?\[2J\.csv: note: /);
  });
});
