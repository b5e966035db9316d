/** Refuse before parsing: a questionnaire's answers or bank is never this big, an attack or a wrong file may be. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export const TOO_LARGE = `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; this is not an answers or bank file`;

/** Shaped like the file system's own refusal of a file too large, so every reader words it from one table. */
export const tooLargeError = (): NodeJS.ErrnoException =>
  Object.assign(new Error(TOO_LARGE), { code: 'EFBIG' });

/**
 * A stream (stdin, a FIFO, a device) read to its end, or refused with tooLargeError() past MAX_INPUT_BYTES
 * instead of buffering without end. Leaving the loop early destroys the stream.
 */
export async function readCapped(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw tooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The longest answer the questionnaire takes for a text question, in characters: pages of text, far beyond a
 * reflection, yet small enough that a paste stays quick to draw and a saved answers file stays readable.
 */
export const MAX_TEXT_ANSWER = 20_000;
