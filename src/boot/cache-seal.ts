/**
 * The header that makes a damaged compile cache detectable before V8 sees it. V8 checks a code cache's version,
 * flags and source length, but in release builds not its contents: one flipped byte can crash or hang the
 * process, or run something else. So each cache file is
 *
 *   MAGIC (8 bytes) | payload length (uint32 LE) | CRC-32 of key + payload (uint32 LE) | payload
 *
 * where the key names the exact script and run the payload was made for (the cache file's name: build, file
 * size and time, Node version, kind of run). CRC-32 detects every error within 32 consecutive bits, so every
 * single damaged byte, with certainty, and other damage but for a 2^-32 chance. It is a check against damage,
 * not against forgery: what stops another user's cache is that it is never read (private-file.ts).
 * CRC-32 because node:zlib's was the cheapest check measured (node:crypto takes longer to load, and a hash in
 * JavaScript runs interpreted this early in a process; README, Performance).
 */
const MAGIC = Buffer.from('wfw-v8c1', 'latin1');
const HEADER_BYTES = MAGIC.length + 8;

function crc(key: string, payload: Uint8Array): number {
  const { crc32 } = process.getBuiltinModule('node:zlib');
  return crc32(payload, crc32(key));
}

/** The file's content as chunks to write: header, then payload. */
export function seal(key: string, payload: Uint8Array): Uint8Array[] {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(payload.length, MAGIC.length);
  header.writeUInt32LE(crc(key, payload), MAGIC.length + 4);
  return [header, payload];
}

/** The payload, if the file is whole and was sealed with this key; else undefined. */
export function unseal(key: string, file: Buffer): Buffer | undefined {
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (file.readUInt32LE(MAGIC.length) !== file.length - HEADER_BYTES) return undefined;
  const payload = file.subarray(HEADER_BYTES);
  return file.readUInt32LE(MAGIC.length + 4) === crc(key, payload) ? payload : undefined;
}
