import { InputError } from './errors.js';

/** How a file's bytes became text. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
}

const SAVE_AS_UTF8 = 'Save it as UTF-8 (in Excel: Save As, "CSV UTF-8"; in an editor: the encoding menu).';

/**
 * Turns a file's bytes into text, the one place where that happens for answers files, banks and form exports.
 * UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark (or without one, told by its zero bytes), and
 * the Windows-1252 that Excel and older Windows editors write are read; what would come out mangled is refused
 * by name instead. Line ends become `\n`, so a file with old Mac CR-only ends has lines too.
 */
export function decodeText(bytes: Uint8Array, name: string): DecodedText {
  const { text, encoding } = decodeBytes(bytes, name);
  return { text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, encoding };
}

function decodeBytes(bytes: Uint8Array, name: string): DecodedText {
  // By index: destructuring a typed array goes through its iterator, which a team run pays 100,000 times.
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  const b3 = bytes[3];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = strict('utf-8', bytes.subarray(3));
    if (text === undefined) throw notUtf8(bytes, name, 'it starts with a UTF-8 byte-order mark, but ');
    return { text, encoding: 'utf-8' };
  }
  if (
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
  )
    throw new InputError([`${name}: is UTF-32 text, which is not read`], SAVE_AS_UTF8);
  const marked =
    b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : undefined;
  const utf16 = marked ?? utf16WithoutMark(bytes);
  if (utf16) {
    const text = strict(utf16, marked ? bytes.subarray(2) : bytes);
    if (text === undefined)
      throw new InputError([`${name}: is not valid ${utf16.toUpperCase()} text (cut short?)`], SAVE_AS_UTF8);
    return { text, encoding: utf16 };
  }
  const text = strict('utf-8', bytes);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  if (!looksWestern(bytes)) {
    throw new InputError(
      [`${name}: is neither UTF-8 nor Windows-1252 (Western European) text; another encoding is not guessed`],
      SAVE_AS_UTF8,
    );
  }
  // As many valid UTF-8 sequences as bytes that break it: a UTF-8 file with something else pasted in, and read
  // either way one part would come out wrong. (Windows-1252 text has a valid pair only by chance, as in "ß“".)
  const scan = scanUtf8(bytes);
  if (scan.multiByte >= scan.invalid) throw notUtf8(bytes, name, 'parts of it are UTF-8, but ');
  return { text: windows1252(bytes), encoding: 'windows-1252' };
}

/** What Windows-1252 puts at 0x80–0x9F, where Latin-1 has controls (the five it leaves undefined kept as they are). */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** By table: Node 20's TextDecoder('windows-1252') reads 0x80–0x9F as Latin-1 controls (Node 22 does not). */
function windows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    units[i] = byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_80_9F.charCodeAt(byte - 0x80) : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}

/**
 * One decoder per encoding, made when first needed and kept while it decodes without fault (a team run decodes
 * 100,000 files): without `stream`, a decode leaves nothing behind for the next.
 */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function strict(encoding: string, bytes: Uint8Array): string | undefined {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    // ignoreBOM: the mark is dropped by the caller; one more would be the text's own.
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    // What a failed decode leaves in the decoder is not for the next file to find.
    decoders.delete(encoding);
    return undefined;
  }
}

/**
 * UTF-16 saved without a byte-order mark: ASCII text then has a zero byte in every other place. Text of any
 * other encoding has no zero bytes at all.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0 || !bytes.includes(0)) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  const pairs = Math.min(bytes.length, 4096) / 2;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  if (oddZeros >= pairs / 2 && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= pairs / 2 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** The bytes that break UTF-8 (how many, and the first), and how many well-formed multi-byte characters there are. */
function scanUtf8(bytes: Uint8Array): { firstInvalid: number; invalid: number; multiByte: number } {
  let firstInvalid = -1;
  let invalid = 0;
  let multiByte = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : 4;
    let ok = lead < 0x80 || (lead >= 0xc2 && lead <= 0xf4);
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok && length === 3) {
      const next = bytes[i + 1] as number;
      ok = !(lead === 0xe0 && next < 0xa0) && !(lead === 0xed && next > 0x9f);
    } else if (ok && length === 4) {
      const next = bytes[i + 1] as number;
      ok = !(lead === 0xf0 && next < 0x90) && !(lead === 0xf4 && next > 0x8f);
    }
    if (ok) {
      if (length > 1) multiByte += 1;
      i += length;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid += 1;
      i += 1;
    }
  }
  return { firstInvalid, invalid, multiByte };
}

/**
 * Western European text in Windows-1252 has its accented letters among plain ones ("Café", "Müller"); Cyrillic,
 * Greek or Asian text read that way would be runs of accented gibberish, and Windows-1252 leaves five bytes
 * undefined. Either means the file is in some other encoding, which is refused rather than guessed.
 */
function looksWestern(bytes: Uint8Array): boolean {
  let run = 0;
  for (const byte of bytes) {
    if (byte === 0x81 || byte === 0x8d || byte === 0x8f || byte === 0x90 || byte === 0x9d) return false;
    run = byte >= 0x80 ? run + 1 : 0;
    if (run >= 4) return false;
  }
  return true;
}

function notUtf8(bytes: Uint8Array, name: string, why: string): InputError {
  const offset = scanUtf8(bytes).firstInvalid;
  const before = bytes.subarray(0, Math.max(offset, 0));
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const line = before.reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
  const column = new TextDecoder().decode(before.subarray(lineStart)).length + 1;
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new InputError([`${name}:${line}:${column}: ${why}byte 0x${byte} here is not UTF-8`], SAVE_AS_UTF8);
}

/**
 * One line on stderr when a file was not UTF-8 and was read as Windows-1252: right for Western European text,
 * and the one guess here, so the user hears of it (a Central European file would come out with wrong letters).
 */
export function encodingNote(name: string, encoding: Encoding): string | undefined {
  if (encoding !== 'windows-1252') return undefined;
  // The name may come from a folder listing: nothing in it may move the cursor or start a new line.
  const shown = [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || (c >= '\u007f' && c <= '\u009f') ? '?' : c))
    .join('');
  return `${shown}: note: not UTF-8, so read as Windows-1252 (Western European); if letters look wrong, save it as UTF-8`;
}
